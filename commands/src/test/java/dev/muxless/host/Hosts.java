package dev.muxless.host;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Test helper: fixture hosts materialised into a temporary directory, and tree snapshots. */
public final class Hosts {
  private Hosts() {}

  /** A fixture from src/test/resources/hosts/NAME.tree, or "demo" for the bundled demo laptop. */
  public static HostRoot fixture(String name, Path tmp) {
    String text;
    if (name.equals("demo")) {
      text = DemoHost.text();
    } else {
      try (InputStream in = Hosts.class.getResourceAsStream("/hosts/" + name + ".tree")) {
        if (in == null) {
          throw new IllegalArgumentException("no fixture " + name);
        }
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return HostRoot.of(TreeFixture.parse(text, name + ".tree").materializeInto(tmp));
  }

  /** Every file (with content) and symlink (with target) below the root: compare before/after. */
  public static Map<String, String> snapshot(HostRoot host) {
    Map<String, String> out = new TreeMap<>();
    Path root = host.dir();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.toList()) {
        String rel = root.relativize(p).toString();
        if (Files.isSymbolicLink(p)) {
          out.put(rel, "-> " + Files.readSymbolicLink(p));
        } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          out.put(rel, new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
        } else {
          out.put(rel, "/");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** The entries that differ between two snapshots, as "path: before => after" lines. */
  public static String diff(Map<String, String> a, Map<String, String> b) {
    StringBuilder out = new StringBuilder();
    java.util.Set<String> keys = new java.util.TreeSet<>(a.keySet());
    keys.addAll(b.keySet());
    for (String k : keys) {
      if (!java.util.Objects.equals(a.get(k), b.get(k))) {
        out.append(k).append(": ").append(a.get(k)).append(" => ").append(b.get(k)).append('\n');
      }
    }
    return out.toString();
  }

  /** Overwrites a host file of a materialised fixture (to vary one setting). */
  public static void put(HostRoot host, String hostPath, String content) {
    try {
      Files.createDirectories(host.path(hostPath).getParent());
      Files.writeString(host.path(hostPath), content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
