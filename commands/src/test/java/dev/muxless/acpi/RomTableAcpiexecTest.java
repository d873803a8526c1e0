package dev.muxless.acpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Synthetic ROMs through the real iasl and acpiexec: every table set serves exactly the ROM's
 * bytes, with and without QEMU's DSDT, in any load order; the ASL twins compile to tables that
 * behave the same; iasl -d reads every generated table without error.
 */
class RomTableAcpiexecTest {
  @TempDir Path dir;

  @Test
  void patternMatchesTheResearchNotes() {
    // acpi-rom.md 4: pattern128k.bin has zlib crc32 87d3048f; same generator, same bytes
    CRC32 crc = new CRC32();
    crc.update(TestRoms.pattern(128 * 1024));
    assertThat(Long.toHexString(crc.getValue())).isEqualTo("87d3048f");
  }

  @Test
  void defaultPathAloneServesA128KiBPatternFromThreeTables() throws Exception {
    AcpiTools.assumeTool("acpiexec");
    byte[] rom = TestRoms.pattern(128 * 1024);
    RomTables t =
        RomTableGenerator.generate(rom, RomTableGenerator.Options.embedded(AcpiPath.DEFAULT));
    assertThat(t.tables())
        .extracting(GeneratedTable::fileName)
        .containsExactly("ssdt-vbios-00.aml", "ssdt-vbios-01.aml", "ssdt-vbios-02.aml");
    var out = RomReads.verify(dir, rom, t, null);
    assertThat(out.evaluations).hasSizeGreaterThan(32);
  }

  @Test
  void manySmallTablesWithEveryDsdtAndInReverseOrder() throws Exception {
    AcpiTools.assumeTool("acpiexec");
    byte[] rom = TestRoms.pattern(50_001); // odd length: the last read is partial
    RomTables t =
        RomTableGenerator.generate(
            rom,
            RomTableGenerator.Options.embedded(AcpiPath.parseRootPort("2")).withStride(0x2000));
    assertThat(t.tables()).hasSize(7);
    RomReads.verify(dir, rom, t, null);
    for (Path dsdt : NvidiaRomTablesTest.dsdts()) {
      RomReads.verify(dir, rom, t, dsdt);
    }
    List<GeneratedTable> reversed = new ArrayList<>(t.tables());
    java.util.Collections.reverse(reversed);
    RomTables r = new RomTables(t.mode(), t.path(), t.romLength(), t.stride(), reversed, null);
    RomReads.verify(dir, rom, r, NvidiaRomTablesTest.dsdts().get(0));
  }

  @Test
  void aMissingChunkTableIsCaughtByTheOracle() throws Exception {
    AcpiTools.assumeTool("acpiexec");
    byte[] rom = TestRoms.pattern(40_000);
    RomTables t =
        RomTableGenerator.generate(
            rom, RomTableGenerator.Options.embedded(AcpiPath.DEFAULT).withStride(0x2000));
    RomTables missing =
        new RomTables(
            t.mode(),
            t.path(),
            t.romLength(),
            t.stride(),
            t.tables().subList(0, t.tables().size() - 1),
            null);
    // the check must be able to fail: without the last chunk's table the reads there fail
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> RomReads.verify(dir, rom, missing, null))
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void aslTwinsCompileToTablesThatBehaveTheSame() throws Exception {
    AcpiTools.assumeTool("iasl");
    AcpiTools.assumeTool("acpiexec");
    byte[] rom = TestRoms.pattern(20_000);
    RomTables t =
        RomTableGenerator.generate(
            rom,
            RomTableGenerator.Options.embedded(AcpiPath.parseRootPort("1c")).withStride(0x1000));
    List<GeneratedTable> compiled = new ArrayList<>();
    for (GeneratedTable g : t.tables()) {
      String stem = g.fileName().replace(".aml", "");
      Path sub = Files.createDirectories(dir.resolve("iasl"));
      byte[] aml = AcpiTools.iasl(sub, stem, g.asl());
      // same AML body as ours; only iasl's creator id/revision and the checksum differ
      assertThat(Arrays.copyOfRange(aml, 36, aml.length))
          .isEqualTo(Arrays.copyOfRange(g.aml(), 36, g.size()));
      compiled.add(new GeneratedTable("iasl-" + g.fileName(), g.block(), aml));
    }
    RomTables twin = new RomTables(t.mode(), t.path(), t.romLength(), t.stride(), compiled, null);
    assertThat(twin.path().path()).isEqualTo("\\_SB.PCI0.SE0.S00");
    RomReads.verify(dir, rom, twin, null);
  }

