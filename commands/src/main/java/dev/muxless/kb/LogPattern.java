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
  private final String literal;
  private final String lowerLiteral;

  private LogPattern(String source, Pattern pattern) {
    this.source = source;
    this.pattern = pattern;
    this.literal = requiredLiteral(source);
    String rest = source.startsWith("(?i)") ? requiredLiteral(source.substring(4)) : null;
    this.lowerLiteral = rest == null ? null : rest.toLowerCase(java.util.Locale.ROOT);
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
    return find(line, null);
  }

  /** As {@link #find(String)}, given the line in lower case too (computed once per line). */
  public boolean find(String line, String lower) {
    if (literal != null && !line.contains(literal)) {
      return false; // cheap pre-filter: most log lines share no text with most patterns
    }
    if (lowerLiteral != null && lower != null && !lower.contains(lowerLiteral)) {
      return false; // the same for a case-insensitive pattern
    }
    Matcher m = pattern.matcher(line);
    return m.find();
  }

  /** The longest text every match must contain, or null (used as a pre-filter). */
  public String literal() {
    return literal;
  }

  /**
   * The longest run of plain characters outside groups, classes, placeholders and quantified atoms;
   * null for case-insensitive or top-level alternative patterns, or when it is shorter than 4.
   */
  static String requiredLiteral(String src) {
    if (src.contains("(?i)") || hasTopLevelBar(src)) {
      return null;
    }
    String best = "";
    StringBuilder cur = new StringBuilder();
    int i = 0;
    while (i < src.length()) {
      char c = src.charAt(i);
      if (c == '\\' && i + 1 < src.length()) {
        char n = src.charAt(i + 1);
        if (Character.isLetterOrDigit(n)) {
          best = longer(best, cur);
          cur.setLength(0);
        } else {
          cur.append(n);
        }
        i += 2;
      } else if (c == '(' || c == '[' || c == '{') {
        if (c == '{' && i + 1 < src.length() && Character.isDigit(src.charAt(i + 1))) {
          if (cur.length() > 0) {
            cur.setLength(cur.length() - 1); // a{0,2}: the atom before may be absent
          }
        }
        best = longer(best, cur);
        cur.setLength(0);
        i = skipGroup(src, i);
        if (i < src.length() && "?*+{".indexOf(src.charAt(i)) >= 0 && src.charAt(i) != '{') {
          i++;
        }
      } else if (c == '?' || c == '*' || c == '+') {
        if (c != '+' && cur.length() > 0) {
          cur.setLength(cur.length() - 1); // the atom before is optional
        }
        best = longer(best, cur);
        cur.setLength(0);
        i++;
      } else if (c == '.' || c == '^' || c == '$' || c == ')' || c == ']' || c == '}') {
        best = longer(best, cur);
        cur.setLength(0);
        i++;
      } else {
        cur.append(c);
        i++;
      }
    }
    best = longer(best, cur);
    return best.length() >= 4 ? best : null;
  }

  private static String longer(String best, StringBuilder cur) {
    return cur.length() > best.length() ? cur.toString() : best;
  }

  /** The index after the group, class or placeholder opening at i. */
  private static int skipGroup(String s, int i) {
    char open = s.charAt(i);
    char close = open == '(' ? ')' : open == '[' ? ']' : '}';
    int depth = 0;
    for (int j = i; j < s.length(); j++) {
      char c = s.charAt(j);
      if (c == '\\') {
        j++;
      } else if (c == open) {
        depth++;
      } else if (c == close && --depth == 0) {
        return j + 1;
      }
    }
    return s.length();
  }

  private static boolean hasTopLevelBar(String s) {
    int depth = 0;
    for (int j = 0; j < s.length(); j++) {
      char c = s.charAt(j);
      if (c == '\\') {
        j++;
      } else if (c == '(' || c == '[') {
        depth++;
      } else if (c == ')' || c == ']') {
        depth--;
      } else if (c == '|' && depth == 0) {
        return true;
      }
    }
    return false;
  }

  public String source() {
    return source;
  }

  @Override
  public String toString() {
    return source;
  }
}
