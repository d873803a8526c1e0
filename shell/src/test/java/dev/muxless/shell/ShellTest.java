package dev.muxless.shell;

import dev.muxless.host.HostRoot;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Base class for tests of shell commands: one shared Spring context, commands run as {@code
 * ./muxless} would run them, the demo host by default, and muxless's state in a temporary
 * directory.
 */
@SpringBootTest(
    classes = {MuxlessApplication.class, ShellHarness.class},
    properties = {"spring.shell.interactive.enabled=false"})
public abstract class ShellTest {
  @Autowired protected ShellHarness harness;
  @Autowired protected OneShotRunner runner;
  @Autowired protected ShellSession session;
  @Autowired protected org.springframework.shell.Shell shell;

  @BeforeAll
  static void isolateState() throws Exception {
    if (System.getProperty("muxless.state") == null) {
      Path state = java.nio.file.Files.createTempDirectory("muxless-state-");
      System.setProperty("muxless.state", state.toString());
    }
    Style.force(false);
  }

  @BeforeEach
  void demoHost() {
    session.use(HostRoot.demo());
  }

  protected ShellHarness.Result run(String... words) throws Exception {
    return harness.run(shell, runner, session, words);
  }
}