  @Test
  void iaslDisassemblesEveryGeneratedTableWithoutError() throws Exception {
    AcpiTools.assumeTool("iasl");
    byte[] rom = TestRoms.pattern(70_000);
    List<GeneratedTable> all =
        new ArrayList<>(
            RomTableGenerator.generate(rom, RomTableGenerator.Options.embedded(AcpiPath.DEFAULT))
                .tables());
    all.addAll(
        RomTableGenerator.generate(rom, RomTableGenerator.Options.fwCfg(AcpiPath.DEFAULT))
            .tables());
    all.add(new GeneratedTable("battery.aml", BatteryTable.build()));
    for (GeneratedTable g : all) {
      AcpiTools.Run r = AcpiTools.disassemble(dir, g.fileName().replace(".aml", ""), g.aml());
      assertThat(r.output())
          .as(g.fileName())
          .doesNotContain("Incorrect checksum")
          .doesNotContain("Error");
      assertThat(r.output())
          .as(g.fileName())
          .contains(
              "DefinitionBlock",
              g.fileName().startsWith("ssdt-vbios-0") ? "Name (VB" : "Method (_");
    }
  }

  @Test
  void fwCfgTableLoadsAndReturnsFullLengthBuffersWithoutAFwCfgDevice() throws Exception {
    // acpiexec has no fw_cfg device: its emulated I/O reads 0, so the directory is empty and the
    // ROM length is 0. What can be checked here: the table loads, the loader runs to the end, and
    // _ROM still returns exactly the requested number of (zero) bytes.
    AcpiTools.assumeTool("acpiexec");
    byte[] rom = TestRoms.pattern(10_000);
    RomTables t =
        RomTableGenerator.generate(
            rom, RomTableGenerator.Options.fwCfg(AcpiPath.parseRootPort("2")));
    assertThat(t.tables()).hasSize(1);
    assertThat(t.tables().get(0).size()).isLessThan(1024);
    assertThat(t.qemuArgs(Path.of("out"), Path.of("out/vbios-fwcfg.rom")))
        .containsExactly(
            "-acpitable",
            "file=out/ssdt-vbios-fwcfg.aml",
            "-fw_cfg",
            "name=opt/dev.muxless/vbios,file=out/vbios-fwcfg.rom");
    Path f = dir.resolve("fw.aml");
    Files.write(f, t.tables().get(0).aml());
    for (Path dsdt : List.of(NvidiaRomTablesTest.dsdts().get(0))) {
      var out =
          AcpiTools.acpiexec(
              dir,
              List.of(dsdt, f),
              List.of(
                  "evaluate \\_SB.PCI0.S10.S00._ROM 0 0x1000",
                  "evaluate \\_SB.PCI0.S10.S00._ROM 0x1000 0x2000",
                  "evaluate \\_SB.PCI0.S10.S00.RLEN"));
      assertThat(out.problems()).isEmpty();
      assertThat(out.evaluations).hasSize(3);
      assertThat(out.evaluations.get(0).buffer()).hasSize(0x1000).containsOnly(0);
      assertThat(out.evaluations.get(1).buffer()).hasSize(0x1000).containsOnly(0);
      assertThat(out.evaluations.get(2).integer()).isZero();
    }
  }
}
