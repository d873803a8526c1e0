package dev.muxless.shell;

import dev.muxless.notebook.Cell;
import dev.muxless.notebook.CellResult;
import dev.muxless.notebook.CellStatus;
import dev.muxless.notebook.NotebookRunner;
import java.io.PrintWriter;
import org.jline.terminal.Terminal;

/**
 * Prints a notebook run as it happens, for {@code notebook run}: Markdown headings as they pass, a
 * header as a code cell starts, what the cell prints while it prints it, then its values, notes and
 * failure.
 */
final class NotebookPrinter implements NotebookRunner.Listener, AutoCloseable {
  private final Terminal terminal;
  private final PrintWriter w;
  private Terminal.SignalHandler previous;
  private boolean atLineStart = true;

  /**
   * @param terminal where to print and whose Ctrl-C stops the run
   * @param quiet print nothing (--json prints the run at the end)
   */
  NotebookPrinter(Terminal terminal, boolean quiet) {
    this.terminal = terminal;
    this.w = quiet ? new PrintWriter(java.io.Writer.nullWriter()) : terminal.writer();
  }

  @Override
  public void started(Runnable stop) {
    previous = terminal.handle(Terminal.Signal.INT, sig -> stop.run());
  }

  /** Gives Ctrl-C back to the shell. */
  @Override
  public void close() {
    if (previous != null) {
      terminal.handle(Terminal.Signal.INT, previous);
      previous = null;
    }
  }

  @Override
  public void cellStarted(Cell c) {
    if (c.isBlank()) {
      return;
    }
    String title = c.title().isEmpty() ? "" : " " + c.title();
    w.println(Style.dim("[" + c.index() + "] line " + c.firstLine() + title));
    w.flush();
  }

  @Override
  public synchronized void output(String text) {
    w.print(text);
    w.flush();
    atLineStart = text.endsWith("\n");
  }

  @Override
  public synchronized void cellFinished(CellResult c) {
    if (!c.isCode()) {
      c.source().lines().filter(l -> l.startsWith("#")).forEach(l -> w.println(Style.bold(l)));
      w.flush();
      return;
    }
    if (c.status() == CellStatus.NOT_RUN) {
      return;
    }
    if (!atLineStart) {
      w.println();
    }
    atLineStart = true;
    c.values().forEach(w::println);
    c.notes().forEach(n -> w.println(Style.dim("note: " + n)));
    if (c.failure() != null) {
      w.println(Style.bad("error: ") + c.failure().oneLine());
      c.failure().trace().forEach(t -> w.println("    " + t));
    }
    w.flush();
  }
}
