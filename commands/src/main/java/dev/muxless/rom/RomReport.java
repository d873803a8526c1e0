// STAND-IN: replaced by the rom area at merge
package dev.muxless.rom;

import java.util.List;

public record RomReport(
    String file,
    long size,
    int romStart,
    List<RomImage> images,
    NvidiaInfo nvidia,
    List<RomProblem> problems) {
  public boolean hasErrors() {
    return problems.stream().anyMatch(p -> p.severity() == Severity.ERROR);
  }
}
