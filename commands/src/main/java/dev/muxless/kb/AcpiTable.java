package dev.muxless.kb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What setup validate needs to know about an {@code -acpitable} file: its signature, whether it
 * defines a {@code _ROM} method and whether it declares a battery. A byte-level reader (ACPI 6.5,
 * 20.2.5.2: DefMethod = MethodOp 0x14 PkgLength NameString ...; EISAID "PNP0C0A" compresses to the
 * DWord 0x0A0CD041, 5.2.x); the acpi area's table reader replaces it at merge.
 */
public record AcpiTable(
    Path file, String signature, long length, boolean romMethod, boolean battery, String problem) {

  /** EISAID("PNP0C0A") as AML: DWordPrefix 0x0C then 41 D0 0C 0A. */
  private static final byte[] BATTERY_EISAID = {0x0c, 0x41, (byte) 0xd0, 0x0c, 0x0a};

  public boolean valid() {
    return problem == null;
  }

  public static AcpiTable read(Path file) {
    byte[] b;
    try {
      b = Files.readAllBytes(file);
    } catch (IOException e) {
      return new AcpiTable(file, null, 0, false, false, "cannot read: " + e.getMessage());
    }
    if (b.length < 36) {
      return new AcpiTable(
          file,
          null,
          b.length,
          false,
          false,
          "only " + b.length + " bytes: an ACPI table header alone is 36");
    }
    String sig = new String(b, 0, 4, StandardCharsets.US_ASCII);
    long len = (b[4] & 0xffL) | (b[5] & 0xffL) << 8 | (b[6] & 0xffL) << 16 | (b[7] & 0xffL) << 24;
    String problem = null;
    if (!sig.matches("[A-Z0-9]{4}")) {
      problem =
          "signature at offset 0x0 is not an ACPI table signature"
              + (sig.startsWith("Def") || sig.startsWith("/*")
                  ? " (this is ASL source: compile it with iasl)"
                  : "");
    } else if (len != b.length) {
      problem =
          "header length at offset 0x4 is " + len + " but the file has " + b.length + " bytes";
    }
    return new AcpiTable(
        file,
        sig,
        len,
        hasMethod(b, "_ROM"),
        contains(b, BATTERY_EISAID) || contains(b, "PNP0C0A".getBytes(StandardCharsets.US_ASCII)),
        problem);
  }

  /** MethodOp, a PkgLength of 1 to 4 bytes, then the name segment (optionally after '\' or '^'). */
  static boolean hasMethod(byte[] b, String name) {
    byte[] n = name.getBytes(StandardCharsets.US_ASCII);
    for (int i = 36; i + 6 < b.length; i++) {
      if (b[i] != 0x14) {
        continue;
      }
      int pkgBytes = ((b[i + 1] & 0xff) >> 6) + 1;
      int at = i + 1 + pkgBytes;
      while (at < b.length && (b[at] == '\\' || b[at] == '^')) {
        at++;
      }
      if (at < b.length && b[at] == 0x2e) { // DualNamePrefix: the second segment is the name
        at += 1 + 4;
      } else if (at + 1 < b.length && b[at] == 0x2f) { // MultiNamePrefix SegCount: the last one
        at += 2 + 4 * ((b[at + 1] & 0xff) - 1);
      }
      if (at + 4 <= b.length
          && b[at] == n[0]
          && b[at + 1] == n[1]
          && b[at + 2] == n[2]
          && b[at + 3] == n[3]) {
        return true;
      }
    }
    return false;
  }

  static boolean contains(byte[] b, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= b.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (b[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
