package dev.muxless.shell;

import dev.muxless.core.CheckReport;
import dev.muxless.core.CheckStatus;
import dev.muxless.core.CheckStep;

/** Formats a {@link CheckReport} for the terminal: one line per step, the fix indented below. */
public final class CheckPrinter {
  private CheckPrinter() {}

  public static String format(CheckReport report) {
    StringBuilder b = new StringBuilder();
    int idWidth = report.steps().stream().mapToInt(s -> s.id().length()).max().orElse(4);
    for (CheckStep s : report.steps()) {
      String st = String.format("%-4s", s.status().name());
      b.append(Style.status(st))
          .append("  ")
          .append(s.id())
          .append(" ".repeat(idWidth - s.id().length()))
          .append("  ")
          .append(s.message())
          .append('\n');
      if (s.fix() != null && s.status() != CheckStatus.PASS) {
        b.append(" ".repeat(idWidth + 8)).append(Style.dim("fix: " + s.fix())).append('\n');
      }
    }
    b.append(
        String.format(
            "%d passed, %d warnings, %d failed, %d skipped",
            report.count(CheckStatus.PASS),
            report.count(CheckStatus.WARN),
            report.count(CheckStatus.FAIL),
            report.count(CheckStatus.SKIP)));
    return b.toString();
  }
}
