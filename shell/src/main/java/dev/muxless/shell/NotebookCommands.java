package dev.muxless.shell;

import dev.muxless.core.AtomicFiles;
import dev.muxless.core.ExitStatus;
import dev.muxless.core.Json;
import dev.muxless.core.MuxlessException;
import dev.muxless.notebook.CellResult;
import dev.muxless.notebook.CellStatus;
import dev.muxless.notebook.Notebook;
import dev.muxless.notebook.NotebookReport;
import dev.muxless.notebook.NotebookRun;
import dev.muxless.notebook.NotebookRunner;
import dev.muxless.notebook.NotebookTemplate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jline.terminal.Terminal;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.shell.command.CommandRegistration;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;
import org.springframework.shell.command.annotation.OptionValues;

/**
 * {@code notebook run} and {@code notebook new}. Thin: the engine is {@link NotebookRunner}; this
 * class prints each cell as it finishes and maps the outcome to an exit status.
 */
@Command(command = "notebook", group = "Notebooks")
public class NotebookCommands {
  private final ShellSession session;
  private final ObjectProvider<Terminal> terminal;

  public NotebookCommands(ShellSession session, ObjectProvider<Terminal> terminal) {
    this.session = session;
    this.terminal = terminal;
  }

  @Command(
      command = "run",
      description =
          "Run a .jsh notebook cell by cell, printing each cell's output; stop at the first"
              + " failing cell unless --keep-going.")
  @Example("notebook run notebooks/host-check-and-bind.jsh")
  @Example("notebook run notebooks/explore-a-rom.jsh --param rom=gpu.rom --out explore.html")
  @Example("notebook run my.jsh --keep-going --out my.md")
  @Example("notebook run my.jsh --json")
  public String run(
      @Option(required = true, description = "the notebook (.jsh)", label = "FILE")
          @OptionValues(provider = "notebookCompletion")
          String file,
      @Option(longNames = "out", description = "also write the executed notebook (.md or .html)")
          @OptionValues(provider = "fileCompletion")
          String out,
      @Option(longNames = "keep-going", description = "run every cell even after one failed")
          boolean keepGoing,
      @Option(
              longNames = "param",
              description =
                  "values for Param.get in the notebook: --param a=1 b=2 (one --param, several"
                      + " pairs)",
              arity = CommandRegistration.OptionArity.ZERO_OR_MORE,
              label = "NAME=VALUE")
          String[] params,
      @Option(longNames = "json", description = "print the whole run as JSON at the end")
          boolean json) {
    Path nbFile = Path.of(file);
    Path report = out == null || out.isBlank() ? null : Path.of(out);
    if (report != null) {
      NotebookReport.checkTarget(report, nbFile);
    }
    Notebook nb = Notebook.read(nbFile);
    NotebookRun run;
    try (NotebookPrinter printer = new NotebookPrinter(terminal.getObject(), json)) {
      run = NotebookRunner.run(nb, new NotebookRunner.Options(keepGoing, parse(params)), printer);
    }
    if (report != null) {
      NotebookReport.write(report, run);
    }
    session.report(run.failed() ? ExitStatus.PROBLEMS : ExitStatus.OK);
    if (json) {
      return Json.write(run);
    }
    StringBuilder b = new StringBuilder();
    CellResult first = run.failures().isEmpty() ? null : run.failures().get(0);
    if (first != null && !keepGoing) {
      b.append(Style.bad("stopped: "))
          .append("cell ")
          .append(first.index())
          .append(" failed at ")
          .append(file)
          .append(':')
          .append(first.failure().line())
          .append(" (--keep-going runs the rest)\n");
    }
    b.append(footer(run));
    if (report != null) {
      b.append("\nWrote ").append(report);
    }
    return b.toString();
  }

  @Command(
      command = "new",
      description = "Write a new notebook from a template that tours the toolkit's entry points.")
  @Example("notebook new my-laptop.jsh")
  @Example("notebook new notebooks/scratch.jsh --force")
  public String create(
      @Option(required = true, description = "the notebook to create (.jsh)", label = "FILE")
          @OptionValues(provider = "fileCompletion")
          String file,
      @Option(longNames = "force", description = "overwrite an existing file") boolean force) {
    if (!file.endsWith(".jsh")) {
      throw MuxlessException.badInput(
          file + ": a notebook's name ends in .jsh", "e.g. notebook new " + file + ".jsh");
    }
    Path p = Path.of(file);
    if (Files.exists(p) && !force) {
      throw MuxlessException.badInput(
          file + " already exists", "choose another name, or add --force to overwrite it");
    }
    String text = NotebookTemplate.text(file);
    AtomicFiles.writeString(p, text);
    session.report(ExitStatus.OK);
    return "Wrote "
        + file
        + " ("
        + Notebook.parse(text, file).cells().size()
        + " cells). Run it: notebook run "
        + file;
  }

  static Map<String, String> parse(String[] params) {
    Map<String, String> out = new LinkedHashMap<>();
    if (params == null) {
      return out;
    }
    for (String p : params) {
      int eq = p.indexOf('=');
      if (eq <= 0) {
        throw MuxlessException.badInput(
            "--param " + p + ": expected NAME=VALUE", "e.g. --param rom=gpu.rom");
      }
      out.put(p.substring(0, eq), p.substring(eq + 1));
    }
    return out;
  }

  private static String footer(NotebookRun run) {
    return String.format(
        "%d cells ok, %d failed%s, %d ms (JShell start %d ms)",
        run.count(CellStatus.OK),
        run.count(CellStatus.FAILED),
        run.count(CellStatus.NOT_RUN) > 0 ? ", " + run.count(CellStatus.NOT_RUN) + " not run" : "",
        run.millis(),
        run.startMillis());
  }
}
