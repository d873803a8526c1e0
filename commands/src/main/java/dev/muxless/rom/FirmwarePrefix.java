package dev.muxless.rom;

/**
 * NVIDIA's "NVGI" IFR block in front of the PCI expansion ROM in nvflash/firmware files, followed
 * as NVIDIA's driver does (s_romImgFindPciHeader_TU102, kernel_gsp_vbios_tu102.c; field layout in
 * dev_bus.h): version 1-2 store the ROM offset after the fixed data, version 3 in the "RFRD" ROM
 * directory 4 KiB after the flash status area.
 *
 * @param romOffset where the prefix says the ROM starts, or -1 when it could not be followed
 */
public record FirmwarePrefix(String kind, int version, long romOffset, String detail) {
  static final long NVGI = 0x4947564EL;
  static final long RFRD = 0x44524652L;

  /** The prefix at offset 0, or null when the file does not start with "NVGI". */
  static FirmwarePrefix find(byte[] d) {
    if (Bytes.u32(d, 0) != NVGI) {
      return null;
    }
    long fixed1 = Bytes.u32(d, 4);
    long fixed2 = Bytes.u32(d, 8);
    if (fixed1 < 0 || fixed2 < 0) {
      return new FirmwarePrefix("NVGI", -1, -1, "header truncated");
    }
    int version = (int) ((fixed1 >> 8) & 0xff);
    long fixedDataSize = (fixed1 >> 16) & 0x7fff;
    long totalDataSize = fixed2 & 0xfffff;
    if (version == 1 || version == 2) {
      long rom = Bytes.u32(d, fixedDataSize + 4);
      return new FirmwarePrefix(
          "NVGI", version, rom, "ROM offset at " + Bytes.hex(fixedDataSize + 4));
    }
    if (version == 3) {
      long flashStatus = Bytes.u32(d, totalDataSize);
      if (flashStatus < 0) {
        return new FirmwarePrefix("NVGI", 3, -1, "flash status offset outside the file");
      }
      long romDir = flashStatus + 4096;
      if (Bytes.u32(d, romDir) != RFRD) {
        return new FirmwarePrefix("NVGI", 3, -1, "no RFRD ROM directory at " + Bytes.hex(romDir));
      }
      return new FirmwarePrefix(
          "NVGI", 3, Bytes.u32(d, romDir + 8), "RFRD ROM directory at " + Bytes.hex(romDir));
    }
    return new FirmwarePrefix("NVGI", version, -1, "unknown IFR version " + version);
  }
}
