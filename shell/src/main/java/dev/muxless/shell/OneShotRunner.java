package dev.muxless.shell;

import dev.muxless.core.ExitStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.core.annotation.Order;
import org.springframework.shell.Input;
import org.springframework.shell.Shell;
import org.springframework.shell.ShellRunner;
import org.springframework.shell.command.CommandExecution;
import org.springframework.shell.context.InteractionMode;
import org.springframework.shell.context.ShellContext;
import org.springframework.stereotype.Component;

/**
 * Runs {@code ./muxless <command> [options]} once and records its exit status.
 *
 * <p>Spring Shell's own non-interactive runner joins the arguments with spaces and parses them
 * again, losing quoting, and exits 0 on most errors (../shared/docs/java-stack.md, pitfall 4). This
 * runner hands the words to the shell exactly as the process received them and maps every outcome
 * to {@link ExitStatus}. {@code --debug} anywhere before the command turns on stack traces.
 */
@Component
@Order(-100)
public class OneShotRunner implements ShellRunner {
  private final Shell shell;
  private final ShellContext context;
  private final ShellSession session;

  private final boolean interactive;

  private final org.jline.terminal.Terminal terminal;
  private final org.springframework.shell.command.CommandCatalog catalog;

  public OneShotRunner(
      org.jline.terminal.Terminal terminal,
      org.springframework.shell.command.CommandCatalog catalog,
      Shell shell,
      ShellContext context,
      ShellSession session,
      @org.springframework.beans.factory.annotation.Value(
              "${spring.shell.interactive.enabled:true}")
          boolean interactive) {
    this.interactive = interactive;
    this.terminal = terminal;
    this.catalog = catalog;
    this.shell = shell;
    this.context = context;
    this.session = session;
  }

  @Override
  public boolean run(String[] args) throws Exception {
    List<String> words = new ArrayList<>(Arrays.asList(args));
    while (!words.isEmpty() && words.get(0).equals("--debug")) {
      session.debug(true);
      words.remove(0);
    }
    if (!words.isEmpty() && (words.get(0).equals("--help") || words.get(0).equals("-h"))) {
      words.set(0, "help");
    }
    if (!words.isEmpty() && words.get(0).equals("--version")) {
      words.set(0, "version");
    }
    if (words.isEmpty() && !interactive) {
      return false;
    }
    if (words.isEmpty()) {
      // interactive: greet, then let Spring Shell's JLine runner take over
      session.interactive(true);
      System.out.println(
          Style.bold("muxless")
              + " "
              + version()
              + "  host: "
              + session.hostLabel()
              + (session.hostLabel().equals("/") ? " (this machine)" : "")
              + "  - 'help' lists commands, 'exit' leaves.");
      return false;
    }
    context.setInteractionMode(InteractionMode.NONINTERACTIVE);
    String known = longestCommand(words);
    if (known == null) {
      terminal
          .writer()
          .println(
              "error: unknown command '"
                  + String.join(" ", words)
                  + "'\nhint: './muxless help' lists the commands");
      terminal.writer().flush();
      session.report(ExitStatus.BAD_INPUT);
      return true;
    }
    Input input =
        new Input() {
          @Override
          public String rawText() {
            return String.join(" ", words);
          }

          @Override
          public List<String> words() {
            return words;
          }
        };
    session.currentCommand(known);
    boolean[] given = {false};
    try {
      shell.run(
          () -> {
            if (given[0]) {
              return null;
            }
            given[0] = true;
            return input;
          });
    } catch (CommandExecution.CommandParserExceptionsException e) {
      session.report(ExitStatus.BAD_INPUT);
    } catch (Exception e) {
      session.report(statusOf(e));
    }
    return true;
  }

  /** The longest registered command the words start with, or null (the shell's own rule). */
  private String longestCommand(List<String> words) {
    String line = String.join(" ", words);
    String best = null;
    for (String name : catalog.getRegistrations().keySet()) {
      if ((line.equals(name) || line.startsWith(name + " "))
          && (best == null || name.length() > best.length())) {
        best = name;
      }
    }
    return best;
  }

  private static String version() {
    String v = OneShotRunner.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  private ExitStatus statusOf(Exception e) {
    if (e instanceof ExitCodeGenerator g) {
      int code = g.getExitCode();
      for (ExitStatus s : ExitStatus.values()) {
        if (s.code() == code) {
          return s;
        }
      }
      return ExitStatus.PROBLEMS;
    }
    String name = e.getClass().getSimpleName();
    if (name.equals("CommandNotFound") || name.contains("Parser")) {
      return ExitStatus.BAD_INPUT;
    }
    return ExitStatus.PROBLEMS;
  }
}
