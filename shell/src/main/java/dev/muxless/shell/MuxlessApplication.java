package dev.muxless.shell;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.shell.command.annotation.CommandScan;

/**
 * The muxless shell. With no arguments it is an interactive shell; with arguments it runs that one
 * command and exits with its status ({@link OneShotRunner}).
 */
@SpringBootApplication
@CommandScan
public class MuxlessApplication {

  public static void main(String[] args) {
    if (!Style.enabled()) {
      // Spring Shell's own messages: plain text when piped or NO_COLOR is set
      System.setProperty("spring.shell.theme.name", "dump");
      System.setProperty("org.jline.terminal.dumb.color", "false");
    }
    // the REPL history lives in the user's state directory (XDG), next to muxless's journals
    System.setProperty("spring.shell.config.location", dev.muxless.host.StateDir.path().toString());
    SpringApplication app = new SpringApplication(MuxlessApplication.class);
    ConfigurableApplicationContext ctx;
    try {
      ctx = app.run(args);
    } catch (RuntimeException e) {
      System.err.println("muxless: could not start: " + rootMessage(e));
      System.exit(3);
      return;
    }
    int code = ctx.getBean(ShellSession.class).exitCode();
    ctx.close();
    System.exit(code);
  }

  static String rootMessage(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    return c.getMessage() != null ? c.getMessage() : c.getClass().getSimpleName();
  }
}
