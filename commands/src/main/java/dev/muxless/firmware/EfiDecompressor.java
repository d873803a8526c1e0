package dev.muxless.firmware;

/**
 * EFI 1.1 and Tiano decompression, ported from EDK2 {@code MdePkg/Library/BaseUefiDecompressLib/
 * BaseUefiDecompressLib.c} (UEFI spec 2.x chapter 19 "Compression Algorithm Specification"). The
 * two variants differ only in the bit count of the position-set size: 4 for EFI 1.1 ({@code
 * UefiDecompress}), 5 for Tiano ({@code TianoDecompress}, GUID A31280AD-...).
 *
 * <p>Input: {@code u32 CompSize, u32 OrigSize}, then an LZ77 + Huffman bit stream, most significant
 * bit first. Differences from EDK2, for hostile input: a match reaching before the start of the
 * output is an error (EDK2 reads before its buffer), and the caller bounds {@code OrigSize} before
 * any allocation.
 */
public final class EfiDecompressor {
  /** Which position-set bit count to use. */
  public enum Variant {
    EFI(4),
    TIANO(5);

    final int pbit;

    Variant(int pbit) {
      this.pbit = pbit;
    }
  }

  private static final int BITBUFSIZ = 32;
  private static final int MAXMATCH = 256;
  private static final int THRESHOLD = 3;
  private static final int CODE_BIT = 16;
  private static final int NC = 0xff + MAXMATCH + 2 - THRESHOLD; // 510 literal/length codes
  private static final int CBIT = 9;
  private static final int MAXPBIT = 5;
  private static final int TBIT = 5;
  private static final int MAXNP = (1 << MAXPBIT) - 1;
  private static final int NT = CODE_BIT + 3;
  private static final int NPT = Math.max(NT, MAXNP);

  private final byte[] src;
  private final int srcBase;
  private int compSize;
  private int inBuf;
  private long bitBuf;
  private int subBitBuf;
  private int bitCount;
  private final int pbit;
  private int blockSize;
  private final byte[] dst;
  private int outBuf;
  private int overrun;

  private final int[] left = new int[2 * NC - 1];
  private final int[] right = new int[2 * NC - 1];
  private final byte[] cLen = new byte[NC];
  private final byte[] ptLen = new byte[NPT];
  private final int[] cTable = new int[4096];
  private final int[] ptTable = new int[256];

  private EfiDecompressor(byte[] src, int off, int compSize, int origSize, int pbit) {
    this.src = src;
    this.srcBase = off;
    this.compSize = compSize;
    this.pbit = pbit;
    this.dst = new byte[origSize];
  }

  /** The original size the 8-byte header declares (for budget checks before decompressing). */
  public static long declaredSize(byte[] data, int off, int len) {
    if (len < 8) {
      throw new FirmwareFormatException("compressed data shorter than its 8-byte header", -1);
    }
    return Le.u32(data, off + 4);
  }

  /**
   * Decompresses {@code data[off, off+len)}; {@code maxOut} bounds the declared original size (the
   * output buffer is allocated at that size). The walker's {@code Decompress.efiOrTiano} charges
   * the declared size to its budget first and passes it as maxOut: there the budget is the bound.
   *
   * @throws FirmwareFormatException naming what is wrong
   */
  public static byte[] decompress(byte[] data, int off, int len, Variant variant, long maxOut) {
    return run(data, off, len, variant, maxOut).dst;
  }

  static EfiDecompressor run(byte[] data, int off, int len, Variant variant, long maxOut) {
    if (len < 8 || !Le.fits(data, off, len)) {
      throw new FirmwareFormatException("compressed data shorter than its 8-byte header", -1);
    }
    long comp = Le.u32(data, off);
    long orig = Le.u32(data, off + 4);
    if (comp + 8 > len) {
      throw new FirmwareFormatException(
          "compressed size 0x" + Long.toHexString(comp) + " runs past the section", -1);
    }
    if (orig > maxOut) {
      throw new FirmwareLimitException(
          "declared decompressed size " + orig + " bytes exceeds the limit of " + maxOut, -1);
    }
    EfiDecompressor d = new EfiDecompressor(data, off + 8, (int) comp, (int) orig, variant.pbit);
    d.fillBuf(BITBUFSIZ);
    d.decode();
    return d;
  }

