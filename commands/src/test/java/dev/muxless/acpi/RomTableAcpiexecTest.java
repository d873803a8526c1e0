package dev.muxless.acpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Synthetic ROMs through the real acpiexec: every table set serves exactly the ROM's bytes. */
class RomTableAcpiexecTest {
  @TempDir Path dir;

  @Test
  void defaultPathAloneServesA128KiBPatternFromThreeTables() throws Exception {
    AcpiTools.assumeTool("acpiexec");
    byte[] rom = TestRoms.pattern(128 * 1024);
    RomTables t =
        RomTableGenerator.generate(rom, RomTableGenerator.Options.embedded(AcpiPath.DEFAULT));
    assertThat(t.tables()).hasSize(3);
    var out = RomReads.verify(dir, rom, t, null);
    assertThat(out.evaluations.size()).isGreaterThan(32);
  }
}
