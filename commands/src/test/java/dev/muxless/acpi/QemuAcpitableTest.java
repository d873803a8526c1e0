package dev.muxless.acpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real QEMU accepts the tables as {@code -acpitable} files: each under its 65535-byte limit
 * (hw/acpi/core.c) and all of them inside its 2 MiB ACPI blob (hw/acpi/utils.c asserts). The
 * machine is built (ACPI tables included) and stopped before the CPU runs ({@code -S}), then the
 * monitor quits it.
 */
class QemuAcpitableTest {
  @TempDir Path dir;

  static AcpiTools.Run qemu(Path dir, List<Path> tables) throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "qemu-system-x86_64",
                "-M",
                "q35",
                "-accel",
                "tcg",
                "-nodefaults",
                "-display",
                "none",
                "-S",
                "-monitor",
                "stdio",
                "-m",
                "256"));
    for (Path t : tables) {
      cmd.add("-acpitable");
      cmd.add("file=" + t);
    }
    Path quit = dir.resolve("quit.txt");
    Files.writeString(quit, "quit\n");
    return AcpiTools.exec(dir, cmd, quit, 120);
  }

  @Test
  void qemuTakesTheNineteenTablesOfAOneMiBRom() throws Exception {
    AcpiTools.assumeTool("qemu-system-x86_64");
    RomTables t =
        RomTableGenerator.generate(
            TestRoms.pattern(1 << 20), RomTableGenerator.Options.embedded(AcpiPath.DEFAULT));
    List<Path> files = new ArrayList<>();
    for (GeneratedTable g : t.tables()) {
      Path f = dir.resolve(g.fileName());
      Files.write(f, g.aml());
      files.add(f);
    }
    AcpiTools.Run r = qemu(dir, files);
    assertThat(r.exit()).as(r.output()).isZero();
    assertThat(r.output())
        .doesNotContain("too big")
        .doesNotContain("wrong length")
        .doesNotContain("assertion");
  }

  @Test
  void qemuRefusesATableOneByteOverTheLimitSoTheCheckAboveCanFail() throws Exception {
    AcpiTools.assumeTool("qemu-system-x86_64");
    // a Name holding a Buffer sized so the whole table is 65536 bytes
    int n = 65536 - 36 - 12; // Name, BIG0, BufferOp, 3-byte PkgLength, WordPrefix size
    byte[] aml =
        DefinitionBlock.ssdt(
                "MUXLSS", "BIG", List.of(AmlBuilder.name("BIG0", AmlBuilder.buffer(new byte[n]))))
            .toAml();
    assertThat(aml).hasSize(65536);
    Path f = dir.resolve("big.aml");
    Files.write(f, aml);
    AcpiTools.Run r = qemu(dir, List.of(f));
    assertThat(r.exit()).isNotZero();
    assertThat(r.output()).contains("ACPI table too big, requested: 65536, max: 65535");
  }
}
