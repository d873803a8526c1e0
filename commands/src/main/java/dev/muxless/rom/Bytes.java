package dev.muxless.rom;

/**
 * Bounded little-endian reads over a ROM buffer. Every read outside the buffer returns -1 (or
 * false) instead of throwing, which is what makes the parser total: rom-parser's crash on
 * kvmvapic.bin came from exactly such an unchecked read (rom-parser-format.md §5).
 */
final class Bytes {
  private Bytes() {}

  static boolean has(byte[] d, long off, long len) {
    return off >= 0 && len >= 0 && off <= d.length && len <= d.length - off;
  }

  static int u8(byte[] d, long off) {
    return has(d, off, 1) ? d[(int) off] & 0xff : -1;
  }

  static int u16(byte[] d, long off) {
    return has(d, off, 2) ? (d[(int) off] & 0xff) | (d[(int) off + 1] & 0xff) << 8 : -1;
  }

  /** An unsigned 32-bit value, or -1 when out of range. */
  static long u32(byte[] d, long off) {
    if (!has(d, off, 4)) {
      return -1;
    }
    int o = (int) off;
    return (d[o] & 0xffL)
        | (d[o + 1] & 0xffL) << 8
        | (d[o + 2] & 0xffL) << 16
        | (d[o + 3] & 0xffL) << 24;
  }

  /** A 4-character ASCII signature ("PCIR"), or null when out of range. */
  static String sig4(byte[] d, long off) {
    if (!has(d, off, 4)) {
      return null;
    }
    char[] c = new char[4];
    for (int i = 0; i < 4; i++) {
      c[i] = (char) (d[(int) off + i] & 0xff);
    }
    return new String(c);
  }

  /** Byte sum mod 256 of [off, off+len); -1 when the range is outside the buffer. */
  static int sum8(byte[] d, long off, long len) {
    if (!has(d, off, len)) {
      return -1;
    }
    int s = 0;
    for (int i = (int) off, end = (int) (off + len); i < end; i++) {
      s += d[i];
    }
    return s & 0xff;
  }

  static String hex(long v) {
    return "0x" + Long.toHexString(v);
  }

  /** A printable version of a short ASCII string found in a ROM (\r\n and NULs dropped). */
  static String cstring(byte[] d, long off, int max) {
    if (!has(d, off, 1)) {
      return null;
    }
    StringBuilder b = new StringBuilder();
    for (long i = off; i < off + max && i < d.length; i++) {
      int c = d[(int) i] & 0xff;
      if (c == 0) {
        break;
      }
      b.append(c >= 0x20 && c < 0x7f ? (char) c : ' ');
    }
    return b.toString().strip();
  }
}
