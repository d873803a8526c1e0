package dev.muxless.rom;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Builds option ROMs for tests, laid out as rom-structures.md describes: legacy x86 images (header
 * byte 2, PCIR, checksum), EFI images (0x0EF1 header), NVIDIA "VN"/NPDS images, NPDE extensions, a
 * BIT table with BIOSDATA/info/strings tokens, and NVGI firmware prefixes. Each knob breaks one
 * thing so every problem kind can be produced on purpose.
 */
final class SyntheticRom {
  private SyntheticRom() {}

  /** One image; set fields, then {@link #build()}. */
  static final class Img {
    int signature = 0xAA55;
    int codeType = 0;
    int blocks = 2;
    int vendor = 0x10de;
    int device = 0x1c8d;
    int classCode = 0x030200;
    boolean last = true;

    /** header byte 2 for x86 images; -1 means = blocks. */
    int initBlocks = -1;

    /** PCIR image length; -1 means = blocks. */
    int pcirBlocks = -1;

    int pcirPointer = 0x20;
    String pcirSignature = "PCIR";

    /** NPDE sub-image length in blocks, -1 for no NPDE. */
    int npdeBlocks = -1;

    boolean npdeLast = false;
    int npdeFlags = 0;
    long efiSignature = 0xEF1;

    /** An NVIDIA BIT table with this version ("86.07.3c.00.1f") in an x86 image, or null. */
    String bitVersion = null;

    /** token 'i' version when it should differ from 'B'; null means the same. */
    String infoVersion = null;

    boolean mobile = true;
    boolean breakBitChecksum = false;
    boolean fixChecksum = true;

    Img type(int t) {
      codeType = t;
      if (t != 0 && t != 3) {
        signature = 0x4E56;
        pcirSignature = "NPDS";
      }
      return this;
    }

    Img blocks(int b) {
      blocks = b;
      return this;
    }

    Img last(boolean l) {
      last = l;
      return this;
    }

    Img npde(int sub, boolean privLast) {
      npdeBlocks = sub;
      npdeLast = privLast;
      return this;
    }

    Img bit(String version) {
      bitVersion = version;
      return this;
    }

    byte[] build() {
      byte[] b = new byte[blocks * 512];
      le16(b, 0, signature);
      if (codeType == 3) {
        le16(b, 2, blocks);
        le32(b, 4, efiSignature);
        le16(b, 8, 0xB);
        le16(b, 0xA, 0x8664);
        le16(b, 0xC, 0);
        le16(b, 0x16, 0x38);
      } else {
        b[2] = (byte) (initBlocks < 0 ? blocks : initBlocks);
        b[3] = (byte) 0xEB;
        b[4] = 0x4B;
      }
      le16(b, 0x18, pcirPointer);
      int p = pcirPointer;
      if (p + 0x18 <= b.length) {
        put(b, p, pcirSignature);
        le16(b, p + 4, vendor);
        le16(b, p + 6, device);
        le16(b, p + 0xA, 0x18);
        b[p + 0xC] = 0;
        b[p + 0xD] = (byte) classCode;
        b[p + 0xE] = (byte) (classCode >> 8);
        b[p + 0xF] = (byte) (classCode >> 16);
        le16(b, p + 0x10, pcirBlocks < 0 ? blocks : pcirBlocks);
        le16(b, p + 0x12, 1);
        b[p + 0x14] = (byte) codeType;
        b[p + 0x15] = (byte) (last ? 0x80 : 0);
        if (npdeBlocks >= 0) {
          int n = (p + 0x18 + 0xF) & ~0xF;
          put(b, n, "NPDE");
          le16(b, n + 4, 0x101);
          le16(b, n + 6, 0x14);
          le16(b, n + 8, npdeBlocks);
          b[n + 0xA] = (byte) (npdeLast ? 0x80 : 0);
          b[n + 0xB] = (byte) npdeFlags;
        }
      }
      if (bitVersion != null) {
        bit(b);
      }
      if (codeType == 0 && fixChecksum) {
        int init = (initBlocks < 0 ? blocks : initBlocks) * 512;
        int len = Math.min(init, b.length);
        b[len - 1] = 0;
        int s = 0;
        for (int i = 0; i < len; i++) {
          s += b[i];
        }
        b[len - 1] = (byte) -s;
      }
      return b;
    }

