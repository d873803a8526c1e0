package dev.muxless.shell;

import dev.muxless.host.HostRoot;
import dev.muxless.host.TreeFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** The host fixtures of the commands module's tests, materialised for shell tests. */
final class FixtureHosts {
  private FixtureHosts() {}

  static HostRoot load(String name, Path tmp) {
    String project = System.getProperty("muxless.projectDir", "..");
    Path tree = Path.of(project, "commands/src/test/resources/hosts", name + ".tree");
    Assumptions.assumeTrue(Files.isRegularFile(tree), "fixture not found: " + tree);
    return HostRoot.of(TreeFixture.read(tree).materializeInto(tmp));
  }
}
