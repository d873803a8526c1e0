package dev.muxless.rom;

/**
 * The PCI Data Structure (PCI 3.0 layout, edk2 Pci30.h PCI_3_0_DATA_STRUCTURE; NVIDIA also accepts
 * the signatures "NPDS" and "RGIS", pci_exp_table.h). Image length and max runtime length are in
 * 512-byte units; bit 7 of the indicator marks the last image.
 */
public record Pcir(
    long offset,
    String signature,
    int vendorId,
    int deviceId,
    int deviceListOffset,
    int length,
    int revision,
    int classCode,
    int imageLength,
    int codeRevision,
    int codeType,
    int indicator,
    int maxRuntimeImageLength) {

  /** The structure at off when it carries an accepted signature and fits in the file, else null. */
  static Pcir at(byte[] d, long off) {
    String sig = Bytes.sig4(d, off);
    if (!("PCIR".equals(sig) || "NPDS".equals(sig) || "RGIS".equals(sig))) {
      return null;
    }
    if (!Bytes.has(d, off, 0x18)) {
      return null;
    }
    int cls = Bytes.u8(d, off + 0xD) | Bytes.u8(d, off + 0xE) << 8 | Bytes.u8(d, off + 0xF) << 16;
    return new Pcir(
        off,
        sig,
        Bytes.u16(d, off + 4),
        Bytes.u16(d, off + 6),
        Bytes.u16(d, off + 8),
        Bytes.u16(d, off + 0xA),
        Bytes.u8(d, off + 0xC),
        cls,
        Bytes.u16(d, off + 0x10),
        Bytes.u16(d, off + 0x12),
        Bytes.u8(d, off + 0x14),
        Bytes.u8(d, off + 0x15),
        Math.max(0, Bytes.u16(d, off + 0x16)));
  }

  public boolean lastFlag() {
    return (indicator & 0x80) != 0;
  }
}
