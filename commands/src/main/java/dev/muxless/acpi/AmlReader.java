package dev.muxless.acpi;

import dev.muxless.core.MuxlessException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A small reader for ACPI tables: the header (ACPI 6.5 section 5.2.6) of any table, and the object
 * tree of the definition blocks muxless writes: Scope, Device, Method (bodies are not decoded),
 * Name with its data, External, module-level If/Else, OperationRegion and Field. Anything else
 * stops the scope it is in with a problem naming the opcode and offset, so a foreign table is
 * described as far as it can be and says where the reader gave up. Never throws on a body.
 */
public final class AmlReader {
  private final byte[] d;
  private final List<String> problems = new ArrayList<>();

  private AmlReader(byte[] data) {
    this.d = data;
  }

  /**
   * The header of an ACPI table, with its length and checksum verdicts. Throws {@link
   * MuxlessException} (bad input) naming {@code name} when the data is not an ACPI table (shorter
   * than a header, a signature that is not four upper-case letters, digits or _, or a declared
   * length shorter than the header).
   */
  public static TableHeader readHeader(byte[] data, String name) {
    if (data.length < DefinitionBlock.HEADER_LENGTH) {
      throw MuxlessException.badInput(
          name + ": " + data.length + " bytes is shorter than the 36-byte ACPI table header",
          "give an ACPI table (.aml/.dat), e.g. one from /sys/firmware/acpi/tables or 'acpi rom-table'");
    }
    for (int i = 0; i < 4; i++) {
      int c = data[i] & 0xFF;
      if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) {
        throw MuxlessException.badInput(
            String.format(
                "%s: signature at offset 0x0 is not an ACPI signature (byte 0x%02X at offset 0x%X)",
                name, c, i),
            "give an ACPI table (.aml/.dat), not ASL source or a ROM");
      }
    }
    long length = u32(data, 4);
    if (length < DefinitionBlock.HEADER_LENGTH) {
      throw MuxlessException.badInput(
          name + ": length field at offset 0x4 is " + length + ", shorter than the 36-byte header",
          "the file is not an ACPI table or its header is damaged");
    }
    // the checksum alone, over the bytes the length field covers; lengthMatches() is separate
    int sum = 0;
    int n = (int) Math.min(length, data.length);
    for (int i = 0; i < n; i++) {
      sum += data[i];
    }
    boolean valid = (sum & 0xFF) == 0;
    int expected = (data[9] - sum) & 0xFF;
    return new TableHeader(
        name,
        ascii(data, 0, 4),
        length,
        data[8] & 0xFF,
        data[9] & 0xFF,
        ascii(data, 10, 6),
        ascii(data, 16, 8),
        u32(data, 24),
        ascii(data, 28, 4),
        u32(data, 32),
        data.length,
        valid,
        expected);
  }

  /** Header, verdicts and (for DSDT/SSDT) the object tree. Throws only when it is not a table. */
  public static InspectedTable inspect(byte[] data, String name) {
    TableHeader h = readHeader(data, name);
    AmlReader r = new AmlReader(data);
    if (h.length() != data.length) {
      r.problems.add(
          "length field at offset 0x4 says "
              + h.length()
              + " bytes but the file has "
              + data.length);
    }
    if (!h.checksumValid()) {
      r.problems.add(
          String.format(
              "checksum at offset 0x9 is 0x%02X, should be 0x%02X (acpiexec and iasl reject the table)",
              h.checksum(), h.expectedChecksum()));
    }
    List<AmlObject> objects = List.of();
    if (h.isAml()) {
      int end = (int) Math.min(h.length(), data.length);
      objects = r.terms(DefinitionBlock.HEADER_LENGTH, end, "\\");
    } else {
      r.problems.add(
          h.signature() + " is not a definition block (DSDT/SSDT): only its header is decoded");
    }
    return new InspectedTable(h, objects, r.problems);
  }

  private static String ascii(byte[] d, int off, int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = off; i < off + n; i++) {
      int c = d[i] & 0xFF;
      if (c == 0) {
        break;
      }
      sb.append(c >= 0x20 && c < 0x7F ? (char) c : '?');
    }
    return sb.toString();
  }

  private static long u32(byte[] d, int o) {
    return (d[o] & 0xFFL)
        | (d[o + 1] & 0xFFL) << 8
        | (d[o + 2] & 0xFFL) << 16
        | (d[o + 3] & 0xFFL) << 24;
  }

  /** Thrown internally when a read runs past its bounds; turned into a problem. */
  private static final class Stop extends RuntimeException {
    Stop(String m) {
      super(m, null, false, false);
    }
  }

  private int u8(int at, int end) {
    if (at >= end) {
      throw new Stop(String.format("truncated at offset 0x%X", at));
    }
    return d[at] & 0xFF;
  }

  /** A decoded length or name plus where it ended. */
  private record Read(long value, String text, int next) {}

  private Read pkgLength(int at, int end) {
    int lead = u8(at, end);
    int extra = lead >>> 6;
    if (extra == 0) {
      return new Read(lead & 0x3F, null, at + 1);
    }
    long v = lead & 0x0F;
    for (int i = 1; i <= extra; i++) {
      v |= (long) u8(at + i, end) << (4 + 8 * (i - 1));
    }
    return new Read(v, null, at + 1 + extra);
  }

  private Read nameString(int at, int end) {
    StringBuilder sb = new StringBuilder();
    int p = at;
    int c = u8(p, end);
    if (c == '\\') {
      sb.append('\\');
      c = u8(++p, end);
    } else {
      while (c == '^') {
        sb.append('^');
        c = u8(++p, end);
      }
    }
    int count;
    if (c == 0x00) {
      return new Read(0, sb.toString(), p + 1);
    } else if (c == 0x2E) {
      count = 2;
      p++;
    } else if (c == 0x2F) {
      count = u8(p + 1, end);
      p += 2;
    } else {
      count = 1;
    }
    for (int i = 0; i < count; i++) {
      if (p + 4 > end) {
        throw new Stop(String.format("name at offset 0x%X runs past the end", at));
      }
      String seg = new String(d, p, 4, StandardCharsets.US_ASCII);
      if (!seg.matches("[A-Z_][A-Z0-9_]{3}")) {
        throw new Stop(String.format("bad name segment at offset 0x%X", p));
      }
      if (i > 0) {
        sb.append('.');
      }
      sb.append(trim(seg));
      p += 4;
    }
    return new Read(0, sb.toString(), p);
  }

  private static String trim(String seg) {
    String s = seg;
    while (s.length() > 1 && s.endsWith("_")) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }

  private static String resolve(String scope, String name) {
    if (name.startsWith("\\")) {
      return name;
    }
    String s = scope;
    String n = name;
    while (n.startsWith("^")) {
      int dot = s.lastIndexOf('.');
      s = dot > 0 ? s.substring(0, dot) : "\\";
      n = n.substring(1);
    }
    if (n.isEmpty()) {
      return s;
    }
    return s.equals("\\") ? "\\" + n : s + "." + n;
  }

  private List<AmlObject> terms(int from, int end, String scope) {
    List<AmlObject> out = new ArrayList<>();
    int p = from;
    while (p < end) {
      try {
        int[] next = {p};
        AmlObject o = term(p, end, scope, next);
        if (o == null) {
          String opcode =
              (d[p] & 0xFF) == 0x5B && p + 1 < end
                  ? String.format("0x5B%02X", d[p + 1] & 0xFF)
                  : String.format("0x%02X", d[p] & 0xFF);
          problems.add(
              String.format(
                  "cannot decode opcode %s at offset 0x%X in %s: %d bytes of this scope not shown",
                  opcode, p, scope, end - p));
          return out;
        }
        out.add(o);
        p = next[0];
      } catch (Stop s) {
        problems.add(s.getMessage() + " in " + scope);
        return out;
      }
    }
    return out;
  }

  private int blockEnd(int at, Read len, int end) {
    long e = at + len.value();
    if (len.value() < len.next() - at) {
      throw new Stop(
          String.format(
              "package at offset 0x%X has PkgLength %d, shorter than its own %d-byte length field",
              at, len.value(), len.next() - at));
    }
    if (e > end) {
      throw new Stop(
          String.format(
              "package at offset 0x%X claims %d bytes, past its parent's end 0x%X",
              at, len.value(), end));
    }
    return (int) e;
  }

  /** One term at p; null when the opcode is not one this reader decodes. */
  private AmlObject term(int p, int end, String scope, int[] next) {
    int op = u8(p, end);
    switch (op) {
      case 0x10 -> { // Scope
        Read len = pkgLength(p + 1, end);
        int e = blockEnd(p + 1, len, end);
        Read nm = nameString(len.next(), e);
        String path = resolve(scope, nm.text());
        next[0] = e;
        return new AmlObject("Scope", path, "", p, e - p, terms(nm.next(), e, path));
      }
      case 0x14 -> { // Method
        Read len = pkgLength(p + 1, end);
        int e = blockEnd(p + 1, len, end);
        Read nm = nameString(len.next(), e);
        int flags = u8(nm.next(), e);
        next[0] = e;
        String detail =
            (flags & 7)
                + " args, "
                + ((flags & 8) != 0 ? "Serialized" : "NotSerialized")
                + ", body "
                + (e - nm.next() - 1)
                + " bytes";
        return new AmlObject("Method", resolve(scope, nm.text()), detail, p, e - p, List.of());
      }
      case 0x08 -> { // Name
        Read nm = nameString(p + 1, end);
        int[] after = {nm.next()};
        String detail = data(nm.next(), end, after);
        if (detail == null) {
          return null;
        }
        next[0] = after[0];
        return new AmlObject("Name", resolve(scope, nm.text()), detail, p, after[0] - p, List.of());
      }
      case 0x15 -> { // External
        Read nm = nameString(p + 1, end);
        int type = u8(nm.next(), end);
        u8(nm.next() + 1, end);
        next[0] = nm.next() + 2;
        return new AmlObject(
            "External", resolve(scope, nm.text()), typeName(type), p, next[0] - p, List.of());
      }
      case 0xA0, 0xA1 -> { // If / Else at module level
        Read len = pkgLength(p + 1, end);
        int e = blockEnd(p + 1, len, end);
        int bodyStart = len.next();
        String detail = "";
        if (op == 0xA0) {
          int[] after = {bodyStart};
          detail = predicate(bodyStart, e, scope, after);
          if (detail == null) {
            return null;
          }
          bodyStart = after[0];
        }
        next[0] = e;
        return new AmlObject(
            op == 0xA0 ? "If" : "Else", null, detail, p, e - p, terms(bodyStart, e, scope));
      }
      case 0x5B -> {
        int ext = u8(p + 1, end);
        if (ext == 0x82) { // Device
          Read len = pkgLength(p + 2, end);
          int e = blockEnd(p + 2, len, end);
          Read nm = nameString(len.next(), e);
          String path = resolve(scope, nm.text());
          next[0] = e;
          return new AmlObject("Device", path, "", p, e - p, terms(nm.next(), e, path));
        }
        if (ext == 0x80) { // OperationRegion
          Read nm = nameString(p + 2, end);
          int space = u8(nm.next(), end);
          int[] after = {nm.next() + 1};
          String off = data(after[0], end, after);
          String len = off == null ? null : data(after[0], end, after);
          if (len == null) {
            return null;
          }
          next[0] = after[0];
          return new AmlObject(
              "OperationRegion",
              resolve(scope, nm.text()),
              "space " + space + ", offset " + off + ", length " + len,
              p,
              after[0] - p,
              List.of());
        }
        if (ext == 0x81) { // Field
          Read len = pkgLength(p + 2, end);
          int e = blockEnd(p + 2, len, end);
          Read nm = nameString(len.next(), e);
          next[0] = e;
          return new AmlObject(
              "Field",
              resolve(scope, nm.text()),
              (e - nm.next() - 1) + " bytes of field units",
              p,
              e - p,
              List.of());
        }
        return null;
      }
      default -> {
        return null;
      }
    }
  }

  /** A module-level If predicate of the forms muxless writes: Zero/One, LNot, CondRefOf. */
  private String predicate(int p, int end, String scope, int[] next) {
    int op = u8(p, end);
    if (op == 0x00 || op == 0x01) {
      next[0] = p + 1;
      return op == 0 ? "Zero" : "One";
    }
    if (op == 0x92) {
      String inner = predicate(p + 1, end, scope, next);
      return inner == null ? null : "LNot (" + inner + ")";
    }
    if (op == 0x5B && u8(p + 1, end) == 0x12) {
      Read nm = nameString(p + 2, end);
      int target = u8(nm.next(), end);
      if (target != 0) {
        return null;
      }
      next[0] = nm.next() + 1;
      return "CondRefOf (" + resolve(scope, nm.text()) + ")";
    }
    return null;
  }

  /** A DataRefObject: integer, string, buffer or package; null when it is something else. */
  private String data(int p, int end, int[] next) {
    int op = u8(p, end);
    switch (op) {
      case 0x00, 0x01, 0xFF -> {
        next[0] = p + 1;
        return op == 0 ? "Zero" : op == 1 ? "One" : "Ones";
      }
      case 0x0A, 0x0B, 0x0C, 0x0E -> {
        int n = op == 0x0A ? 1 : op == 0x0B ? 2 : op == 0x0C ? 4 : 8;
        long v = 0;
        for (int i = 0; i < n; i++) {
          v |= (long) u8(p + 1 + i, end) << (8 * i);
        }
        next[0] = p + 1 + n;
        return "Integer 0x" + Long.toHexString(v).toUpperCase();
      }
      case 0x0D -> {
        int q = p + 1;
        while (u8(q, end) != 0) {
          q++;
        }
        next[0] = q + 1;
        return "String \"" + new String(d, p + 1, q - p - 1, StandardCharsets.US_ASCII) + "\"";
      }
      case 0x11 -> {
        Read len = pkgLength(p + 1, end);
        int e = blockEnd(p + 1, len, end);
        int[] after = {len.next()};
        String size = data(len.next(), e, after);
        next[0] = e;
        if (size == null) {
          // a computed size: where its expression ends (and the initializer starts) is not decoded
          return "Buffer, size computed, " + (e - len.next()) + " bytes of size and initializer";
        }
        return "Buffer, size "
            + size.replace("Integer ", "")
            + ", "
            + (e - after[0])
            + " initializer bytes";
      }
      case 0x12 -> {
        Read len = pkgLength(p + 1, end);
        int e = blockEnd(p + 1, len, end);
        next[0] = e;
        return "Package, " + u8(len.next(), e) + " elements";
      }
      default -> {
        return null;
      }
    }
  }

  private static String typeName(int t) {
    String name = ObjectType.aslName(t);
    return name != null ? name : "type " + t;
  }
}
