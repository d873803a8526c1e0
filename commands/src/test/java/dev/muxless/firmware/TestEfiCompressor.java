package dev.muxless.firmware;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Test-only EFI/Tiano compressor, written independently of {@link EfiDecompressor} from the format
 * description in the UEFI spec ("Compression Algorithm Specification"): greedy LZ77 with hash
 * chains, blocks of literal/length codes (NC = 510), code-length codes (NT = 19) and position codes
 * (4-bit position-set count for EFI 1.1, 5-bit for Tiano). Code lengths are balanced (every used
 * symbol gets ceil(log2 n) or one bit less), which forms a complete prefix code without building
 * Huffman trees. Debian packages no EFI compressor (EDK2's TianoCompress is not packaged), so
 * vectors come from here and from the real EFI-compressed images in NVIDIA ROMs.
 */
final class TestEfiCompressor {
  private static final int NC = 510;
  private static final int NT = 19;

  private TestEfiCompressor() {}

  static byte[] compress(byte[] in, EfiDecompressor.Variant v) {
    return compress(in, v, 4000);
  }

  static byte[] compress(byte[] in, EfiDecompressor.Variant v, int blockSymbols) {
    int pbit = v == EfiDecompressor.Variant.EFI ? 4 : 5;
    int dicbit = v == EfiDecompressor.Variant.EFI ? 13 : 19;
    List<int[]> tokens = tokenize(in, 1 << dicbit);
    Bits out = new Bits();
    for (int from = 0; from < tokens.size(); from += blockSymbols) {
      block(out, tokens.subList(from, Math.min(tokens.size(), from + blockSymbols)), pbit);
    }
    byte[] body = out.bytes();
    byte[] all = new byte[8 + body.length];
    putU32(all, 0, body.length);
    putU32(all, 4, in.length);
    System.arraycopy(body, 0, all, 8, body.length);
    return all;
  }

  /** Tokens: {symbol} for a literal, {256 + len - 3, distance - 1} for a match. */
  private static List<int[]> tokenize(byte[] in, int window) {
    List<int[]> t = new ArrayList<>();
    int[] head = new int[1 << 15];
    Arrays.fill(head, -1);
    int[] prev = new int[in.length];
    int i = 0;
    while (i < in.length) {
      int bestLen = 0;
      int bestDist = 0;
      if (i + 3 <= in.length) {
        int h = hash(in, i);
        int cand = head[h];
        for (int tries = 0; cand >= 0 && i - cand <= window && tries < 64; tries++) {
          int len = 0;
          while (len < 256 && i + len < in.length && in[cand + len] == in[i + len]) {
            len++;
          }
          if (len > bestLen) {
            bestLen = len;
            bestDist = i - cand;
          }
          cand = prev[cand];
        }
      }
      int step = bestLen >= 3 ? bestLen : 1;
      if (bestLen >= 3) {
        t.add(new int[] {256 + bestLen - 3, bestDist - 1});
      } else {
        t.add(new int[] {in[i] & 0xFF});
      }
      for (int k = 0; k < step; k++, i++) {
        if (i + 3 <= in.length) {
          int h = hash(in, i);
          prev[i] = head[h];
          head[h] = i;
        }
      }
    }
    return t;
  }

  private static int hash(byte[] d, int i) {
    return ((d[i] & 0xFF) << 7 ^ (d[i + 1] & 0xFF) << 4 ^ (d[i + 2] & 0xFF) * 31) & 0x7FFF;
  }

  private static int posCode(int p) {
    return p == 0 ? 0 : 32 - Integer.numberOfLeadingZeros(p);
  }

  private static void block(Bits out, List<int[]> tokens, int pbit) {
    int[] cFreq = new int[NC];
    int[] pFreq = new int[32];
    for (int[] tk : tokens) {
      cFreq[tk[0]]++;
      if (tk.length > 1) {
        pFreq[posCode(tk[1])]++;
      }
    }
    int[] cLen = lengths(cFreq);
    // the code-length sequence for C, as T symbols with extra bits: {sym, extraBits, extraValue}
    List<int[]> tSeq = new ArrayList<>();
    int n = lastNonZero(cLen) + 1;
    for (int i = 0; i < n; ) {
      if (cLen[i] != 0) {
        tSeq.add(new int[] {cLen[i] + 2, 0, 0});
        i++;
        continue;
      }
      int k = 0;
      while (i + k < n && cLen[i + k] == 0 && k < 531) {
        k++;
      }
      i += k;
      if (k <= 2) {
        for (int j = 0; j < k; j++) {
          tSeq.add(new int[] {0, 0, 0});
        }
      } else if (k <= 18) {
        tSeq.add(new int[] {1, 4, k - 3});
      } else if (k == 19) {
        tSeq.add(new int[] {0, 0, 0});
        tSeq.add(new int[] {1, 4, 15});
      } else {
        tSeq.add(new int[] {2, 9, k - 20});
      }
    }
    int[] tFreq = new int[NT];
    for (int[] s : tSeq) {
      tFreq[s[0]]++;
    }
    int[] tLen = lengths(tFreq);
    int[] pLen = lengths(pFreq);

    out.put(tokens.size(), 16);
    boolean singleC = used(cFreq) == 1;
    if (singleC) {
      out.put(0, 5); // T table: none needed
      out.put(0, 5);
      out.put(0, 9);
      out.put(firstUsed(cFreq), 9);
    } else {
      writePtLengths(out, tLen, tFreq, 5, 3);
      int[] tCode = codes(tLen);
      out.put(n, 9);
      for (int[] s : tSeq) {
        out.put(tCode[s[0]], tLen[s[0]]);
        out.put(s[2], s[1]);
      }
    }
    writePtLengths(out, pLen, pFreq, pbit, -1);
    int[] cCode = codes(cLen);
    int[] pCode = codes(pLen);
    for (int[] tk : tokens) {
      out.put(cCode[tk[0]], cLen[tk[0]]);
      if (tk.length > 1) {
        int pc = posCode(tk[1]);
        out.put(pCode[pc], pLen[pc]);
        if (pc > 1) {
          out.put(tk[1] - (1 << (pc - 1)), pc - 1);
        }
      }
    }
  }

  private static void writePtLengths(Bits out, int[] len, int[] freq, int nbit, int special) {
    if (used(freq) <= 1) {
      out.put(0, nbit);
      out.put(used(freq) == 0 ? 0 : firstUsed(freq), nbit);
      return;
    }
    int n = lastNonZero(len) + 1;
    out.put(n, nbit);
    for (int i = 0; i < n; i++) {
      int l = len[i];
      if (l < 7) {
        out.put(l, 3);
      } else {
        out.put(7, 3);
        for (int k = 7; k < l; k++) {
          out.put(1, 1);
        }
        out.put(0, 1);
      }
      if (i + 1 == special) {
        out.put(0, 2);
      }
    }
  }

  /** Balanced complete code lengths: the most frequent symbols get the shorter length. */
  private static int[] lengths(int[] freq) {
    int[] len = new int[freq.length];
    int n = used(freq);
    if (n < 2) {
      return len;
    }
    int k = 32 - Integer.numberOfLeadingZeros(n - 1);
    int shortOnes = (1 << k) - n;
    Integer[] order = new Integer[freq.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingInt((Integer i) -> -freq[i]));
    for (int r = 0; r < n; r++) {
      len[order[r]] = r < shortOnes ? k - 1 : k;
    }
    return len;
  }

  /** Canonical codes in symbol order within each length (what EDK2's MakeTable expects). */
  private static int[] codes(int[] len) {
    int[] code = new int[len.length];
    int next = 0;
    for (int l = 1; l <= 16; l++) {
      for (int s = 0; s < len.length; s++) {
        if (len[s] == l) {
          code[s] = next++;
        }
      }
      next <<= 1;
    }
    return code;
  }

  private static int used(int[] freq) {
    int n = 0;
    for (int f : freq) {
      n += f > 0 ? 1 : 0;
    }
    return n;
  }

  private static int firstUsed(int[] freq) {
    for (int i = 0; i < freq.length; i++) {
      if (freq[i] > 0) {
        return i;
      }
    }
    return 0;
  }

  private static int lastNonZero(int[] a) {
    for (int i = a.length - 1; i >= 0; i--) {
      if (a[i] != 0) {
        return i;
      }
    }
    return -1;
  }

  private static void putU32(byte[] b, int o, long v) {
    for (int i = 0; i < 4; i++) {
      b[o + i] = (byte) (v >>> (8 * i));
    }
  }

  /** Most significant bit first, as the decoder reads. */
  private static final class Bits {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int acc;
    private int n;

    void put(int value, int bits) {
      for (int i = bits - 1; i >= 0; i--) {
        acc = acc << 1 | ((value >>> i) & 1);
        if (++n == 8) {
          out.write(acc);
          acc = 0;
          n = 0;
        }
      }
    }

    byte[] bytes() {
      if (n > 0) {
        out.write(acc << (8 - n));
        acc = 0;
        n = 0;
      }
      return out.toByteArray();
    }
  }
}
