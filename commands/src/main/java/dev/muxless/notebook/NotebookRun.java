package dev.muxless.notebook;

import java.util.List;

/**
 * A whole run of a notebook: every cell in order (Markdown included), the time to start JShell
 * (build, class path, default imports) and the total time, both in milliseconds.
 */
public record NotebookRun(String notebook, List<CellResult> cells, long startMillis, long millis) {

  public boolean failed() {
    return cells.stream().anyMatch(CellResult::failed);
  }

  public List<CellResult> failures() {
    return cells.stream().filter(CellResult::failed).toList();
  }

  public long count(CellStatus status) {
    return cells.stream().filter(CellResult::isCode).filter(c -> c.status() == status).count();
  }
}
