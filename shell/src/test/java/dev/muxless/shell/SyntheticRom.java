package dev.muxless.shell;

import java.nio.charset.StandardCharsets;

/**
 * A small legacy option ROM made in the test: one 512-byte x86 image with a PCIR naming an NVIDIA
 * 3D controller (10de:1c8d, class 030200), the last-image bit set and a zero byte sum (the layout
 * of ../shared/docs/rom-structures.md §2-4). It carries no BIT.
 */
final class SyntheticRom {
  private SyntheticRom() {}

  static byte[] bytes() {
    byte[] b = new byte[512];
    b[0] = 0x55;
    b[1] = (byte) 0xAA;
    b[2] = 1; // size in 512-byte units
    b[0x18] = 0x20; // PCIR offset
    int p = 0x20;
    System.arraycopy("PCIR".getBytes(StandardCharsets.US_ASCII), 0, b, p, 4);
    b[p + 4] = (byte) 0xde; // vendor 10de
    b[p + 5] = 0x10;
    b[p + 6] = (byte) 0x8d; // device 1c8d
    b[p + 7] = 0x1c;
    b[p + 0xA] = 0x18; // PCIR length
    b[p + 0xD] = 0x00; // class code: prog-if, subclass, base class
    b[p + 0xE] = 0x02;
    b[p + 0xF] = 0x03;
    b[p + 0x10] = 1; // image length in 512-byte units
    b[p + 0x14] = 0; // code type x86
    b[p + 0x15] = (byte) 0x80; // last image
    int sum = 0;
    for (byte x : b) {
      sum += x & 0xff;
    }
    b[511] = (byte) (-sum);
    return b;
  }
}
