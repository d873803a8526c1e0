package dev.muxless.qemu;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/** Finds the real tools the vm tests use, and skips a test with a message when one is missing. */
final class Tools {
  private Tools() {}

  static Optional<Path> onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path p = Path.of(dir, name);
      if (Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  static Path require(String name) {
    Optional<Path> p = onPath(name);
    Assumptions.assumeTrue(p.isPresent(), name + " not installed (.ci/run installs it)");
    return p.get();
  }

  /** The shared reference directory (../shared), or a skip. */
  static Path shared() {
    String s = System.getProperty("muxless.shared");
    Assumptions.assumeTrue(
        s != null && Files.isDirectory(Path.of(s)), "../shared not present: muxless.shared=" + s);
    return Path.of(s);
  }

  static Optional<Path> sharedIfPresent() {
    String s = System.getProperty("muxless.shared");
    return s != null && Files.isDirectory(Path.of(s)) ? Optional.of(Path.of(s)) : Optional.empty();
  }
}
