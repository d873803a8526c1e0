package dev.muxless.firmware;

import java.util.ArrayList;
import java.util.List;

/**
 * The Intel flash descriptor at the start of an SPI flash image: signature 0x0FF0A55A at 0x10,
 * FLMAP0 at 0x14 whose bits 23:16 give FRBA (region base, in 16-byte units), and one FLREG per
 * region: base = bits 14:0 &lt;&lt; 12, limit = bits 30:16 &lt;&lt; 12 | 0xFFF, unused when base
 * &gt; limit (Intel PCH datasheets, "Flash Descriptor"; coreboot util/ifdtool/ifdtool.h).
 */
final class FlashDescriptor {
  private FlashDescriptor() {}

  static final long SIGNATURE = 0x0FF0A55AL;
  private static final String[] NAMES = {
    "Descriptor",
    "BIOS",
    "ME",
    "GbE",
    "PDR",
    "DevExp1",
    "BIOS2",
    "Region7",
    "EC",
    "DevExp2",
    "IE",
    "10GbE1",
    "10GbE2",
    "Region13",
    "Region14",
    "PTT"
  };

  record Region(int index, String name, long base, long end) {}

  static boolean present(byte[] d) {
    return d.length >= 0x1000 && Le.u32(d, 0x10) == SIGNATURE;
  }

  /** The used regions; a region reaching past the end of the image is a format error. */
  static List<Region> regions(byte[] d) {
    long flmap0 = Le.u32(d, 0x14);
    int frba = (int) ((flmap0 >> 16) & 0xFF) << 4;
    List<Region> out = new ArrayList<>();
    for (int i = 0; i < NAMES.length && frba + 4 * i + 4 <= 0x1000; i++) {
      long v = Le.u32(d, frba + 4 * i);
      long base = (v & 0x7FFF) << 12;
      long limit = ((v >> 16) & 0x7FFF) << 12 | 0xFFF;
      if (v == 0xFFFFFFFFL || base > limit || (i != 0 && base == 0)) {
        continue;
      }
      if (limit >= d.length) {
        throw new FirmwareFormatException(
            String.format(
                "flash descriptor: %s region 0x%x-0x%x (FLREG%d at offset 0x%x) runs past the end"
                    + " of the 0x%x-byte image",
                NAMES[i], base, limit, i, frba + 4 * i, d.length),
            -1);
      }
      out.add(new Region(i, NAMES[i], base, limit + 1));
    }
    return out;
  }
}
