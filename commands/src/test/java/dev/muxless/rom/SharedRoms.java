package dev.muxless.rom;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The real ROMs in ../shared/roms (never copied into the repository) and their manifest. */
public final class SharedRoms {
  private SharedRoms() {}

  /**
   * The shared directory, by the one rule the rom and firmware tests use: the {@code
   * muxless.shared} property (Maven sets it), else {@code ../shared} next to the project (the
   * topmost directory above the working directory that has a pom.xml).
   */
  public static Path root() {
    String shared = System.getProperty("muxless.shared");
    if (shared != null) {
      return Path.of(shared);
    }
    Path project = Path.of("").toAbsolutePath();
    for (Path p = project;
        p != null && Files.isRegularFile(p.resolve("pom.xml"));
        p = p.getParent()) {
      project = p;
    }
    return project.resolve("../shared").normalize();
  }

  static Path dir() {
    Path roms = root().resolve("roms");
    assumeTrue(
        Files.isDirectory(roms),
        "../shared/roms not present (" + roms + "): real-ROM tests skipped");
    return roms;
  }

  /** Every ROM file, as "debian/x.rom" relative paths, sorted. */
  static List<String> files() throws IOException {
    Path d = dir();
    List<String> out = new ArrayList<>();
    for (String sub : List.of("debian", "nvidia")) {
      try (Stream<Path> s = Files.list(d.resolve(sub))) {
        s.sorted().forEach(p -> out.add(sub + "/" + p.getFileName()));
      }
    }
    return out;
  }

  static byte[] read(String rel) throws IOException {
    return Files.readAllBytes(dir().resolve(rel));
  }

  /** MANIFEST.tsv rows keyed by the file column, each a column-name to value map. */
  static Map<String, Map<String, String>> manifest() throws IOException {
    List<String> lines = Files.readAllLines(dir().resolve("MANIFEST.tsv"));
    String[] head = lines.get(0).split("\t", -1);
    Map<String, Map<String, String>> out = new HashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      String[] c = line.split("\t", -1);
      Map<String, String> row = new HashMap<>();
      for (int i = 0; i < head.length && i < c.length; i++) {
        row.put(head[i], c[i]);
      }
      out.put(c[0], row);
    }
    return out;
  }
}
