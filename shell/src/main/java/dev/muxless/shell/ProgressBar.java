package dev.muxless.shell;

import dev.muxless.firmware.ExtractProgress;
import java.io.PrintWriter;

/**
 * A one-line progress bar redrawn with carriage returns, for long scans; it redraws only when the
 * percentage changes and erases itself when done, so the report that follows starts clean.
 */
public final class ProgressBar implements ExtractProgress {
  private static final int WIDTH = 30;
  private final PrintWriter out;
  private final String label;
  private int shown = -1;

  public ProgressBar(PrintWriter out, String label) {
    this.out = out;
    this.label = label;
  }

  @Override
  public void at(long done, long total) {
    int pct = total <= 0 ? 100 : (int) Math.min(100, done * 100 / total);
    if (pct == shown) {
      return;
    }
    shown = pct;
    out.print("\r" + render(label, pct));
    out.flush();
  }

  /** Clears the line. */
  public void done() {
    if (shown >= 0) {
      out.print("\r" + " ".repeat(render(label, 100).length()) + "\r");
      out.flush();
    }
  }

  static String render(String label, int pct) {
    int filled = pct * WIDTH / 100;
    return label + " [" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + pct + "%";
  }
}
