package dev.muxless.acpi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.muxless.rom.RomStrip;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every real NVIDIA VBIOS in ../shared/roms/nvidia, stripped as {@code rom strip} does, through the
 * generator and the real acpiexec: alone (acpiexec's empty DSDT: the tables define the whole path)
 * and with each QEMU 7.2 DSDT in ../shared/acpi (root port at 00:02.0, so {@code --root-port 2}):
 * with the GPU node (default, port-hotplug-off, multi-bridge) and without it (acpihp-bridge-off).
 * One acpiexec session per table set checks every 4 KiB offset plus the unaligned, over-length,
 * last-partial and past-the-end reads of {@link RomReads}.
 */
class NvidiaRomTablesTest {
  @TempDir Path tmp;

  static List<Path> dsdts() throws Exception {
    Path acpi = AcpiTools.assumeShared("acpi");
    try (Stream<Path> s = Files.list(acpi)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".aml"))
          .filter(p -> p.getFileName().toString().contains("DSDT"))
          .sorted()
          .toList();
    }
  }

  @TestFactory
  List<DynamicTest> everyNvidiaRomServesItsStrippedBytes() throws Exception {
    AcpiTools.assumeTool("acpiexec");
    Path dir = AcpiTools.assumeShared("roms/nvidia");
    List<Path> roms;
    try (Stream<Path> s = Files.list(dir)) {
      roms = s.sorted().toList();
    }
    List<Path> dsdts = dsdts();
    assertThat(roms).hasSizeGreaterThanOrEqualTo(1);
    assertThat(dsdts).hasSizeGreaterThanOrEqualTo(3);
    List<DynamicTest> tests = new ArrayList<>();
    for (Path rom : roms) {
      tests.add(DynamicTest.dynamicTest(rom.getFileName().toString(), () -> check(rom, dsdts)));
    }
    return tests;
  }

  private void check(Path romFile, List<Path> dsdts) throws Exception {
    byte[] rom = RomStrip.strip(Files.readAllBytes(romFile), romFile.toString()).bytes();
    RomTables t =
        RomTableGenerator.generate(
            rom, RomTableGenerator.Options.embedded(AcpiPath.parseRootPort("2")));
    assertThat(t.tables()).allSatisfy(g -> assertThat(g.size()).isLessThanOrEqualTo(65535));
    assertThat(t.tables())
        .hasSize(RomTableGenerator.chunkCount(rom.length, RomTableGenerator.DEFAULT_STRIDE));
    Path work = Files.createDirectories(tmp.resolve(romFile.getFileName().toString()));
    if (AcpiTools.onPath("iasl")) {
      for (GeneratedTable g : t.tables()) {
        AcpiTools.Run r = AcpiTools.disassemble(work, g.fileName().replace(".aml", ""), g.aml());
        assertThat(r.output())
            .as("iasl -d " + g.fileName())
            .doesNotContain("Error")
            .doesNotContain("Incorrect checksum");
      }
    }
    RomReads.verify(work, rom, t, null);
    for (Path dsdt : dsdts) {
      RomReads.verify(work, rom, t, dsdt);
    }
  }
}
