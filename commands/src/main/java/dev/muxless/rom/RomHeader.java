package dev.muxless.rom;

/**
 * The start of one image: {@code 55 AA} (PCI, Pci22.h EFI_LEGACY_EXPANSION_ROM_HEADER), or NVIDIA's
 * private {@code "VN"} (0x4E56) and 0xBB77 signatures (pci_exp_table.h, nouveau image.c). Byte 2 is
 * the legacy init size in 512-byte units; +0x18 points to the PCI data structure.
 *
 * @param offset absolute offset in the file
 * @param signature the u16 at +0 (0xAA55, 0x4E56 or 0xBB77)
 * @param initSize header byte 2 (512-byte units)
 * @param pcirPointer the u16 at +0x18, relative to the image
 */
public record RomHeader(long offset, int signature, int initSize, int pcirPointer) {
  public static final int PCI = 0xAA55;
  public static final int NV = 0x4E56;
  public static final int NV_BB77 = 0xBB77;

  /** The header at off, or null when there is no accepted signature there. */
  static RomHeader at(byte[] d, long off) {
    int sig = Bytes.u16(d, off);
    if (sig != PCI && sig != NV && sig != NV_BB77) {
      return null;
    }
    return new RomHeader(
        off, sig, Math.max(0, Bytes.u8(d, off + 2)), Math.max(0, Bytes.u16(d, off + 0x18)));
  }

  /** "55aa", "VN" or "bb77", as users see them in a hex dump. */
  public String signatureName() {
    return switch (signature) {
      case PCI -> "55aa";
      case NV -> "VN";
      default -> "77bb";
    };
  }

  public long pcirOffset() {
    return offset + pcirPointer;
  }
}
