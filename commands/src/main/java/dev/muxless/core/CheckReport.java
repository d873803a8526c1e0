package dev.muxless.core;

import java.util.List;

/** An ordered list of check steps; its {@code --json} form is {@code {"steps": [...]}}. */
public record CheckReport(List<CheckStep> steps) {
  public CheckReport {
    steps = List.copyOf(steps);
  }

  public boolean anyFailed() {
    return steps.stream().anyMatch(s -> s.status() == CheckStatus.FAIL);
  }

  /** PROBLEMS when any step failed, else OK. */
  public ExitStatus exitStatus() {
    return anyFailed() ? ExitStatus.PROBLEMS : ExitStatus.OK;
  }

  public long count(CheckStatus s) {
    return steps.stream().filter(x -> x.status() == s).count();
  }
}
