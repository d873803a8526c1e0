package dev.muxless.shell;

import dev.muxless.core.ExitStatus;
import dev.muxless.core.MuxlessException;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.springframework.shell.command.CommandExceptionResolver;
import org.springframework.shell.command.CommandHandlingResult;
import org.springframework.stereotype.Component;

/**
 * Turns every exception a command throws into one line plus a hint and an {@link ExitStatus}: a
 * {@link MuxlessException} carries its own; anything else is a muxless bug, shown as one line that
 * says so (the stack trace only with {@code --debug}).
 */
@Component
@org.springframework.core.annotation.Order(CommandExceptionResolver.DEFAULT_PRECEDENCE - 1)
public class ErrorResolver implements CommandExceptionResolver {
  private final ShellSession session;

  public ErrorResolver(ShellSession session) {
    this.session = session;
  }

  @Override
  public CommandHandlingResult resolve(Exception ex) {
    Throwable e = unwrap(ex);
    StringBuilder out = new StringBuilder();
    ExitStatus status;
    if (e
        instanceof
        org.springframework.shell.command.CommandExecution.CommandParserExceptionsException p) {
      status = ExitStatus.BAD_INPUT;
      p.getParserExceptions()
          .forEach(x -> out.append(Style.error("error: ")).append(x.getMessage()).append('\n'));
      String cmd = session.currentCommand();
      out.append(
              Style.dim(
                  "hint: 'help"
                      + (cmd == null ? "" : " " + cmd)
                      + "' lists "
                      + (cmd == null ? "the commands" : "its options and examples")))
          .append('\n');
    } else if (e instanceof MuxlessException m) {
      status = m.status();
      out.append(Style.error("error: ")).append(m.getMessage()).append('\n');
      if (m.hint() != null) {
        out.append(Style.dim("hint: " + m.hint())).append('\n');
      }
    } else if (e instanceof IllegalArgumentException) {
      // option conversion (a word where a number is expected) and argument checks; an
      // IllegalStateException is muxless's own broken invariant and goes to the branch below
      status = ExitStatus.BAD_INPUT;
      out.append(Style.error("error: ")).append(e.getMessage()).append('\n');
      out.append(Style.dim("hint: see 'help <command>' for the options")).append('\n');
    } else {
      status = ExitStatus.PROBLEMS;
      out.append(Style.error("error: "))
          .append("internal error (")
          .append(e.getClass().getSimpleName())
          .append("): ")
          .append(e.getMessage())
          .append('\n');
      out.append(Style.dim("hint: rerun with --debug for the stack trace and report it"))
          .append('\n');
    }
    if (session.debug()) {
      StringWriter sw = new StringWriter();
      e.printStackTrace(new PrintWriter(sw));
      out.append(sw);
    }
    session.report(status);
    return CommandHandlingResult.of(out.toString(), status.code());
  }

  static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while ((c instanceof java.lang.reflect.InvocationTargetException
            || c instanceof java.lang.reflect.UndeclaredThrowableException
            || c.getClass().getSimpleName().equals("CommandExecutionException"))
        && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }
}
