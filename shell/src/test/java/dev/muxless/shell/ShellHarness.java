package dev.muxless.shell;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.shell.Shell;

/**
 * Runs shell commands in-process, the way {@code ./muxless <command>} does, against a terminal that
 * writes to memory. One Spring context serves every test class that extends {@link ShellTest}.
 */
@TestConfiguration(proxyBeanMethods = false)
public class ShellHarness {
  final ByteArrayOutputStream screen = new ByteArrayOutputStream();

  /** A command's exit code and everything it printed. */
  public record Result(int exitCode, String output) {}

  @Bean
  @Primary
  Terminal testTerminal() throws IOException {
    DumbTerminal t =
        new DumbTerminal(
            "test", "dumb", new ByteArrayInputStream(new byte[0]), screen, StandardCharsets.UTF_8);
    t.setSize(new Size(160, 50));
    return t;
  }

  @Bean
  ShellHarness harness() {
    return this;
  }

  /** Runs one command line given as words (no re-splitting, as a process receives them). */
  public synchronized Result run(
      Shell shell, OneShotRunner runner, ShellSession session, String... words) throws Exception {
    session.resetStatus();
    screen.reset();
    forgetLastError(shell);
    runner.run(words);
    return new Result(session.exitCode(), screen.toString(StandardCharsets.UTF_8));
  }

  /**
   * Spring Shell 3.4.1 keeps the last non-interactive error in two fields and rethrows it on the
   * next command; a process runs one command, but this context runs many, so clear them.
   */
  private static void forgetLastError(Shell shell) throws ReflectiveOperationException {
    for (String name : new String[] {"handlingResultNonInt", "processExceptionNonInt"}) {
      Field f = Shell.class.getDeclaredField(name);
      f.setAccessible(true);
      f.set(shell, null);
    }
  }
}
