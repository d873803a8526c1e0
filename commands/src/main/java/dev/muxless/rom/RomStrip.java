// STAND-IN: replaced by the rom area at merge
package dev.muxless.rom;

import dev.muxless.core.MuxlessException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Stand-in for the rom area's RomStrip, with the contract's signature: finds the first 55 AA at a
 * 512-byte boundary with a valid PCIR, follows the image chain to the last image, and returns that
 * span. The rom area's implementation replaces this file at merge.
 */
public final class RomStrip {
  private RomStrip() {}

  public static StrippedRom strip(byte[] data, String fileName) {
    for (int start = 0; start + 0x1A < data.length; start += 512) {
      int end = chainEnd(data, start);
      if (end > start) {
        List<String> removed = new ArrayList<>();
        if (start > 0) {
          removed.add(start + " bytes before the ROM at 0x" + Integer.toHexString(start));
        }
        if (end < data.length) {
          removed.add((data.length - end) + " bytes after the last image");
        }
        return new StrippedRom(Arrays.copyOfRange(data, start, end), start, end, removed);
      }
    }
    throw MuxlessException.badInput(
        fileName + ": no PCI option ROM (55 AA with a PCIR structure) found",
        "give a VBIOS file, for example one written by 'rom strip' or 'rom extract'");
  }

  /** End offset of the image chain starting at {@code start}, or -1 when there is none. */
  private static int chainEnd(byte[] d, int start) {
    int at = start;
    while (true) {
      if (at + 0x1A > d.length || (d[at] & 0xFF) != 0x55 || (d[at + 1] & 0xFF) != 0xAA) {
        return at == start ? -1 : at;
      }
      int pcir = at + u16(d, at + 0x18);
      if (pcir + 0x18 > d.length
          || d[pcir] != 'P'
          || d[pcir + 1] != 'C'
          || d[pcir + 2] != 'I'
          || d[pcir + 3] != 'R') {
        return at == start ? -1 : at;
      }
      int len = u16(d, pcir + 0x10) * 512;
      if (len == 0 || at + len > d.length) {
        return at == start ? -1 : Math.min(d.length, at + Math.max(len, 512));
      }
      at += len;
      if ((d[pcir + 0x15] & 0x80) != 0) {
        return at;
      }
    }
  }

  private static int u16(byte[] d, int o) {
    return (d[o] & 0xFF) | (d[o + 1] & 0xFF) << 8;
  }
}
