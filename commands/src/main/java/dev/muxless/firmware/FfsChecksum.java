package dev.muxless.firmware;

/**
 * The integrity checks of an FFS file header (PI spec vol. 3, 2.2.3 EFI_FFS_FILE_HEADER,
 * IntegrityCheck): the 8-bit sum of the header is zero when IntegrityCheck.File and State count as
 * zero; the file's data sums to zero with IntegrityCheck.File when FFS_ATTRIB_CHECKSUM is set, and
 * otherwise that byte is the fixed 0xAA. UEFITool checks the same.
 */
final class FfsChecksum {
  static final int FFS_ATTRIB_CHECKSUM = 0x40;
  static final int FFS_FIXED_CHECKSUM = 0xAA;

  private FfsChecksum() {}

  /** A plain description of what fails, or null when both checks pass. */
  static String verify(byte[] d, int file, int headerLength, int bodyLength, int attributes) {
    int sum = 0;
    for (int i = 0; i < headerLength; i++) {
      if (i == 0x11 || i == 0x17) {
        continue; // IntegrityCheck.File and State are outside the header checksum
      }
      sum += d[file + i] & 0xFF;
    }
    if ((sum & 0xFF) != 0) {
      return String.format("header checksum fails (8-bit sum 0x%02x, not 0)", sum & 0xFF);
    }
    int stored = d[file + 0x11] & 0xFF;
    if ((attributes & FFS_ATTRIB_CHECKSUM) == 0) {
      return stored == FFS_FIXED_CHECKSUM
          ? null
          : String.format(
              "data checksum byte is 0x%02x where a file without FFS_ATTRIB_CHECKSUM has 0xAA",
              stored);
    }
    int data = stored;
    for (int i = 0; i < bodyLength; i++) {
      data += d[file + headerLength + i] & 0xFF;
    }
    return (data & 0xFF) == 0
        ? null
        : String.format("data checksum fails (8-bit sum 0x%02x, not 0)", data & 0xFF);
  }
}
