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
final class SharedRoms {
  private SharedRoms() {}

  static Path dir() {
    String shared = System.getProperty("muxless.shared");
    Path roms = shared == null ? null : Path.of(shared, "roms");
    assumeTrue(
        roms != null && Files.isDirectory(roms),
        "../shared/roms not present (muxless.shared=" + shared + "): real-ROM tests skipped");
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
