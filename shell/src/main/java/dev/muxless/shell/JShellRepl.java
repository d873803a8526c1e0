package dev.muxless.shell;

import dev.muxless.notebook.Evaluation;
import dev.muxless.notebook.JShellSession;
import dev.muxless.notebook.SnippetResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;

/**
 * The interactive JShell inside muxless: a JLine line reader (editing, history, completion from
 * {@link JShellCompleter}) over one {@link JShellSession} with the toolkit imported. An entry is
 * evaluated once JShell finds it complete, so declarations may span lines. {@code /exit} (or
 * Ctrl-D) returns to the muxless shell.
 */
final class JShellRepl {
  static final String PROMPT = "jshell> ";
  static final String MORE = "   ...> ";

  private final Terminal terminal;
  private final Path historyFile;

  JShellRepl(Terminal terminal, Path historyFile) {
    this.terminal = terminal;
    this.historyFile = historyFile;
  }

  /** Reads and evaluates entries until /exit or end of input; returns how many were evaluated. */
  int run() {
    PrintWriter out = terminal.writer();
    int evaluated = 0;
    try (JShellSession js = JShellSession.open("jshell")) {
      LineReader reader = reader(js);
      out.println(
          "JShell with the toolkit imported ("
              + String.join(
                  ", ",
                  js.defaultImports().stream()
                      .filter(i -> i.startsWith("import dev.muxless."))
                      .map(i -> i.substring("import dev.muxless.".length(), i.length() - 3))
                      .toList())
              + "). /help for commands, /exit to return to muxless.");
      out.flush();
      StringBuilder entry = new StringBuilder();
      while (true) {
        String line;
        try {
          line = reader.readLine(entry.length() == 0 ? PROMPT : MORE);
        } catch (UserInterruptException e) {
          entry.setLength(0); // Ctrl-C drops the entry being typed, like jshell
          continue;
        } catch (EndOfFileException e) {
          break;
        }
        if (entry.length() == 0 && line.strip().startsWith("/")) {
          if (!command(line.strip(), js, out)) {
            break;
          }
          continue;
        }
        entry.append(line).append('\n');
        if (entry.toString().isBlank() || js.needsMoreInput(entry.toString())) {
          if (entry.toString().isBlank()) {
            entry.setLength(0);
          }
          continue;
        }
        // Ctrl-C while an entry runs stops it (JShell.stop), not the whole shell
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, sig -> js.stop());
        try {
          Evaluation ev =
              js.eval(
                  entry.toString(),
                  1,
                  text -> {
                    out.print(text); // what the entry prints, as it prints it
                    out.flush();
                  });
          print(ev, entry.toString().strip().contains("\n"), out);
        } finally {
          terminal.handle(Terminal.Signal.INT, previous);
        }
        evaluated++;
        entry.setLength(0);
      }
    }
    return evaluated;
  }

  private LineReader reader(JShellSession js) {
    DefaultParser parser = new DefaultParser();
    parser.setEscapeChars(new char[0]); // Java source: backslashes and quotes are not shell syntax
    parser.setQuoteChars(new char[0]);
    return LineReaderBuilder.builder()
        .terminal(terminal)
        .appName("muxless-jshell")
        .parser(parser)
        .completer(new JShellCompleter(js))
        .variable(LineReader.HISTORY_FILE, historyFile)
        .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true) // '!' is Java's not
        .option(LineReader.Option.AUTO_FRESH_LINE, true)
        .build();
  }

  /** Runs a /command; false for /exit. */
  private static boolean command(String cmd, JShellSession js, PrintWriter out) {
    switch (cmd.split("\\s+")[0]) {
      case "/exit", "/quit", "/q" -> {
        return false;
      }
      case "/vars" -> js.variables().forEach(v -> out.println("|    " + v));
      case "/methods", "/types", "/list" ->
          js.declarations().forEach(d -> out.println("|    " + d));
      case "/imports" -> js.activeImports().forEach(i -> out.println("|    " + i));
      case "/help", "/?" ->
          out.println(
              """
          |  Type Java: statements, expressions, declarations (several lines are fine).
          |  Tab completes names and members; Up/Down and Ctrl-R search the history.
          |  /vars      the variables and their values
          |  /methods   the methods and types declared
          |  /imports   the imports (the toolkit's packages are imported already)
          |  /exit      return to muxless (Ctrl-D does too)""");
      default -> out.println("|  unknown command " + cmd + "; /help lists them");
    }
    out.flush();
    return true;
  }

  /** Values, declarations and failures of an entry (its output was shown while it ran). */
  static void print(Evaluation ev, boolean multiLine, PrintWriter out) {
    String printed = ev.stdout() + ev.stderr();
    if (!printed.isEmpty() && !printed.endsWith("\n")) {
      out.println();
    }
    for (SnippetResult s : ev.snippets()) {
      if (s.failed()) {
        out.println(
            Style.bad("|  error: ") + (multiLine ? s.failure().oneLine() : s.failure().message()));
        s.failure().trace().forEach(t -> out.println("|      " + t));
      } else if (s.value() != null && ("expression".equals(s.kind()) || "var".equals(s.kind()))) {
        out.println(s.name() + " ==> " + s.value());
      } else if ("method".equals(s.kind()) || "type".equals(s.kind())) {
        out.println("|  created " + s.kind() + " " + s.name());
      }
      if (s.note() != null) {
        out.println("|  note: " + s.note());
      }
    }
    out.flush();
  }
}
