import dev.muxless.rom.RomParser;
import dev.muxless.rom.RomParserFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Engine throughput over a ROM directory tree: per-file time of RomParser.parse (median of many
 * runs after warm-up), total MB/s, and the same for the rom-parser format. Run by bench/rom-parse.sh.
 */
public class RomParseBench {
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "../shared/roms");
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.walk(dir)) {
      s.filter(Files::isRegularFile)
          .filter(p -> !p.toString().contains("/reference/"))
          .filter(p -> !p.getFileName().toString().endsWith(".tsv"))
          .filter(p -> !p.getFileName().toString().endsWith(".md"))
          .sorted()
          .forEach(files::add);
    }
    List<byte[]> data = new ArrayList<>();
    long total = 0;
    for (Path p : files) {
      byte[] b = Files.readAllBytes(p);
      data.add(b);
      total += b.length;
    }
    for (int w = 0; w < 30; w++) { // warm-up: let the JIT compile the parser
      for (byte[] b : data) {
        RomParser.parse(b, "w");
      }
    }
    int rounds = 50;
    System.out.printf("%-55s %9s %10s %9s%n", "file", "bytes", "median_us", "MB/s");
    double sumMedian = 0;
    for (int i = 0; i < files.size(); i++) {
      byte[] b = data.get(i);
      long[] t = new long[rounds];
      for (int r = 0; r < rounds; r++) {
        long t0 = System.nanoTime();
        RomParser.parse(b, "b");
        t[r] = System.nanoTime() - t0;
      }
      java.util.Arrays.sort(t);
      double us = t[rounds / 2] / 1000.0;
      sumMedian += us;
      System.out.printf("%-55s %9d %10.1f %9.1f%n", dir.relativize(files.get(i)), b.length, us, b.length / us);
    }
    long t0 = System.nanoTime();
    int passes = 20;
    for (int r = 0; r < passes; r++) {
      for (byte[] b : data) {
        RomParser.parse(b, "b");
      }
    }
    double sec = (System.nanoTime() - t0) / 1e9;
    System.out.printf("%nRomParser.parse: %d files, %.1f MB, %.1f MB/s over %d passes, mean per-file median %.1f us%n",
        files.size(), total / 1e6, total * passes / 1e6 / sec, passes, sumMedian / files.size());
    t0 = System.nanoTime();
    for (int r = 0; r < passes; r++) {
      for (byte[] b : data) {
        RomParserFormat.render(b);
      }
    }
    sec = (System.nanoTime() - t0) / 1e9;
    System.out.printf("RomParserFormat.render: %.1f MB/s%n", total * passes / 1e6 / sec);
  }
}
