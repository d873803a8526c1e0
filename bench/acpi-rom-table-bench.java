import dev.muxless.acpi.AcpiPath;
import dev.muxless.acpi.GeneratedTable;
import dev.muxless.acpi.RomTableGenerator;
import dev.muxless.acpi.RomTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Run by bench/acpi-rom-table.sh: times RomTableGenerator for a ROM of the given size in process
 * (after warm-up), then writes the tables and their ASL twins to the given directory for iasl.
 */
public class AcpiRomTableBench {
  public static void main(String[] a) throws Exception {
    int size = Integer.parseInt(a[0]);
    Path out = Path.of(a[1]);
    byte[] rom = new byte[size];
    new Random(42).nextBytes(rom);
    var o = RomTableGenerator.Options.embedded(AcpiPath.DEFAULT);
    for (int i = 0; i < 5; i++) {
      RomTableGenerator.generate(rom, o);
    }
    int runs = 20;
    long t0 = System.nanoTime();
    RomTables t = null;
    for (int i = 0; i < runs; i++) {
      t = RomTableGenerator.generate(rom, o);
    }
    double aml = (System.nanoTime() - t0) / 1e6 / runs;
    long t1 = System.nanoTime();
    long chars = 0;
    for (GeneratedTable g : t.tables()) {
      chars += g.asl().length();
    }
    double asl = (System.nanoTime() - t1) / 1e6;
    Files.createDirectories(out);
    for (GeneratedTable g : t.tables()) {
      Files.write(out.resolve(g.fileName()), g.aml());
      Files.writeString(out.resolve(g.aslFileName()), g.asl());
    }
    System.out.printf(
        "in-process: %d-byte ROM -> %d tables, %d bytes of AML: %.1f ms per generation (mean of %d);"
            + " ASL twins (%d chars) printed in %.1f ms%n",
        size, t.tables().size(), t.totalBytes(), aml, runs, chars, asl);
  }
}
