package dev.muxless.notebook;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jdk.jshell.EvalException;

/**
 * Maps stack frames of snippet code back to notebook lines. JShell reports a frame in a snippet
 * with the file name {@code #<snippet id>} and a line counted from the snippet's first line of
 * code; each snippet's notebook line is registered when it is evaluated, so a method declared in
 * cell 2 and failing when called from cell 5 is shown at its line in cell 2.
 */
final class SnippetFrames {
  /** Frames shown when no frame is the notebook's (an exception inside a JDK thread). */
  private static final int MAX_FOREIGN = 8;

  private final String sourceName;
  private final Map<String, Integer> lines = new ConcurrentHashMap<>();

  SnippetFrames(String sourceName) {
    this.sourceName = sourceName;
  }

  void register(String snippetId, int firstCodeLine) {
    lines.put(snippetId, firstCodeLine);
  }

  /** The failure for an exception a snippet threw, at the deepest notebook frame's line. */
  Failure exception(Throwable ex, int fallbackLine) {
    List<String> trace = new ArrayList<>();
    int at = trace(ex, trace, fallbackLine);
    Throwable c = ex.getCause();
    int depth = 0;
    while (c != null && depth++ < 5) {
      trace.add("Caused by: " + describe(c));
      trace(c, trace, -1);
      c = c.getCause();
    }
    return new Failure("exception", at, describe(ex), List.copyOf(trace));
  }

  /** Adds the frames down to the notebook's last one; returns the line of the first of those. */
  private int trace(Throwable t, List<String> out, int fallbackLine) {
    StackTraceElement[] st = t.getStackTrace();
    int last = -1;
    for (int i = 0; i < st.length; i++) {
      if (line(st[i]) > 0) {
        last = i;
      }
    }
    int keep = last >= 0 ? last + 1 : Math.min(st.length, MAX_FOREIGN);
    int first = -1;
    for (int i = 0; i < keep; i++) {
      int l = line(st[i]);
      if (l > 0) {
        if (first < 0) {
          first = l;
        }
        String m = st[i].getMethodName();
        out.add("at " + (m.isEmpty() ? "" : m + " ") + "(" + sourceName + ":" + l + ")");
      } else {
        out.add("at " + st[i]);
      }
    }
    if (last < 0 && st.length > keep) {
      out.add("... " + (st.length - keep) + " more");
    }
    return first > 0 ? first : fallbackLine;
  }

  /** The notebook line of a frame in a snippet ({@code #12:3}), or -1 for any other frame. */
  int line(StackTraceElement e) {
    String f = e.getFileName();
    if (f == null || !f.startsWith("#")) {
      return -1;
    }
    Integer start = lines.get(f.substring(1));
    return start == null || e.getLineNumber() < 1 ? -1 : start + e.getLineNumber() - 1;
  }

  /** "java.lang.IllegalStateException: message", with the class the snippet really threw. */
  static String describe(Throwable t) {
    String cls = t instanceof EvalException e ? e.getExceptionClassName() : t.getClass().getName();
    return t.getMessage() == null ? cls : cls + ": " + t.getMessage();
  }
}
