package dev.muxless.acpi;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;

/** Synthetic ROM contents for tests. */
final class TestRoms {
  private TestRoms() {}

  /**
   * acpi-rom.md 4's test pattern (genpattern.py): SHA-256(b"VBIOS-TEST" + LE32 counter) blocks,
   * concatenated and cut to n bytes; every 4 KiB window differs, so a wrong offset is caught.
   */
  static byte[] pattern(int n) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] out = new byte[n];
      byte[] prefix = "VBIOS-TEST".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      for (int i = 0, c = 0; i < n; i += 32, c++) {
        sha.reset();
        sha.update(prefix);
        sha.update(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(c).array());
        byte[] d = sha.digest();
        System.arraycopy(d, 0, out, i, Math.min(32, n - i));
      }
      return out;
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The bytes {@code _ROM(offset, length)} must return for {@code rom}. */
  static byte[] expected(byte[] rom, long offset, long length) {
    int len = (int) Math.min(length, 0x1000);
    byte[] out = new byte[len];
    if (offset < rom.length) {
      System.arraycopy(rom, (int) offset, out, 0, (int) Math.min(len, rom.length - offset));
    }
    return out;
  }
}
