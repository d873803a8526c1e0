package dev.muxless.acpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code _ROM} reads tests ask acpiexec for, and the check of every returned buffer against the
 * ROM: every 4 KiB offset, unaligned offsets (including reads that start just before a chunk
 * boundary), lengths over 4096, the last partial chunk and past the end.
 */
final class RomReads {
  private RomReads() {}

  record Read(long offset, long length) {}

  static List<Read> plan(int n, int stride) {
    Set<Read> reads = new LinkedHashSet<>();
    for (long o = 0; o < n; o += 0x1000) {
      reads.add(new Read(o, 0x1000));
    }
    long[] unaligned = {
      1, 12345, 0x7FFF, 0xFFFF, stride - 1, stride + 1, stride - 0x800, 2L * stride - 3
    };
    for (long o : unaligned) {
      if (o >= 0 && o < n) {
        reads.add(new Read(o, 0x1000));
      }
    }
    reads.add(new Read(0, 0x2000)); // over-length: clamped to 4096
    reads.add(new Read(0x10, 0x12345));
    reads.add(new Read(3, 1));
    reads.add(new Read(Math.max(0, n - 100), 0x1000)); // last partial chunk: 100 bytes + zeros
    reads.add(new Read(n - 1, 0x10));
    reads.add(new Read(n, 0x1000)); // past the end: all zeros
    reads.add(new Read(n + 0x10000L, 0x800));
    return new ArrayList<>(reads);
  }

  static List<String> commands(String method, List<Read> reads) {
    List<String> out = new ArrayList<>();
    for (Read r : reads) {
      out.add(
          "evaluate "
              + method
              + " 0x"
              + Long.toHexString(r.offset())
              + " 0x"
              + Long.toHexString(r.length()));
    }
    return out;
  }

  /** Writes the tables to dir, runs one acpiexec session, and checks every read. */
  static AcpiExecOutput verify(Path dir, byte[] rom, RomTables tables, Path dsdt) throws Exception {
    List<Path> files = new ArrayList<>();
    if (dsdt != null) {
      files.add(dsdt);
    }
    for (GeneratedTable t : tables.tables()) {
      Path f = dir.resolve(t.fileName());
      Files.write(f, t.aml());
      files.add(f);
    }
    String method = tables.path().path() + "._ROM";
    List<Read> reads =
        plan(rom.length, tables.stride() == 0 ? RomTableGenerator.DEFAULT_STRIDE : tables.stride());
    AcpiExecOutput out = AcpiTools.acpiexec(dir, files, commands(method, reads));
    String ctx =
        "tables "
            + tables.tables().size()
            + (dsdt == null ? " alone" : " with " + dsdt.getFileName());
    assertThat(out.problems()).as(ctx).isEmpty();
    assertThat(out.evaluations).as(ctx + ": one result per read").hasSize(reads.size());
    for (int i = 0; i < reads.size(); i++) {
      Read r = reads.get(i);
      AcpiExecOutput.Evaluation e = out.evaluations.get(i);
      assertThat(e.failure()).as(ctx + " " + r).isNull();
      assertThat(e.buffer()).as(ctx + " " + r + ": a Buffer").isNotNull();
      byte[] want = TestRoms.expected(rom, r.offset(), r.length());
      if (!Arrays.equals(e.buffer(), want)) {
        throw new AssertionError(
            ctx + " " + r + ": returned " + e.buffer().length + " bytes that differ from the ROM");
      }
    }
    return out;
  }
}