  /**
   * True when the stream ended where its header says: every compressed byte read and no more than
   * the 4-byte look-ahead of zeros fed past the end. Decoding with the wrong variant rarely
   * satisfies this, which is how {@code efiOrTiano} tells EFI from Tiano data.
   */
  boolean endedCleanly() {
    return compSize == 0 && overrun <= 4;
  }

  byte[] output() {
    return dst;
  }

  private void decode() {
    while (outBuf < dst.length) {
      int c = decodeC();
      if (c < 256) {
        dst[outBuf++] = (byte) c;
      } else {
        int len = c - (0x100 - THRESHOLD);
        int from = outBuf - decodeP() - 1;
        if (from < 0) {
          throw new FirmwareFormatException(
              variantName() + " data: match before the start of the output", -1);
        }
        for (int i = 0; i < len && outBuf < dst.length; i++) {
          dst[outBuf++] = dst[from++];
        }
      }
    }
  }

  private String variantName() {
    return pbit == 4 ? "EFI-compressed" : "Tiano-compressed";
  }

  private void fillBuf(int n) {
    bitBuf = (bitBuf << n) & 0xFFFFFFFFL;
    while (n > bitCount) {
      n -= bitCount;
      bitBuf |= ((long) subBitBuf << n) & 0xFFFFFFFFL;
      if (compSize > 0) {
        compSize--;
        subBitBuf = src[srcBase + inBuf++] & 0xFF;
      } else {
        subBitBuf = 0;
        overrun++;
      }
      bitCount = 8;
    }
    bitCount -= n;
    bitBuf |= subBitBuf >>> bitCount;
  }

  private int getBits(int n) {
    int out = (int) (bitBuf >>> (BITBUFSIZ - n));
    fillBuf(n);
    return out;
  }

  private void bad(String what) {
    throw new FirmwareFormatException(variantName() + " data: " + what, -1);
  }

  /**
   * EDK2 MakeTable: canonical Huffman decoding table plus a tree for codes longer than tableBits.
   */
  private void makeTable(int numOfChar, byte[] bitLen, int tableBits, int[] table) {
    int[] count = new int[17];
    int[] weight = new int[17];
    int[] start = new int[18];
    for (int i = 0; i < numOfChar; i++) {
      if (bitLen[i] > 16 || bitLen[i] < 0) {
        bad("code length above 16");
      }
      count[bitLen[i]]++;
    }
    for (int i = 1; i <= 16; i++) {
      start[i + 1] = (start[i] + (count[i] << (16 - i))) & 0xFFFF;
    }
    if (start[17] != 0) {
      bad("Huffman code lengths do not form a complete code");
    }
    int juBits = 16 - tableBits;
    int i;
    for (i = 1; i <= tableBits; i++) {
      start[i] >>>= juBits;
      weight[i] = 1 << (tableBits - i);
    }
    while (i <= 16) {
      weight[i] = 1 << (16 - i);
      i++;
    }
    i = start[tableBits + 1] >>> juBits;
    if (i != 0) {
      int end = 1 << tableBits;
      for (int k = i; k < end; k++) {
        table[k] = 0;
      }
    }
    int avail = numOfChar;
    int mask = 1 << (15 - tableBits);
    int maxTableLength = 1 << tableBits;
    for (int ch = 0; ch < numOfChar; ch++) {
      int len = bitLen[ch];
      if (len == 0 || len >= 17) {
        continue;
      }
      int nextCode = start[len] + weight[len];
      if (len <= tableBits) {
        if (start[len] >= nextCode || nextCode > maxTableLength) {
          bad("Huffman table overflows");
        }
        for (int k = start[len]; k < nextCode; k++) {
          table[k] = ch;
        }
      } else {
        int index3 = start[len];
        // a "pointer" into table (arr == null) or into left/right
        int[] arr = table;
        int at = index3 >>> juBits;
        for (int n = len - tableBits; n != 0; n--) {
          if (arr[at] == 0 && avail < 2 * NC - 1) {
            right[avail] = 0;
            left[avail] = 0;
            arr[at] = avail++;
          }
          int node = arr[at];
          if (node < 2 * NC - 1) {
            if ((index3 & mask) != 0) {
              arr = right;
            } else {
              arr = left;
            }
            at = node;
          }
          index3 <<= 1;
        }
        arr[at] = ch;
      }
      start[len] = nextCode;
    }
  }

