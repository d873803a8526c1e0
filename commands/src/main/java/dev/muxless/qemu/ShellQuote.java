package dev.muxless.qemu;

import java.util.List;
import java.util.regex.Pattern;

/**
 * POSIX shell quoting for showing an argv as one line a user can paste ({@code vm args --shell}).
 * muxless itself never runs qemu through a shell.
 */
public final class ShellQuote {
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

  private ShellQuote() {}

  /** A word as the shell needs it: bare when safe, else in single quotes ('\'' for a quote). */
  public static String quote(String word) {
    if (!word.isEmpty() && SAFE.matcher(word).matches()) {
      return word;
    }
    return "'" + word.replace("'", "'\\''") + "'";
  }

  public static String join(List<String> argv) {
    StringBuilder b = new StringBuilder();
    for (String w : argv) {
      if (b.length() > 0) {
        b.append(' ');
      }
      b.append(quote(w));
    }
    return b.toString();
  }
}
