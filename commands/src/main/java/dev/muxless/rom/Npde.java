package dev.muxless.rom;

/**
 * NVIDIA's PCI Data Extension (NV_PCI_DATA_EXT_STRUCT, pci_exp_table.h), found right after the PCIR
 * rounded up to 16 bytes (nouveau npde.c, nova-core, NVIDIA tu102.c). Its sub-image length
 * (512-byte units) and private last-image flag are what NVIDIA's driver walks by.
 */
public record Npde(
    long offset, int revision, int length, int subimageLength, int privLastImage, int flags) {
  public static final int FLAG_CHECKSUM_DISABLED = 0x04;

  static Npde after(byte[] d, Pcir pcir) {
    long off = (pcir.offset() + pcir.length() + 0xF) & ~0xFL;
    if (!"NPDE".equals(Bytes.sig4(d, off)) || !Bytes.has(d, off, 0x0C)) {
      return null;
    }
    return new Npde(
        off,
        Bytes.u16(d, off + 4),
        Bytes.u16(d, off + 6),
        Bytes.u16(d, off + 8),
        Bytes.u8(d, off + 0xA),
        Bytes.u8(d, off + 0xB));
  }

  public boolean lastFlag() {
    return (privLastImage & 0x80) != 0;
  }
}
