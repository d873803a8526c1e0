package dev.muxless.shell;

import dev.muxless.core.ExitStatus;
import dev.muxless.host.StateDir;
import org.jline.terminal.Terminal;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.shell.command.annotation.Command;

/** {@code jshell}: an interactive JShell with the toolkit preloaded ({@link JShellRepl}). */
@Command(group = "Notebooks")
public class JShellCommand {
  private final ShellSession session;
  private final ObjectProvider<Terminal> terminal;

  public JShellCommand(ShellSession session, ObjectProvider<Terminal> terminal) {
    this.session = session;
    this.terminal = terminal;
  }

  @Command(
      command = "jshell",
      description =
          "An interactive JShell with the toolkit imported: line editing, history, tab"
              + " completion; /exit returns to muxless.")
  @Example("jshell")
  public String jshell() {
    int n = new JShellRepl(terminal.getObject(), StateDir.path().resolve("jshell.history")).run();
    session.report(ExitStatus.OK);
    return "Back in muxless (" + n + " entries evaluated).";
  }
}
