package dev.muxless.acpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.muxless.core.ExitStatus;
import dev.muxless.core.MuxlessException;
import org.junit.jupiter.api.Test;

/** The generator's layout and limits, in process (acpiexec checks behaviour elsewhere). */
class RomTableGeneratorTest {
  @Test
  void aOneMiBRomFitsQemusPerTableLimitWithOverlappingChunks() {
    byte[] rom = TestRoms.pattern(1 << 20);
    RomTables t =
        RomTableGenerator.generate(rom, RomTableGenerator.Options.embedded(AcpiPath.DEFAULT));
    assertThat(t.tables()).hasSize(19); // ceil(1 MiB / 56 KiB)
    assertThat(t.tables()).allSatisfy(g -> assertThat(g.size()).isBetween(1000, 65535));
    for (int k = 0; k < t.tables().size(); k++) {
      InspectedTable in = AmlReader.inspect(t.tables().get(k).aml(), "t" + k);
      assertThat(in.problems()).isEmpty();
      AmlObject scope = in.objects().get(in.objects().size() - 1);
      assertThat(scope.path()).isEqualTo("\\_SB.PCI0.S08.S00");
      AmlObject chunk = scope.children().get(0);
      assertThat(chunk.path()).isEqualTo(String.format("\\_SB.PCI0.S08.S00.VB%02X", k));
      int expected = Math.min(rom.length - k * 0xE000, 0xF000);
      assertThat(chunk.detail()).contains(expected + " initializer bytes");
    }
    assertThat(t.totalBytes()).isBetween((long) rom.length, rom.length + 19L * 0x1000 + 19 * 400);
  }

  @Test
  void pathsFollowQemuQ35Naming() {
    assertThat(AcpiPath.DEFAULT.path()).isEqualTo("\\_SB.PCI0.S08.S00");
    assertThat(AcpiPath.parseRootPort("2").path()).isEqualTo("\\_SB.PCI0.S10.S00");
    assertThat(AcpiPath.parseRootPort("0x1c").path()).isEqualTo("\\_SB.PCI0.SE0.S00");
    assertThat(AcpiPath.parseRootPort("1c.1").path()).isEqualTo("\\_SB.PCI0.SE1.S00");
    assertThat(AcpiPath.qemuAddress("SE1")).isEqualTo(0x001C0001L);
    assertThat(AcpiPath.qemuAddress("S10")).isEqualTo(0x00020000L);
    assertThat(AcpiPath.qemuAddress("PEGP")).isEqualTo(-1);
  }

  @Test
  void badPlacementIsBadInputNamingTheOption() {
    assertThatThrownBy(() -> AcpiPath.parseRootPort("zz"))
        .isInstanceOf(MuxlessException.class)
        .hasMessageContaining("--root-port zz");
    assertThatThrownBy(() -> AcpiPath.parseRootPort("0"))
        .hasMessageContaining("slot must be 01..1f");
    assertThatThrownBy(() -> new AcpiPath("_SB.PCI0")).hasMessageContaining("must be absolute");
    MuxlessException e =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            () -> new AcpiPath("\\_SB.PCI0.gpu"), MuxlessException.class);
    assertThat(e.status()).isEqualTo(ExitStatus.BAD_INPUT);
    assertThat(e.getMessage()).contains("--path", "'gpu'");
  }

  @Test
  void emptyAndOversizedRomsAreRefused() {
    var o = RomTableGenerator.Options.embedded(AcpiPath.DEFAULT);
    assertThatThrownBy(() -> RomTableGenerator.generate(new byte[0], o))
        .hasMessageContaining("empty");
    byte[] huge = new byte[31 * 0xE000];
    assertThatThrownBy(() -> RomTableGenerator.generate(huge, o))
        .isInstanceOf(MuxlessException.class)
        .hasMessageContaining("31 tables")
        .satisfies(t -> assertThat(((MuxlessException) t).hint()).contains("fw-cfg"));
    // fw-cfg mode has no size limit of its own
    assertThat(
            RomTableGenerator.generate(huge, RomTableGenerator.Options.fwCfg(AcpiPath.DEFAULT))
                .tables())
        .hasSize(1);
    assertThatThrownBy(() -> o.withStride(0x800)).hasMessageContaining("stride");
  }

  @Test
  void qemuArgsEscapeCommasInPaths() {
    RomTables t =
        RomTableGenerator.generate(
            TestRoms.pattern(4096), RomTableGenerator.Options.fwCfg(AcpiPath.DEFAULT));
    assertThat(t.qemuArgs(java.nio.file.Path.of("a,b"), java.nio.file.Path.of("a,b/v.rom")))
        .containsExactly(
            "-acpitable",
            "file=a,,b/ssdt-vbios-fwcfg.aml",
            "-fw_cfg",
            "name=opt/dev.muxless/vbios,file=a,,b/v.rom");
  }
}
