package dev.muxless.notebook;

import dev.muxless.core.MuxlessException;
import dev.muxless.host.StateDir;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The class path javac needs to compile snippets against the toolkit. javac reads only real files:
 * it cannot see inside the nested jars of a Spring Boot fat jar ({@code BOOT-INF/lib/*.jar}), so a
 * fat jar is unpacked once into the state directory, keyed by its name, size and time. Other class
 * paths (the {@code jarmode=tools extract} layout, a thin jar, Surefire's manifest-only jar, an
 * IDE) are used as they are, with each jar's manifest {@code Class-Path} expanded so javac gets
 * every entry explicitly (../shared/docs/java-stack.md §3.1).
 */
final class ToolkitClasspath {
  private static volatile List<Path> cached;

  private ToolkitClasspath() {}

  /** The entries for this process, computed once. */
  static List<Path> entries() {
    List<Path> c = cached;
    if (c == null) {
      c = resolve(System.getProperty("java.class.path", ""), StateDir.path().resolve("jshell-cp"));
      cached = c;
    }
    return c;
  }

  static String joined(List<Path> entries) {
    return String.join(File.pathSeparator, entries.stream().map(Path::toString).toList());
  }

  static List<Path> resolve(String javaClassPath, Path cacheRoot) {
    Set<Path> out = new LinkedHashSet<>();
    for (String e : javaClassPath.split(File.pathSeparator)) {
      if (e.isBlank()) {
        continue;
      }
      Path p = Path.of(e).toAbsolutePath().normalize();
      if (isFatJar(p)) {
        out.addAll(unpack(p, cacheRoot));
      } else {
        expand(p, out);
      }
    }
    return List.copyOf(out);
  }

  static boolean isFatJar(Path p) {
    if (!Files.isRegularFile(p) || !p.toString().endsWith(".jar")) {
      return false;
    }
    try (JarFile j = new JarFile(p.toFile())) {
      return j.getEntry("BOOT-INF/classes/") != null || j.getEntry("BOOT-INF/lib/") != null;
    } catch (IOException e) {
      return false;
    }
  }

  /** Adds a jar or directory, then what its manifest Class-Path names (relative to the jar). */
  private static void expand(Path p, Set<Path> out) {
    if (!out.add(p) || !Files.isRegularFile(p)) {
      return;
    }
    try (JarFile j = new JarFile(p.toFile())) {
      Manifest m = j.getManifest();
      String cp = m == null ? null : m.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
      if (cp == null) {
        return;
      }
      URI base = p.getParent().toUri();
      for (String item : cp.trim().split("\\s+")) {
        try {
          URI u = base.resolve(item);
          if ("file".equals(u.getScheme())) {
            Path q = Path.of(u).normalize();
            if (Files.exists(q)) {
              expand(q, out);
            }
          }
        } catch (IllegalArgumentException bad) {
          // a malformed Class-Path item: the JVM ignores it too
        }
      }
    } catch (IOException e) {
      // not a jar javac could read either; keep the entry as given
    }
  }

  /** BOOT-INF/classes and every BOOT-INF/lib jar as files, unpacked once per jar version. */
  private static List<Path> unpack(Path jar, Path cacheRoot) {
    try {
      String key =
          jar.getFileName()
              + "-"
              + Files.size(jar)
              + "-"
              + Files.getLastModifiedTime(jar).toMillis();
      Path dir = cacheRoot.resolve(key);
      if (!Files.isRegularFile(dir.resolve(".complete"))) {
        Files.createDirectories(cacheRoot);
        Path tmp = Files.createTempDirectory(cacheRoot, ".unpack-");
        extract(jar, tmp);
        Files.writeString(tmp.resolve(".complete"), "");
        try {
          Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
          removeOlderCopies(cacheRoot, jar.getFileName() + "-", key);
        } catch (IOException raced) {
          dev.muxless.host.TreeFixture.deleteTree(tmp); // another process unpacked it first
        }
      }
      List<Path> out = new ArrayList<>();
      out.add(dir.resolve("classes"));
      Path lib = dir.resolve("lib");
      if (Files.isDirectory(lib)) {
        try (var s = Files.list(lib)) {
          s.filter(f -> f.toString().endsWith(".jar")).sorted().forEach(out::add);
        }
      }
      return out;
    } catch (IOException e) {
      throw MuxlessException.environment(
          "cannot unpack " + jar + " for the notebook compiler: " + e.getMessage(),
          "make " + cacheRoot + " writable or set MUXLESS_STATE to a writable directory");
    }
  }

  /**
   * Each rebuild of the jar would otherwise leave a full copy (about 20 MB) behind; only the newest
   * is kept. A process still running the old jar has its class path open already.
   */
  private static void removeOlderCopies(Path cacheRoot, String prefix, String keep) {
    try (var s = Files.list(cacheRoot)) {
      for (Path p : s.toList()) {
        String n = p.getFileName().toString();
        if (n.startsWith(prefix) && !n.equals(keep) && Files.isDirectory(p)) {
          dev.muxless.host.TreeFixture.deleteTree(p);
        }
      }
    } catch (IOException | RuntimeException e) {
      // best effort: a copy left behind costs disk space, not correctness
    }
  }

  private static void extract(Path jar, Path into) throws IOException {
    Path classes = into.resolve("classes");
    Path lib = into.resolve("lib");
    Files.createDirectories(classes);
    Files.createDirectories(lib);
    try (JarFile j = new JarFile(jar.toFile())) {
      Enumeration<JarEntry> en = j.entries();
      while (en.hasMoreElements()) {
        JarEntry e = en.nextElement();
        String n = e.getName();
        Path target;
        if (n.startsWith("BOOT-INF/classes/")) {
          target = classes.resolve(n.substring("BOOT-INF/classes/".length()));
        } else if (n.startsWith("BOOT-INF/lib/") && n.endsWith(".jar")) {
          target = lib.resolve(n.substring("BOOT-INF/lib/".length()));
        } else {
          continue;
        }
        target = target.normalize();
        if (!target.startsWith(into)) {
          continue; // "../" in an entry name: never write outside the cache
        }
        if (e.isDirectory()) {
          Files.createDirectories(target);
          continue;
        }
        Files.createDirectories(target.getParent());
        try (InputStream in = j.getInputStream(e)) {
          Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
