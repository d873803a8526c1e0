package dev.muxless.notebook;

import dev.muxless.core.MuxlessException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a notebook top to bottom in one {@link JShellSession}, cell by cell, the way an executed
 * Jupyter notebook is produced: each code cell's output, values and failure are recorded; the run
 * stops at the first failing cell unless {@code keepGoing}, and the cells after it are {@link
 * CellStatus#NOT_RUN}.
 */
public final class NotebookRunner {

  /**
   * How to run.
   *
   * @param keepGoing run every cell even after one failed
   * @param params values for {@link Param#get}
   */
  public record Options(boolean keepGoing, Map<String, String> params) {
    public static Options defaults() {
      return new Options(false, Map.of());
    }
  }

  /** Follows a run as it happens: a terminal prints from these. */
  public interface Listener {
    /** A code cell is about to run. */
    default void cellStarted(Cell cell) {}

    /** Text the running cell printed, as it is printed. */
    default void output(String text) {}

    /** A cell (Markdown included) is done; its output is in the result as well. */
    void cellFinished(CellResult result);

    /**
     * The run has its JShell; {@code stop} (callable from any thread, e.g. a Ctrl-C handler) stops
     * the running cell, marks it failed and skips the rest.
     */
    default void started(Runnable stop) {}
  }

  private NotebookRunner() {}

  /** Reads and runs a notebook file. */
  public static NotebookRun run(Path file, Options options, Listener listener) {
    return run(Notebook.read(file), options, listener);
  }

  /**
   * Runs a parsed notebook, telling {@code listener} as cells start, print and finish.
   *
   * @throws MuxlessException (environment) when the notebook requires a class this build lacks
   */
  public static NotebookRun run(Notebook nb, Options options, Listener listener) {
    List<String> missing = nb.missingClasses(NotebookRunner.class.getClassLoader());
    if (!missing.isEmpty()) {
      throw MuxlessException.environment(
          nb.name()
              + " requires "
              + String.join(", ", missing)
              + ", which this muxless build lacks",
          "run it with a build that includes that engine, or remove the '// requires:' line");
    }
    long t0 = System.nanoTime();
    List<CellResult> results = new ArrayList<>();
    Param.scope(options.params());
    long start;
    try (JShellSession js = JShellSession.open(Path.of(nb.name()).getFileName().toString())) {
      start = (System.nanoTime() - t0) / 1_000_000;
      AtomicBoolean interrupted = new AtomicBoolean();
      listener.started(
          () -> {
            interrupted.set(true);
            js.stop();
          });
      boolean stopped = false;
      for (Cell c : nb.cells()) {
        CellResult r;
        if (!c.isCode()) {
          r = CellResult.markdown(c);
        } else if (stopped) {
          r = CellResult.notRun(c);
        } else {
          listener.cellStarted(c);
          r = CellResult.of(c, js.eval(c.source(), c.firstLine(), listener::output));
          if (interrupted.get()) {
            // JShell reports a stopped snippet as no outcome at all: say what happened
            r = r.stopped(new Failure("stopped", c.firstLine(), "stopped on request", List.of()));
            stopped = true;
          } else {
            stopped = r.failed() && !options.keepGoing();
          }
        }
        results.add(r);
        listener.cellFinished(r);
      }
    } finally {
      Param.scope(Map.of());
    }
    return new NotebookRun(
        nb.name(), List.copyOf(results), start, (System.nanoTime() - t0) / 1_000_000);
  }
}
