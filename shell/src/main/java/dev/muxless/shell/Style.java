package dev.muxless.shell;

/**
 * ANSI styling, used only where it helps and only when stdout is a terminal and {@code NO_COLOR}
 * (https://no-color.org) is unset; piped output stays plain text.
 */
public final class Style {
  private static volatile Boolean enabled;

  private Style() {}

  public static boolean enabled() {
    Boolean e = enabled;
    if (e == null) {
      String noColor = System.getenv("NO_COLOR");
      String term = System.getenv("TERM");
      e =
          (noColor == null || noColor.isEmpty())
              && isTerminal()
              && !"dumb".equals(term)
              && System.getenv("CI") == null;
      enabled = e;
    }
    return e;
  }

  /**
   * Whether stdout is a terminal. From JDK 22 {@code System.console()} is non-null even when piped,
   * and {@code Console.isTerminal()} tells the truth; before that, null means not a tty.
   */
  static boolean isTerminal() {
    java.io.Console c = System.console();
    if (c == null) {
      return false;
    }
    try {
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(c);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }

  /** Tests and {@code --no-color} force it. */
  public static void force(boolean on) {
    enabled = on;
  }

  private static String wrap(String code, String s) {
    return enabled() ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
  }

  public static String bold(String s) {
    return wrap("1", s);
  }

  public static String dim(String s) {
    return wrap("2", s);
  }

  public static String error(String s) {
    return wrap("1;31", s);
  }

  public static String good(String s) {
    return wrap("32", s);
  }

  public static String warn(String s) {
    return wrap("33", s);
  }

  public static String bad(String s) {
    return wrap("31", s);
  }

  /** PASS green, WARN yellow, FAIL red, anything else plain. */
  public static String status(String s) {
    return switch (s.trim()) {
      case "PASS", "OK" -> good(s);
      case "WARN" -> warn(s);
      case "FAIL", "ERROR" -> bad(s);
      default -> s;
    };
  }
}