    /** BIT at 0x100 with tokens 'B', 'i', 'S' and a NOP, data and strings after it. */
    private void bit(byte[] b) {
      int at = 0x100;
      int tokens = 4;
      b[at] = (byte) 0xFF;
      b[at + 1] = (byte) 0xB8;
      put(b, at + 2, "BIT");
      le16(b, at + 6, 0x0100);
      b[at + 8] = 12;
      b[at + 9] = 6;
      b[at + 10] = (byte) tokens;
      int data = at + 12 + tokens * 6;
      int[] v = parse(bitVersion);
      int[] iv = parse(infoVersion == null ? bitVersion : infoVersion);
      int t = at + 12;
      // 'B' BIOSDATA v2: u32 version + u8 OEM
      token(b, t, 'B', 2, 0x21, data);
      b[data] = (byte) v[3];
      b[data + 1] = (byte) v[2];
      b[data + 2] = (byte) v[1];
      b[data + 3] = (byte) v[0];
      b[data + 4] = (byte) v[4];
      int info = data + 0x21;
      token(b, t + 6, 'i', 2, 0x46, info);
      b[info] = (byte) iv[3];
      b[info + 1] = (byte) iv[2];
      b[info + 2] = (byte) iv[1];
      b[info + 3] = (byte) iv[0];
      b[info + 4] = (byte) iv[4];
      le16(b, info + 5, mobile ? 0x10 : 0);
      int strings = info + 0x46;
      token(b, t + 12, 'S', 2, 0x10, strings);
      int signOn = strings + 0x10;
      String sign = "GP107 SYNTHETIC VGA BIOS \r\n";
      put(b, signOn, sign);
      int ver = signOn + sign.length() + 1;
      put(b, ver, "Version " + bitVersion.toUpperCase() + " \r\n");
      le16(b, strings, signOn);
      b[strings + 2] = (byte) sign.length();
      le16(b, strings + 3, ver);
      token(b, t + 18, 'N', 0, 0, 0);
      int s = 0;
      for (int i = 0; i < 12; i++) {
        s += i == 11 ? 0 : b[at + i];
      }
      b[at + 11] = (byte) (-s + (breakBitChecksum ? 1 : 0));
    }
  }

  static Img x86() {
    return new Img();
  }

  static Img efi() {
    return new Img().type(3);
  }

  static Img nv(int codeType) {
    return new Img().type(codeType);
  }

  /** The images one after another. */
  static byte[] chain(Img... images) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Img i : images) {
      out.writeBytes(i.build());
    }
    return out.toByteArray();
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  static byte[] fill(int n, int value) {
    byte[] b = new byte[n];
    java.util.Arrays.fill(b, (byte) value);
    return b;
  }

  /** An NVGI IFR version 1/2 prefix of total bytes whose ROM offset field says romOffset. */
  static byte[] nvgiV1(int total, int romOffset) {
    byte[] b = new byte[total];
    put(b, 0, "NVGI");
    int fixedDataSize = 0x10;
    le32(b, 4, (long) fixedDataSize << 16 | 1 << 8);
    le32(b, 8, 0x20);
    le32(b, fixedDataSize + 4, romOffset);
    return b;
  }

  /**
   * An NVGI IFR version 3 prefix: totalDataSize 0x40 -> flash status offset 0x100 -> "RFRD" ROM
   * directory at 0x1100 -> ROM offset at 0x1108.
   */
  static byte[] nvgiV3(int total, int romOffset) {
    byte[] b = new byte[total];
    put(b, 0, "NVGI");
    le32(b, 4, 0x20L << 16 | 3 << 8);
    le32(b, 8, 0x40);
    le32(b, 0x40, 0x100);
    put(b, 0x1100, "RFRD");
    le32(b, 0x1108, romOffset);
    return b;
  }

  static void le16(byte[] b, int off, int v) {
    b[off] = (byte) v;
    b[off + 1] = (byte) (v >> 8);
  }

  static void le32(byte[] b, int off, long v) {
    for (int i = 0; i < 4; i++) {
      b[off + i] = (byte) (v >> (8 * i));
    }
  }

  static void put(byte[] b, int off, String s) {
    byte[] a = s.getBytes(StandardCharsets.ISO_8859_1);
    System.arraycopy(a, 0, b, off, a.length);
  }

  private static void token(byte[] b, int at, char id, int version, int size, int ptr) {
    b[at] = (byte) id;
    b[at + 1] = (byte) version;
    le16(b, at + 2, size);
    le16(b, at + 4, ptr);
  }

  private static int[] parse(String v) {
    String[] p = v.split("\\.");
    int[] out = new int[5];
    for (int i = 0; i < 5; i++) {
      out[i] = Integer.parseInt(p[i], 16);
    }
    return out;
  }

  /** A Pascal-laptop-like VBIOS: x86 (NPDE sub 4, PCIR = whole chain, last), 0xE0, 0xE0, NBSI. */
  static byte[] pascalLaptop(String version) {
    Img x = x86().blocks(4).bit(version).npde(4, false);
    x.pcirBlocks = 10;
    x.initBlocks = 3;
    return chain(
        x,
        nv(0xE0).blocks(2).last(false).npde(2, false),
        nv(0xE0).blocks(2).last(false).npde(2, false),
        nv(0x70).blocks(2).last(true));
  }
}
