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

  public OneShotRunner(
      Shell shell,
      ShellContext context,
      ShellSession session,
      @org.springframework.beans.factory.annotation.Value(
              "${spring.shell.interactive.enabled:true}")
          boolean interactive) {
    this.interactive = interactive;
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
    if (words.isEmpty() && !interactive) {
      return false;
    }
    if (words.isEmpty()) {
      // interactive: greet, then let Spring Shell's JLine runner take over
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
