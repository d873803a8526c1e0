package dev.muxless.firmware;

/**
 * Little-endian reads that never run past the buffer: callers check bounds first with {@link
 * #fits}.
 */
final class Le {
  private Le() {}

  static boolean fits(byte[] d, long off, long len) {
    return off >= 0 && len >= 0 && off + len <= d.length;
  }

  static int u8(byte[] d, int o) {
    return d[o] & 0xFF;
  }

  static int u16(byte[] d, int o) {
    return (d[o] & 0xFF) | (d[o + 1] & 0xFF) << 8;
  }

  static int u24(byte[] d, int o) {
    return u16(d, o) | (d[o + 2] & 0xFF) << 16;
  }

  static long u32(byte[] d, int o) {
    return (u16(d, o) | (long) u16(d, o + 2) << 16) & 0xFFFFFFFFL;
  }

  static long u64(byte[] d, int o) {
    return u32(d, o) | u32(d, o + 4) << 32;
  }

  static boolean ascii(byte[] d, int o, String s) {
    if (!fits(d, o, s.length())) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (d[o + i] != (byte) s.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  static boolean allBytes(byte[] d, int o, int len, int value) {
    for (int i = o; i < o + len && i < d.length; i++) {
      if ((d[i] & 0xFF) != value) {
        return false;
      }
    }
    return true;
  }
}
