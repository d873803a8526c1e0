package dev.muxless.kb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The VBIOS and ACPI table readers against real files from ../shared and real iasl output. */
class FileFactsTest {
  static Path shared(String sub) {
    Path p = Path.of(System.getProperty("muxless.shared", "../shared")).resolve(sub);
    Assumptions.assumeTrue(Files.isDirectory(p), "../shared not present: " + p);
    return p;
  }

  @Test
  void realNvidiaRomsParseWithTheirImageOffsetAndCodeTypes() throws Exception {
    Path dir = shared("roms/nvidia");
    RomImage gk107 = RomImage.read(dir.resolve("gk107-turbo__levimarvin.rom"));
    assertThat(gk107.valid()).isTrue();
    assertThat(gk107.offset()).isEqualTo(0x400); // NVGI prefix (MANIFEST.tsv rom_start 0x400)
    assertThat(gk107.codeTypes()).containsExactly(0, 3);
    assertThat(gk107.hasEfi()).isTrue();
    RomImage razer = RomImage.read(dir.resolve("razer-rtx3080-mobile-8192-210603__bl4dee.rom"));
    assertThat(razer.offset()).isEqualTo(0x9400);
    assertThat(razer.codeTypes()).containsExactly(0, 3);
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.toList()) {
        RomImage r = RomImage.read(p);
        assertThat(r.valid()).as(p.getFileName() + ": " + r.problem()).isTrue();
        assertThat(r.isNvidia()).isTrue();
      }
    }
  }

  @Test
  void nonNvidiaAndNonRomFilesAreRejectedWithAReason() {
    Path dir = shared("roms/debian");
    RomImage e1000 = RomImage.read(dir.resolve("ipxe-qemu__efi-e1000.rom"));
    assertThat(e1000.valid()).isFalse();
    assertThat(e1000.problem()).contains("not NVIDIA");
    assertThat(e1000.codeTypes()).containsExactly(0, 3);
    RomImage vapic = RomImage.read(dir.resolve("qemu-system-data__kvmvapic.bin"));
    assertThat(vapic.valid()).isFalse();
    assertThat(vapic.problem()).contains("no option ROM image");
  }

  @Test
  void communityBatterySsdtHasABatteryAndNoRom() {
    AcpiTable t = AcpiTable.read(shared("acpi").resolve("community-fake-battery-SSDT1.dat"));
    assertThat(t.valid()).as(t.problem()).isTrue();
    assertThat(t.signature()).isEqualTo("SSDT");
    assertThat(t.battery()).isTrue();
    assertThat(t.romMethod()).isFalse();
  }

  @Test
  void qemuDsdtHasNoRomMethodAndAslSourceIsRecognised() {
    Path acpi = shared("acpi");
    AcpiTable dsdt = AcpiTable.read(acpi.resolve("DSDT-qemu7.2-q35-rp02-default.aml"));
    assertThat(dsdt.valid()).isTrue();
    assertThat(dsdt.signature()).isEqualTo("DSDT");
    assertThat(dsdt.romMethod()).isFalse();
    AcpiTable dsl = AcpiTable.read(acpi.resolve("DSDT-qemu7.2-q35-rp02-default.dsl"));
    assertThat(dsl.valid()).isFalse();
  }

  @Test
  void romMethodCompiledByIaslIsFoundAtAnyNesting(@TempDir Path tmp) throws Exception {
    Path aml = KbFixtures.iasl(tmp, "rom", KbFixtures.ROM_SSDT_ASL);
    AcpiTable t = AcpiTable.read(aml);
    assertThat(t.valid()).isTrue();
    assertThat(t.romMethod()).isTrue();
    assertThat(t.battery()).isTrue();
    Path full =
        KbFixtures.iasl(
            tmp,
            "rom2",
            """
        DefinitionBlock ("", "SSDT", 2, "MUXLSS", "KBPATH", 1)
        {
            External (\\_SB_.PCI0.S08_.S00_, DeviceObj)
            Method (\\_SB.PCI0.S08.S00._ROM, 2, Serialized)
            {
                Return (Buffer (One) { 0x00 })
            }
        }
        """);
    assertThat(AcpiTable.read(full).romMethod()).isTrue();
    Path none =
        KbFixtures.iasl(
            tmp,
            "norom",
            """
        DefinitionBlock ("", "SSDT", 2, "MUXLSS", "KBNONE", 1)
        {
            Method (\\_SB.XROM, 2, Serialized) { Return (Zero) }
            Name (\\_SB.RBUF, Buffer (4) { 0x5F, 0x52, 0x4F, 0x4D })
        }
        """);
    assertThat(AcpiTable.read(none).romMethod()).isFalse();
  }

  @Test
  void profileKeysAreFoundWhateverTheShape(@TempDir Path tmp) throws Exception {
    Path p = tmp.resolve("libvirt-like.json");
    Files.writeString(
        p,
        """
        {"domain": {"os": {"type": {"machine": "pc-q35-7.2"}, "loader": "/usr/share/OVMF/OVMF_CODE.fd"},
          "features": {"kvm": {"hidden": {"state": "on"}}, "ioapic": {"driver": "kvm"}},
          "hostdev": [{"source": "0000:01:00.0", "rom": {"file": "/var/lib/vbios.rom"}}],
          "qemu:commandline": ["-acpitable", "file=/var/lib/ssdt.aml",
             "-set", "device.hostdev0.x-pci-sub-vendor-id=4136"]}}
        """);
    VmProfile v = VmProfile.read(p);
    assertThat(v.machine()).contains("pc-q35-7.2");
    assertThat(v.firmware()).contains("ovmf");
    assertThat(v.romfile()).contains("/var/lib/vbios.rom");
    assertThat(v.acpiTables()).isEqualTo(List.of("/var/lib/ssdt.aml"));
    assertThat(v.kvmHidden()).isTrue();
    assertThat(v.kernelIrqchip()).contains(true);
    assertThat(v.hostDevices()).contains("0000:01:00.0");
    assertThat(v.values("device.hostdev0.x-pci-sub-vendor-id")).containsExactly("4136");
  }
}
