package dev.muxless.kb;

import dev.muxless.core.MuxlessException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A symptom's match pattern: a Java regular expression with placeholders for the parts of a log
 * line that vary between machines, so the data stays readable and tolerant:
 *
 * <pre>
 * {pci}  0000:01:00.0 or 01:00.0     {bdf}  01:00.0
 * {id}   a 4-digit hex ID (1c8d)     {hex}  0x1f, 1f, ffff
 * {num}  -22, 3, 65535               {size} 299008, 256 MB, 4KiB
 * {uuid} an mdev UUID                {word} any run of non-blanks
 * {ver}  535.54.03                   {path} any path without blanks
 * </pre>
 */
public final class LogPattern {
  static final Map<String, String> PLACEHOLDERS =
      Map.of(
          "{pci}", "(?:[0-9a-fA-F]{4}:)?[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\\.[0-7]",
          "{bdf}", "[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\\.[0-7]",
          "{id}", "[0-9a-fA-F]{4}",
          "{hex}", "(?:0x)?[0-9a-fA-F]+",
          "{num}", "-?\\d+",
          "{size}", "\\d+(?:\\.\\d+)?\\s*(?:[KMGT]i?B|bytes)?",
          "{uuid}", "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}",
          "{word}", "\\S+",
          "{ver}", "\\d+(?:\\.\\d+)*",
          "{path}", "/\\S*");

  private final String source;
  private final Pattern pattern;

  private LogPattern(String source, Pattern pattern) {
    this.source = source;
    this.pattern = pattern;
  }

  /** Expands the placeholders and compiles; a bad pattern names its symptom. */
  public static LogPattern compile(String symptomId, String source) {
    String re = source;
    for (var e : PLACEHOLDERS.entrySet()) {
      re = re.replace(e.getKey(), e.getValue());
    }
    try {
      return new LogPattern(source, Pattern.compile(re));
    } catch (PatternSyntaxException e) {
      throw MuxlessException.badInput(
          "symptoms.json: " + symptomId + ": pattern '" + source + "': " + e.getDescription(),
          "patterns are Java regular expressions with {pci} {id} {hex} {num} ... placeholders");
    }
  }

  public boolean find(String line) {
    Matcher m = pattern.matcher(line);
    return m.find();
  }

  public String source() {
    return source;
  }

  @Override
  public String toString() {
    return source;
  }
}
