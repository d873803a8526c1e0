package dev.muxless.rom;

/**
 * One image of a ROM chain, as the NVIDIA-aware walk found it.
 *
 * @param offset absolute offset in the file
 * @param length the length the walk used: NPDE sub-image length when present, else PCIR length
 * @param codeType PCIR code type (0 x86, 3 EFI, 0x70 NBSI, 0xE0 NVIDIA)
 * @param vendorId four lowercase hex digits ("10de")
 * @param classCode base, sub-class, prog-if ("030200")
 * @param last what the walk decided (NPDE private flag when present, else PCIR indicator bit 7)
 * @param header the image header (signature, init size, PCIR pointer)
 * @param pcir the PCI data structure
 * @param npde NVIDIA's extension, or null
 * @param efi the EFI header fields for code type 3, or null
 * @param checksumOk for x86 images, whether the first initSize*512 bytes sum to 0; null otherwise
 */
public record RomImage(
    long offset,
    long length,
    int codeType,
    String vendorId,
    String deviceId,
    String classCode,
    boolean last,
    RomHeader header,
    Pcir pcir,
    Npde npde,
    EfiImageHeader efi,
    Boolean checksumOk) {

  /** The contract's seven fields, without the structures they were read from. */
  public RomImage(
      long offset,
      long length,
      int codeType,
      String vendorId,
      String deviceId,
      String classCode,
      boolean last) {
    this(
        offset, length, codeType, vendorId, deviceId, classCode, last, null, null, null, null,
        null);
  }

  public static String codeTypeName(int t) {
    return switch (t) {
      case 0x00 -> "x86";
      case 0x01 -> "OpenFirmware";
      case 0x02 -> "PA-RISC";
      case 0x03 -> "EFI";
      case 0x70 -> "NBSI";
      case 0xE0 -> "NVIDIA";
      default -> "type " + Integer.toHexString(t);
    };
  }

  public long end() {
    return offset + length;
  }
}
