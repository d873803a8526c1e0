package dev.muxless.acpi;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * acpiexec's console output, parsed: the load-time errors, and one {@link Evaluation} per {@code
 * evaluate} command in order (a returned Buffer's bytes, an Integer, or the failure status).
 * Formats as documented in acpi-rom.md 4.3: {@code [Buffer] Length 1000 = 0000: hh ..}, lengths in
 * hex, 16 bytes per dump line.
 */
final class AcpiExecOutput {
  private static final Pattern BUFFER = Pattern.compile("\\[Buffer\\] Length ([0-9A-Fa-f]+) =(.*)");
  private static final Pattern DUMP =
      Pattern.compile("^\\s*([0-9A-Fa-f]{4,8}):\\s((?:[0-9A-Fa-f]{2}\\s?)+)");
  private static final Pattern INTEGER = Pattern.compile("\\[Integer\\] = ([0-9A-Fa-f]+)");
  private static final Pattern FAILED =
      Pattern.compile("Evaluation of (\\S+) failed with status (\\S+)");

  record Evaluation(String path, byte[] buffer, Long integer, String failure, String text) {}

  final String text;
  final List<Evaluation> evaluations = new ArrayList<>();

  AcpiExecOutput(String text) {
    this.text = text;
    parse();
  }

  /** Lines ACPICA prints for errors and warnings while loading or evaluating. */
  List<String> problems() {
    List<String> out = new ArrayList<>();
    for (String l : text.split("\n")) {
      if (l.contains("ACPI Error")
          || l.contains("Firmware Error")
          || l.contains("ACPI Exception")
          || l.contains("Firmware Warning")
          || l.contains("ACPI Warning")
          || l.contains("AE_ALREADY_EXISTS")
          || l.contains("Could not resolve")
          || l.contains("exceeded maximum")) {
        out.add(l.strip());
      }
    }
    return out;
  }

  private void parse() {
    String[] lines = text.split("\n");
    int i = 0;
    while (i < lines.length) {
      String l = lines[i];
      if (!l.startsWith("Evaluating ")) {
        i++;
        continue;
      }
      String path = l.substring("Evaluating ".length()).trim();
      StringBuilder block = new StringBuilder();
      int j = i + 1;
      while (j < lines.length
          && !lines[j].startsWith("Evaluating ")
          && !lines[j].startsWith("- ")) {
        block.append(lines[j]).append('\n');
        j++;
      }
      evaluations.add(evaluation(path, block.toString()));
      i = j;
    }
  }

  private static Evaluation evaluation(String path, String block) {
    Matcher f = FAILED.matcher(block);
    if (f.find()) {
      return new Evaluation(path, null, null, f.group(2), block);
    }
    Matcher b = BUFFER.matcher(block);
    if (b.find()) {
      int len = Integer.parseInt(b.group(1), 16);
      ByteArrayOutputStream out = new ByteArrayOutputStream(len);
      String rest = block.substring(b.start(2));
      for (String line : rest.split("\n")) {
        String data = line.contains("//") ? line.substring(0, line.indexOf("//")) : line;
        Matcher d = DUMP.matcher(data);
        if (d.find()) {
          for (String h : d.group(2).trim().split("\\s+")) {
            out.write(Integer.parseInt(h, 16));
          }
        }
        if (out.size() >= len) {
          break;
        }
      }
      byte[] bytes = out.toByteArray();
      if (bytes.length != len) {
        throw new AssertionError(
            "acpiexec dump of " + path + " had " + bytes.length + " bytes, header said " + len);
      }
      return new Evaluation(path, bytes, null, null, block);
    }
    Matcher n = INTEGER.matcher(block);
    if (n.find()) {
      return new Evaluation(path, null, Long.parseUnsignedLong(n.group(1), 16), null, block);
    }
    return new Evaluation(path, null, null, null, block);
  }
}
