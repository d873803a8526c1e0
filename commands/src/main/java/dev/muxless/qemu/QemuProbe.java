package dev.muxless.qemu;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks a qemu binary about itself: its version ({@code -version}) and the properties of a device
 * ({@code -device NAME,help}), by running it with an argument list and a time limit.
 */
public final class QemuProbe {
  private static final Pattern VERSION = Pattern.compile("QEMU emulator version (\\d+)\\.(\\d+)");
  private static final Pattern PROP = Pattern.compile("^\\s+([A-Za-z0-9_.-]+)=", Pattern.MULTILINE);

  private final String binary;

  public QemuProbe(String binary) {
    this.binary = binary;
  }

  /** The binary's path: as given when it contains a slash, else looked up on PATH. */
  public Optional<Path> locate() {
    if (binary.contains("/")) {
      Path p = Path.of(binary);
      return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
    }
    String path = System.getenv("PATH");
    for (String dir : (path == null ? "" : path).split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, binary))) {
        return Optional.of(Path.of(dir, binary));
      }
    }
    return Optional.empty();
  }

  /** "7.2.22 (Debian ...)" line's numbers, e.g. {7, 2}; empty when it cannot be run or parsed. */
  public Optional<int[]> version() {
    Matcher m = VERSION.matcher(run(List.of("-version")).orElse(""));
    return m.find()
        ? Optional.of(new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))})
        : Optional.empty();
  }

  /** The property names qemu lists for {@code -device NAME,help}; empty for an unknown device. */
  public Set<String> deviceProperties(String device) {
    String out = run(List.of("-machine", "none", "-device", device + ",help")).orElse("");
    Set<String> props = new LinkedHashSet<>();
    Matcher m = PROP.matcher(out);
    while (m.find()) {
      props.add(m.group(1));
    }
    return props;
  }

  /** Runs qemu with args (stdout and stderr together), at most 20 s. */
  Optional<String> run(List<String> args) {
    List<String> argv = new ArrayList<>();
    argv.add(binary);
    argv.addAll(args);
    try {
      Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
      p.getOutputStream().close();
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      Thread t =
          new Thread(
              () -> {
                try (InputStream in = p.getInputStream()) {
                  in.transferTo(buf);
                } catch (IOException ignored) {
                  // the process went away
                }
              });
      t.start();
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return Optional.empty();
      }
      t.join(2000);
      return Optional.of(buf.toString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
