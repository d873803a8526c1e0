package dev.muxless.host;

import dev.muxless.core.MuxlessException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The bundled demo host: a muxless Optimus laptop (Dell XPS 15 9560 class: Intel HD 630 with GVT-g,
 * GeForce GTX 1050 Mobile as a 3D controller behind the PEG root port) described as a {@link
 * TreeFixture} resource, materialised once per content hash under the user's state directory so it
 * works from the packaged jar and keeps changes made with {@code --apply}.
 */
public final class DemoHost {
  static final String RESOURCE = "/dev/muxless/host/demo-host.tree";

  private DemoHost() {}

  /** The tree text of the demo host. */
  public static String text() {
    try (InputStream in = DemoHost.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + RESOURCE, e);
    }
  }

  /** The directory holding the demo host, created on first use. */
  public static Path materialize() {
    String text = text();
    Path dir = StateDir.path().resolve("hosts").resolve("demo-" + StateDir.hash(text));
    if (Files.isRegularFile(dir.resolve(".complete"))) {
      return dir;
    }
    try {
      Files.createDirectories(dir.getParent());
      Path tmp = Files.createTempDirectory(dir.getParent(), ".demo-");
      TreeFixture.parse(text, "demo-host.tree").materialize(tmp);
      Files.writeString(tmp.resolve(".complete"), "");
      try {
        Files.move(tmp, dir);
      } catch (IOException raced) {
        // another process materialised it first; theirs is identical
        TreeFixture.deleteTree(tmp);
      }
      return dir;
    } catch (IOException e) {
      throw MuxlessException.environment(
          "cannot create the demo host under " + dir.getParent() + ": " + e.getMessage(),
          "set XDG_STATE_HOME to a writable directory");
    }
  }

  /** Throws the demo host's changes away: the next use starts from the bundled state. */
  public static void reset() {
    Path dir = StateDir.path().resolve("hosts").resolve("demo-" + StateDir.hash(text()));
    TreeFixture.deleteTree(dir);
  }
}