  private void readPtLen(int nn, int nbit, int special) {
    int number = getBits(nbit);
    if (number > NPT || nn > NPT) {
      bad("too many code lengths");
    }
    if (number == 0) {
      int c = getBits(nbit);
      java.util.Arrays.fill(ptTable, c);
      java.util.Arrays.fill(ptLen, 0, nn, (byte) 0);
      return;
    }
    int index = 0;
    while (index < number && index < NPT) {
      int c = (int) (bitBuf >>> (BITBUFSIZ - 3));
      if (c == 7) {
        long mask = 1L << (BITBUFSIZ - 1 - 3);
        while ((mask & bitBuf) != 0) {
          mask >>>= 1;
          c++;
        }
      }
      if (c > 16) {
        bad("code length above 16");
      }
      fillBuf(c < 7 ? 3 : c - 3);
      ptLen[index++] = (byte) c;
      if (index == special) {
        int z = getBits(2);
        while (--z >= 0 && index < NPT) {
          ptLen[index++] = 0;
        }
      }
    }
    while (index < nn && index < NPT) {
      ptLen[index++] = 0;
    }
    makeTable(nn, ptLen, 8, ptTable);
  }

  private void readCLen() {
    int number = getBits(CBIT);
    if (number == 0) {
      int c = getBits(CBIT);
      java.util.Arrays.fill(cLen, (byte) 0);
      java.util.Arrays.fill(cTable, c);
      return;
    }
    int index = 0;
    while (index < number && index < NC) {
      int c = ptTable[(int) (bitBuf >>> (BITBUFSIZ - 8))];
      if (c >= NT) {
        long mask = 1L << (BITBUFSIZ - 1 - 8);
        do {
          c = (mask & bitBuf) != 0 ? right[c] : left[c];
          mask >>>= 1;
        } while (c >= NT && mask != 0);
      }
      if (c >= NT) {
        bad("bad code-length tree");
      }
      fillBuf(ptLen[c]);
      if (c <= 2) {
        if (c == 0) {
          c = 1;
        } else if (c == 1) {
          c = getBits(4) + 3;
        } else {
          c = getBits(CBIT) + 20;
        }
        while (--c >= 0 && index < NC) {
          cLen[index++] = 0;
        }
      } else {
        cLen[index++] = (byte) (c - 2);
      }
    }
    java.util.Arrays.fill(cLen, index, NC, (byte) 0);
    makeTable(NC, cLen, 12, cTable);
  }

  private int decodeC() {
    if (blockSize == 0) {
      blockSize = getBits(16);
      readPtLen(NT, TBIT, 3);
      readCLen();
      readPtLen(MAXNP, pbit, -1);
    }
    blockSize--;
    int idx = cTable[(int) (bitBuf >>> (BITBUFSIZ - 12))];
    if (idx >= NC) {
      long mask = 1L << (BITBUFSIZ - 1 - 12);
      do {
        idx = (bitBuf & mask) != 0 ? right[idx] : left[idx];
        mask >>>= 1;
      } while (idx >= NC && mask != 0);
      if (idx >= NC) {
        bad("bad literal/length tree");
      }
    }
    fillBuf(cLen[idx]);
    return idx;
  }

  private int decodeP() {
    int val = ptTable[(int) (bitBuf >>> (BITBUFSIZ - 8))];
    if (val >= MAXNP) {
      long mask = 1L << (BITBUFSIZ - 1 - 8);
      do {
        val = (bitBuf & mask) != 0 ? right[val] : left[val];
        mask >>>= 1;
      } while (val >= MAXNP && mask != 0);
      if (val >= MAXNP) {
        bad("bad position tree");
      }
    }
    fillBuf(ptLen[val]);
    int pos = val;
    if (val > 1) {
      pos = (1 << (val - 1)) + getBits(val - 1);
    }
    return pos;
  }
}
