package dev.muxless.qemu;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Points muxless's state directory (demo host, runtime dirs) at a temporary directory. */
abstract class StateIsolation {
  private static String before;

  @BeforeAll
  static void isolateState() throws Exception {
    before = System.getProperty("muxless.state");
    Path state = Files.createTempDirectory("mx-");
    System.setProperty("muxless.state", state.toString());
  }

  @AfterAll
  static void restoreState() {
    if (before == null) {
      System.clearProperty("muxless.state");
    } else {
      System.setProperty("muxless.state", before);
    }
  }
}
