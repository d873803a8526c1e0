package dev.muxless.host;

import dev.muxless.core.MuxlessException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The one seam between muxless and the host: every path it reads or writes under {@code /sys},
 * {@code /proc}, {@code /dev}, {@code /etc} or {@code /usr} is resolved against this root.
 *
 * <p>The real host is {@code /}. {@code MUXLESS_ROOT=<dir>} or {@code host use <dir>} points it at
 * a tree laid out like a real root (a fixture captured from a machine), and {@code demo} selects
 * the bundled demo laptop. Paths are always given as they are on a real host ({@code
 * "/sys/bus/pci/devices"}), so messages and plans can show real paths whatever the root.
 */
public final class HostRoot {
  /** The environment variable that selects the host root for a whole process. */
  public static final String ENV = "MUXLESS_ROOT";

  private final Path root;
  private final String label;

  private HostRoot(Path root, String label) {
    this.root = root;
    this.label = label;
  }

  /** The machine muxless runs on. */
  public static HostRoot real() {
    return new HostRoot(Path.of("/"), "/");
  }

  /** A directory laid out like a real root. */
  public static HostRoot of(Path dir) {
    Path abs = dir.toAbsolutePath().normalize();
    if (!Files.isDirectory(abs)) {
      throw MuxlessException.badInput(
          "host root " + dir + " is not a directory",
          "give a directory laid out like / (with sys/, proc/), or 'demo' for the demo laptop");
    }
    return abs.equals(Path.of("/")) ? real() : new HostRoot(abs, abs.toString());
  }

  /** The bundled demo laptop, materialised from the application's resources. */
  public static HostRoot demo() {
    return new HostRoot(DemoHost.materialize(), "demo");
  }

  /** {@code demo}, {@code /}, or a directory. */
  public static HostRoot select(String spec) {
    if (spec == null || spec.isBlank() || spec.equals("/")) {
      return real();
    }
    if (spec.equals("demo")) {
      return demo();
    }
    return of(Path.of(spec));
  }

  /** The root named by {@code MUXLESS_ROOT}, or the real host when it is unset. */
  public static HostRoot fromEnvironment(Map<String, String> env) {
    return select(env.get(ENV));
  }

  public boolean isReal() {
    return label.equals("/");
  }

  /** "/" for the real host, "demo", or the fixture directory. */
  public String label() {
    return label;
  }

  /** The directory that stands for {@code /}. */
  public Path dir() {
    return root;
  }

  /** The file that stands for a real host path such as {@code /sys/class/iommu}. */
  public Path path(String hostPath) {
    String rel = hostPath.startsWith("/") ? hostPath.substring(1) : hostPath;
    return rel.isEmpty() ? root : root.resolve(rel);
  }

  /** The real host path of a file under this root (the inverse of {@link #path}). */
  public String hostPath(Path file) {
    Path rel = root.relativize(file.toAbsolutePath().normalize());
    return "/" + rel.toString().replace('\\', '/');
  }

  public boolean exists(String hostPath) {
    return Files.exists(path(hostPath));
  }

  /**
   * A small text file (a sysfs attribute, {@code /proc/cmdline}), trimmed; empty when it is missing
   * or unreadable. Reads at most 1 MiB: sysfs attributes are a page.
   */
  public Optional<String> read(String hostPath) {
    Path p = path(hostPath);
    try {
      if (!Files.isRegularFile(p) || Files.size(p) > (1 << 20)) {
        return Optional.empty();
      }
      return Optional.of(new String(Files.readAllBytes(p), StandardCharsets.UTF_8).trim());
    } catch (IOException | SecurityException e) {
      return Optional.empty();
    }
  }

  /** The last element of a symlink's target ({@code driver -> .../drivers/nvidia} gives nvidia). */
  public Optional<String> linkName(String hostPath) {
    Path p = path(hostPath);
    try {
      if (!Files.isSymbolicLink(p)) {
        return Optional.empty();
      }
      Path target = Files.readSymbolicLink(p);
      Path name = target.getFileName();
      return name == null ? Optional.empty() : Optional.of(name.toString());
    } catch (IOException | SecurityException e) {
      return Optional.empty();
    }
  }

  /** The names in a directory, sorted; empty when it is missing or unreadable. */
  public List<String> list(String hostPath) {
    Path p = path(hostPath);
    if (!Files.isDirectory(p)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(p)) {
      List<String> names = new ArrayList<>();
      s.forEach(x -> names.add(x.getFileName().toString()));
      names.sort(null);
      return names;
    } catch (IOException | SecurityException e) {
      return List.of();
    }
  }

  @Override
  public String toString() {
    return label;
  }
}
