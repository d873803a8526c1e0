package dev.muxless.notebook;

import java.util.List;

/**
 * Why a snippet failed, at a notebook line.
 *
 * @param kind {@code compile} (javac rejected it), {@code exception} (it threw), {@code unresolved}
 *     (it used a declaration whose references are still undefined) or {@code incomplete} (the cell
 *     ends in the middle of a statement)
 * @param line the notebook line (1-based) the problem is on
 * @param message one line: the compiler's message or {@code Exception: message}
 * @param trace the stack trace trimmed to the frames down to the notebook's own, each {@code at
 *     method(notebook.jsh:line)} for notebook frames; empty for compile errors
 */
public record Failure(String kind, int line, String message, List<String> trace) {

  /** "line 12: cannot find symbol ..." */
  public String oneLine() {
    return "line " + line + ": " + message;
  }
}
