package dev.muxless.kb;

import java.util.regex.Pattern;

/**
 * Removes the prefixes logs put before the message, so patterns see the same text whether the user
 * pasted dmesg, journalctl, syslog, a libvirt log or Xorg.0.log:
 *
 * <pre>
 * [   12.345678] ...                               dmesg
 * Nov 21 10:00:00 host kernel: [ 12.3] ...         journalctl / syslog
 * 2026-11-21T10:00:00.123456+00:00 host kernel: .. journalctl -o short-iso, rsyslog
 * 2026-11-21 10:00:00.123+0000: 4242: error : ...  libvirt logs
 * [    45.123] (EE) ...                             Xorg.0.log (the (EE) stays)
 * </pre>
 */
public final class LogLine {
  private static final Pattern DMESG = Pattern.compile("^\\s*\\[\\s*\\d+(?:\\.\\d+)?\\]\\s?");
  private static final Pattern SYSLOG =
      Pattern.compile(
          "^(?:[A-Z][a-z]{2}\\s+\\d{1,2}\\s+\\d{2}:\\d{2}:\\d{2}"
              + "|\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d+)?(?:Z|[+-]\\d{2}:?\\d{2})?)"
              + "\\s+\\S+\\s+[\\w.@/()-]+(?:\\[\\d+\\])?:\\s?");
  private static final Pattern LIBVIRT =
      Pattern.compile(
          "^\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?(?:Z|[+-]\\d{2}:?\\d{2})?:"
              + "\\s*\\d+:\\s*(?:\\w+\\s*:\\s*)?(?:\\w+:\\d+\\s*:\\s*)?");

  private LogLine() {}

  /** The message part of a log line. */
  public static String strip(String line) {
    String s = line.replace("\r", "");
    s = SYSLOG.matcher(s).replaceFirst("");
    s = LIBVIRT.matcher(s).replaceFirst("");
    s = DMESG.matcher(s).replaceFirst("");
    return s.strip();
  }
}
