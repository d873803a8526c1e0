package dev.muxless.shell;

import dev.muxless.kb.Answers;
import dev.muxless.kb.Choice;
import dev.muxless.kb.Question;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/**
 * Troubleshoot's answers from the terminal: prints the question and its numbered choices, reads a
 * number or a choice's value, asks again on anything else; Ctrl-D or 'q' ends the session (it is
 * saved and can be resumed).
 */
final class InteractiveAnswers implements Answers {
  private final Terminal terminal;
  private final LineReader reader;

  InteractiveAnswers(Terminal terminal) {
    this.terminal = terminal;
    this.reader = LineReaderBuilder.builder().terminal(terminal).build();
  }

  @Override
  public Optional<String> answer(Question q) {
    PrintWriter out = terminal.writer();
    out.println();
    out.println(Style.bold(q.text()));
    List<Choice> choices = q.choices();
    for (int i = 0; i < choices.size(); i++) {
      out.printf("  %d) %s%n", i + 1, choices.get(i).label());
    }
    out.flush();
    while (true) {
      String line;
      try {
        line = reader.readLine("answer (1-" + choices.size() + ", q to stop)> ");
      } catch (EndOfFileException | UserInterruptException e) {
        return Optional.empty();
      }
      String a = line == null ? "" : line.strip();
      if (a.equals("q") || a.equals("quit")) {
        return Optional.empty();
      }
      if (a.matches("\\d{1,3}")) {
        int n = Integer.parseInt(a);
        if (n >= 1 && n <= choices.size()) {
          return Optional.of(choices.get(n - 1).value());
        }
      }
      if (q.choice(a).isPresent()) {
        return Optional.of(q.choice(a).get().value());
      }
      out.println("Type a number from 1 to " + choices.size() + ", or q to stop.");
      out.flush();
    }
  }
}
