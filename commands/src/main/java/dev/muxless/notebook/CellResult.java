package dev.muxless.notebook;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * One cell after a run: its source, what it printed, its expression values, notes on declarations
 * that are not usable yet, its failure (null when none) and how long it took.
 */
public record CellResult(
    int index,
    CellKind kind,
    String title,
    int firstLine,
    String source,
    CellStatus status,
    String stdout,
    String stderr,
    List<String> values,
    List<String> notes,
    Failure failure,
    long millis) {

  /** A Markdown cell: nothing to run. */
  static CellResult markdown(Cell c) {
    return withoutOutput(c, CellStatus.OK);
  }

  /** A code cell skipped after an earlier failure. */
  static CellResult notRun(Cell c) {
    return withoutOutput(c, CellStatus.NOT_RUN);
  }

  private static CellResult withoutOutput(Cell c, CellStatus status) {
    return new CellResult(
        c.index(),
        c.kind(),
        c.title(),
        c.firstLine(),
        c.source(),
        status,
        "",
        "",
        List.of(),
        List.of(),
        null,
        0);
  }

  static CellResult of(Cell c, Evaluation e) {
    List<String> notes =
        e.snippets().stream().map(SnippetResult::note).filter(n -> n != null).toList();
    return new CellResult(
        c.index(),
        c.kind(),
        c.title(),
        c.firstLine(),
        c.source(),
        e.failure() == null ? CellStatus.OK : CellStatus.FAILED,
        e.stdout(),
        e.stderr(),
        e.values(),
        notes,
        e.failure(),
        e.millis());
  }

  /** This result as failed by an interruption, keeping what the cell printed before it. */
  CellResult stopped(Failure why) {
    return new CellResult(
        index,
        kind,
        title,
        firstLine,
        source,
        CellStatus.FAILED,
        stdout,
        stderr,
        values,
        notes,
        failure != null ? failure : why,
        millis);
  }

  @JsonIgnore // the kind says it; not a field of the JSON
  public boolean isCode() {
    return kind == CellKind.CODE;
  }

  public boolean failed() {
    return status == CellStatus.FAILED;
  }

  /** Everything the cell showed, as a terminal or a report prints it. */
  public String output() {
    StringBuilder b = new StringBuilder();
    appendLines(b, stdout);
    appendLines(b, stderr);
    values.forEach(v -> b.append(v).append('\n'));
    notes.forEach(n -> b.append("note: ").append(n).append('\n'));
    if (failure != null) {
      b.append("error: ").append(failure.oneLine()).append('\n');
      failure.trace().forEach(t -> b.append("    ").append(t).append('\n'));
    }
    return b.toString();
  }

  private static void appendLines(StringBuilder b, String s) {
    if (!s.isEmpty()) {
      b.append(s);
      if (!s.endsWith("\n")) {
        b.append('\n');
      }
    }
  }
}
