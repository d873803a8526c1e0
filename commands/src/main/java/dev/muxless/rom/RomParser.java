// STAND-IN: replaced by the rom area at merge
package dev.muxless.rom;

import java.util.ArrayList;
import java.util.List;

/**
 * Minimal stand-in for the rom area's parser so the firmware area compiles before the merge: walks
 * PCIR images only (PCI Firmware spec 3.0: 55 AA, PCIR pointer at 0x18, ImageLength in 512-byte
 * units, Indicator bit 7 = last). The real parser also follows NPDE and reads the BIT.
 */
public final class RomParser {
  private RomParser() {}

  public static RomReport parse(byte[] data, String fileName) {
    for (int off = 0; off + 0x1A <= data.length; off += 512) {
      RomReport r = chainAt(data, fileName, off);
      if (r != null) {
        return r;
      }
    }
    return new RomReport(
        fileName,
        data.length,
        -1,
        List.of(),
        null,
        List.of(new RomProblem(Severity.ERROR, 0, "no option ROM found")));
  }

  public static List<RomReport> scan(byte[] data, String name, int alignment) {
    List<RomReport> out = new ArrayList<>();
    int step = Math.max(1, alignment);
    long skipUntil = -1;
    for (int off = 0; off + 0x1A <= data.length; off += step) {
      if (off < skipUntil) {
        continue;
      }
      RomReport r = chainAt(data, name, off);
      if (r != null) {
        out.add(r);
        RomImage last = r.images().get(r.images().size() - 1);
        skipUntil = last.offset() + last.length();
      }
    }
    return out;
  }

  private static RomReport chainAt(byte[] d, String name, int start) {
    List<RomImage> images = new ArrayList<>();
    long off = start;
    while (off + 0x1A <= d.length && images.size() < 16) {
      int o = (int) off;
      if ((d[o] & 0xFF) != 0x55 || (d[o + 1] & 0xFF) != 0xAA) {
        break;
      }
      int pcir = o + u16(d, o + 0x18);
      if (pcir + 0x18 > d.length
          || d[pcir] != 'P'
          || d[pcir + 1] != 'C'
          || d[pcir + 2] != 'I'
          || d[pcir + 3] != 'R') {
        break;
      }
      long len = u16(d, pcir + 0x10) * 512L;
      if (len == 0) {
        break;
      }
      boolean last = (d[pcir + 0x15] & 0x80) != 0;
      String cls =
          String.format(
              "%02x%02x%02x", d[pcir + 0xF] & 0xFF, d[pcir + 0xE] & 0xFF, d[pcir + 0xD] & 0xFF);
      images.add(
          new RomImage(
              off,
              Math.min(len, d.length - off),
              d[pcir + 0x14] & 0xFF,
              String.format("%04x", u16(d, pcir + 4)),
              String.format("%04x", u16(d, pcir + 6)),
              cls,
              last));
      if (last) {
        break;
      }
      off += len;
    }
    if (images.isEmpty()) {
      return null;
    }
    RomImage first = images.get(0);
    NvidiaInfo nv =
        "10de".equals(first.vendorId()) && first.classCode().startsWith("03")
            ? new NvidiaInfo("unknown", first.classCode().equals("030200"))
            : null;
    return new RomReport(name, d.length, start, List.copyOf(images), nv, List.of());
  }

  private static int u16(byte[] d, int o) {
    return (d[o] & 0xFF) | (d[o + 1] & 0xFF) << 8;
  }
}
