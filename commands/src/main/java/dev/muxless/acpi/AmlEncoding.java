package dev.muxless.acpi;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The three AML encoding rules every production depends on, each in exactly one place (ACPI 6.5
 * section 20.2, "AML Grammar Definition"; the same split as QEMU's {@code build_append_int}, {@code
 * build_append_namestringv} and {@code build_prepend_package_length} in hw/acpi/aml-build.c).
 */
public final class AmlEncoding {
  /** PkgLength carries at most 28 bits (20.2.4: lead byte nibble + three bytes). */
  public static final int MAX_PKG_LENGTH = (1 << 28) - 1;

  private AmlEncoding() {}

  /**
   * The PkgLength that prefixes a body of {@code bodyLength} bytes (20.2.4). The encoded value
   * counts the PkgLength bytes themselves; the smallest form is chosen, as iasl does: 1 byte up to
   * 63, then 2 bytes up to 4095, 3 up to 2^20-1, 4 up to 2^28-1.
   */
  public static byte[] pkgLength(int bodyLength) {
    if (bodyLength < 0) {
      throw new AmlException("negative package body length " + bodyLength);
    }
    for (int extra = 0; extra <= 3; extra++) {
      long total = (long) bodyLength + 1 + extra;
      long limit = extra == 0 ? 63 : (1L << (4 + 8 * extra)) - 1;
      if (total <= limit) {
        return lengthBytes((int) total, extra);
      }
    }
    throw new AmlException(
        "package of "
            + bodyLength
            + " bytes exceeds the AML PkgLength maximum of "
            + MAX_PKG_LENGTH
            + " bytes");
  }

  /**
   * A field unit's bit length (20.2.5.2 NamedField := NameSeg PkgLength): the PkgLength form, but
   * the value is the bit count and does not include its own bytes.
   */
  public static byte[] fieldLength(int bits) {
    if (bits < 0 || bits > MAX_PKG_LENGTH) {
      throw new AmlException("field length " + bits + " bits is outside 0.." + MAX_PKG_LENGTH);
    }
    if (bits <= 63) {
      return lengthBytes(bits, 0);
    }
    int extra = bits < (1 << 12) ? 1 : bits < (1 << 20) ? 2 : 3;
    return lengthBytes(bits, extra);
  }

  private static byte[] lengthBytes(int value, int extra) {
    byte[] out = new byte[1 + extra];
    if (extra == 0) {
      out[0] = (byte) value;
      return out;
    }
    out[0] = (byte) ((extra << 6) | (value & 0x0F));
    for (int i = 1; i <= extra; i++) {
      out[i] = (byte) (value >>> (4 + 8 * (i - 1)));
    }
    return out;
  }

  /**
   * The smallest integer form (20.2.3 ComputationalData): ZeroOp, OneOp, BytePrefix, WordPrefix,
   * DWordPrefix, QWordPrefix. Values are unsigned; a negative long means a 64-bit value with the
   * top bit set and is encoded as a QWord. OnesOp is not used for all-ones, matching iasl.
   */
  public static byte[] integer(long value) {
    if (value == 0) {
      return new byte[] {0x00};
    }
    if (value == 1) {
      return new byte[] {0x01};
    }
    int size;
    byte prefix;
    if (value > 0 && value <= 0xFFL) {
      size = 1;
      prefix = 0x0A;
    } else if (value > 0 && value <= 0xFFFFL) {
      size = 2;
      prefix = 0x0B;
    } else if (value > 0 && value <= 0xFFFF_FFFFL) {
      size = 4;
      prefix = 0x0C;
    } else {
      size = 8;
      prefix = 0x0E;
    }
    byte[] out = new byte[1 + size];
    out[0] = prefix;
    for (int i = 0; i < size; i++) {
      out[1 + i] = (byte) (value >>> (8 * i));
    }
    return out;
  }

  /**
   * A NameString (20.2.2): optional root {@code \} or parent {@code ^} prefixes, then one NameSeg,
   * a DualNamePrefix (0x2E) with two, or a MultiNamePrefix (0x2F, count) with more; segments
   * shorter than four characters are padded with {@code _}. {@code \} alone is the root.
   */
  public static byte[] nameString(String path) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int i = 0;
    if (path.startsWith("\\")) {
      out.write('\\');
      i = 1;
    } else {
      while (i < path.length() && path.charAt(i) == '^') {
        out.write('^');
        i++;
      }
    }
    String rest = path.substring(i);
    if (rest.isEmpty()) {
      if (i == 0) {
        throw new AmlException("empty name string");
      }
      out.write(0x00); // NullName after a prefix: the root (or parent) itself
      return out.toByteArray();
    }
    String[] segs = rest.split("\\.", -1);
    if (segs.length > 255) {
      throw new AmlException("name string " + path + " has more than 255 segments");
    }
    if (segs.length == 2) {
      out.write(0x2E);
    } else if (segs.length > 2) {
      out.write(0x2F);
      out.write(segs.length);
    }
    for (String s : segs) {
      out.writeBytes(nameSeg(s, path));
    }
    return out.toByteArray();
  }

  /** One NameSeg: a lead character A-Z or _, then up to three of A-Z, 0-9, _ (20.2.2). */
  public static byte[] nameSeg(String seg, String context) {
    if (seg.isEmpty() || seg.length() > 4) {
      throw new AmlException(
          "name segment '" + seg + "' in " + context + " must be 1 to 4 characters");
    }
    for (int k = 0; k < seg.length(); k++) {
      char c = seg.charAt(k);
      boolean ok = c == '_' || (c >= 'A' && c <= 'Z') || (k > 0 && c >= '0' && c <= '9');
      if (!ok) {
        throw new AmlException(
            "name segment '"
                + seg
                + "' in "
                + context
                + ": character '"
                + c
                + "' is not allowed (A-Z, _ and, after the first, 0-9)");
      }
    }
    String padded = (seg + "___").substring(0, 4);
    return padded.getBytes(StandardCharsets.US_ASCII);
  }

  /** A String constant (20.2.3): 0x0D, ASCII 0x01-0x7F, NUL. */
  public static byte[] string(String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x0D);
    for (int k = 0; k < s.length(); k++) {
      char c = s.charAt(k);
      if (c < 0x01 || c > 0x7F) {
        throw new AmlException(
            "string \"" + s + "\": character at index " + k + " is not ASCII 0x01-0x7F");
      }
      out.write(c);
    }
    out.write(0x00);
    return out.toByteArray();
  }
}
