package dev.muxless.rom;

/**
 * The EFI fields of an EFI_PCI_EXPANSION_ROM_HEADER (edk2 Pci22.h): initialization size (512-byte
 * units), EFI signature 0x0EF1, subsystem, machine type, compression type and the offset of the PE
 * image inside the ROM image.
 */
public record EfiImageHeader(
    int initializationSize,
    long efiSignature,
    int subsystem,
    int machineType,
    int compressionType,
    int imageHeaderOffset) {
  public static final long SIGNATURE = 0x0EF1;

  static EfiImageHeader at(byte[] d, long imageOffset) {
    if (!Bytes.has(d, imageOffset, 0x18)) {
      return null;
    }
    return new EfiImageHeader(
        Bytes.u16(d, imageOffset + 2),
        Bytes.u32(d, imageOffset + 4),
        Bytes.u16(d, imageOffset + 8),
        Bytes.u16(d, imageOffset + 0xA),
        Bytes.u16(d, imageOffset + 0xC),
        Bytes.u16(d, imageOffset + 0x16));
  }

  public boolean valid() {
    return efiSignature == SIGNATURE;
  }

  /** Names as rom-parser prints them (rom-parser-format.md §4). */
  public static String subsystemName(int s) {
    return switch (s) {
      case 0xB -> "Boot";
      case 0xC -> "Runtime";
      default -> "Unknown (" + Integer.toHexString(s) + ")";
    };
  }

  public static String machineName(int m) {
    return switch (m) {
      case 0x014C -> "IA-32";
      case 0x0200 -> "Itanium";
      case 0x0EBC -> "EFI Byte Code";
      case 0x8664 -> "X64";
      case 0x01C2 -> "ARM";
      case 0xAA64 -> "ARM 64-bit";
      default -> "Unknown (" + Integer.toHexString(m) + ")";
    };
  }

  public boolean compressed() {
    return compressionType == 1;
  }
}
