package dev.muxless.shell;

import dev.muxless.core.ExitStatus;
import dev.muxless.host.HostRoot;
import org.springframework.stereotype.Component;

/**
 * What one run of the shell remembers between commands: the host root in use (from {@code
 * MUXLESS_ROOT}, changed by {@code host use}), whether {@code --debug} is on, and the exit status
 * of the last command, which becomes the process status in one-shot mode.
 */
@Component
public class ShellSession {
  private HostRoot host;
  private ExitStatus status = ExitStatus.OK;
  private boolean debug = System.getenv("MUXLESS_DEBUG") != null;

  /** The host root; the environment is read on first use so a bad value is a command error. */
  public synchronized HostRoot host() {
    if (host == null) {
      host = HostRoot.fromEnvironment(System.getenv());
    }
    return host;
  }

  public synchronized void use(HostRoot root) {
    this.host = root;
  }

  /** The label of the host root when one is configured, without materialising it. */
  public String hostLabel() {
    if (host != null) {
      return host.label();
    }
    String env = System.getenv(HostRoot.ENV);
    return env == null || env.isBlank() ? "/" : env;
  }

  /** Records a command's outcome; the worst status of a one-shot run wins. */
  public synchronized void report(ExitStatus s) {
    status = status.worst(s);
  }

  public synchronized void resetStatus() {
    status = ExitStatus.OK;
  }

  /** The process status: the last one-shot command's; an interactive session that ends is 0. */
  public synchronized int exitCode() {
    return interactive ? 0 : status.code();
  }

  private boolean interactive;

  public synchronized void interactive(boolean on) {
    interactive = on;
  }

  private String currentCommand;

  /** The command being run (for hints in error messages); null between commands. */
  public synchronized String currentCommand() {
    return currentCommand;
  }

  public synchronized void currentCommand(String name) {
    currentCommand = name;
  }

  public boolean debug() {
    return debug;
  }

  public void debug(boolean on) {
    debug = on;
  }
}
