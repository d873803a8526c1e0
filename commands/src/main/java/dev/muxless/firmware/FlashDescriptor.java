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

  /**
   * One used region, {@code end} clamped to the image; {@code problem} is non-null when the
   * descriptor says it reaches past the end of the image (a truncated dump).
   */
  record Region(int index, String name, long base, long end, String problem) {}

  static boolean present(byte[] d) {
    return d.length >= 0x1000 && Le.u32(d, 0x10) == SIGNATURE;
  }

  /**
   * The used regions; a region reaching past the end of the image is cut at the end and carries a
   * problem (one starting past the end is left out, with its problem, as an empty region).
   */
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
      String problem = null;
      long end = limit + 1;
      if (limit >= d.length) {
        problem =
            String.format(
                "flash descriptor: %s region 0x%x-0x%x (FLREG%d at offset 0x%x) runs past the end"
                    + " of the 0x%x-byte image; walked what is there",
                NAMES[i], base, limit, i, frba + 4 * i, d.length);
        end = d.length;
        base = Math.min(base, d.length);
      }
      out.add(new Region(i, NAMES[i], base, end, problem));
    }
    return out;
  }
}
