package dev.muxless.rom;

import java.io.ByteArrayOutputStream;
import java.util.regex.Pattern;

/**
 * Parses what {@code /proc/acpi/call} returns for a method that yields a buffer: {@code {0x55,
 * 0xaa, ...}} (acpi_call.c acpi_result_to_string), cut short with a trailing comma when the
 * module's result buffer is full (256 characters in old versions, i.e. 42 bytes per call, which is
 * why lion328's dumper asks in small windows), or {@code Error: AE_...} / {@code not called}.
 */
final class AcpiCallResult {
  private AcpiCallResult() {}

  private static final Pattern BYTE = Pattern.compile("0x[0-9a-fA-F]{1,2}");

  /** The bytes of a buffer result; null when the call failed (message in error[0]). */
  static byte[] bytes(String result, String[] error) {
    String r = result == null ? "" : result.strip();
    if (r.endsWith("\0")) {
      r = r.replace("\0", "").strip();
    }
    int open = r.indexOf('{');
    if (open < 0) {
      error[0] = r.isEmpty() ? "empty result" : r;
      return null;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int close = r.indexOf('}', open);
    String body = r.substring(open + 1, close < 0 ? r.length() : close);
    for (String tok : body.split(",")) {
      String t = tok.strip();
      if (t.isEmpty()) {
        continue;
      }
      if (!BYTE.matcher(t).matches()) { // Integer.parseInt alone takes "0x-1" and "0x+f"
        error[0] = "unexpected token '" + t + "' in acpi_call result";
        return null;
      }
      out.write(Integer.parseInt(t.substring(2), 16));
    }
    return out.toByteArray();
  }
}
