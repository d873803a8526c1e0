package dev.muxless.shell;

import dev.muxless.core.MuxlessException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/**
 * The lines of {@code diagnose --log} inputs, concatenated, remembering which file and line each
 * came from. {@code -} is standard input: the process's stdin in one-shot mode, pasted lines in the
 * interactive shell (ended by Ctrl-D or a line with a single '.').
 */
record LogInput(List<String> lines, List<String> names, List<Integer> starts) {
  static final long MAX_BYTES = 64L << 20;

  static LogInput read(String[] logs, Terminal interactive) {
    List<String> lines = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<Integer> starts = new ArrayList<>();
    for (String log : logs) {
      names.add(log.equals("-") ? "stdin" : log);
      starts.add(lines.size());
      lines.addAll(log.equals("-") ? stdin(interactive) : file(Path.of(log)));
    }
    return new LogInput(lines, names, starts);
  }

  private static List<String> file(Path p) {
    try {
      if (!Files.isRegularFile(p)) {
        throw MuxlessException.badInput(
            "--log " + p + ": no such file", "give a log file, or - to read standard input");
      }
      if (Files.size(p) > MAX_BYTES) {
        throw MuxlessException.badInput(
            "--log " + p + ": " + Files.size(p) + " bytes is more than 64 MiB",
            "cut the log to the boot or VM start that failed");
      }
      return new String(Files.readAllBytes(p), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      throw MuxlessException.badInput("--log " + p + ": " + e.getMessage(), "check the file");
    }
  }

  private static List<String> stdin(Terminal terminal) {
    if (terminal != null) {
      LineReader r = LineReaderBuilder.builder().terminal(terminal).build();
      terminal.writer().println("Paste the log, then Ctrl-D (or a line with a single '.'):");
      terminal.writer().flush();
      List<String> out = new ArrayList<>();
      while (true) {
        try {
          String l = r.readLine("");
          if (l.equals(".")) {
            return out;
          }
          out.add(l);
        } catch (EndOfFileException | UserInterruptException e) {
          return out;
        }
      }
    }
    try {
      return new String(System.in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      throw MuxlessException.environment("cannot read standard input: " + e.getMessage(), null);
    }
  }

  /** "file:line" for a 1-based line number of the concatenation ("line" alone for one input). */
  String where(int n) {
    int i = starts.size() - 1;
    while (i > 0 && starts.get(i) >= n) {
      i--;
    }
    int local = n - starts.get(i);
    return names.size() == 1 ? String.valueOf(local) : names.get(i) + ":" + local;
  }
}
