package dev.muxless.kb;

import static dev.muxless.core.CheckStatus.FAIL;
import static dev.muxless.core.CheckStatus.PASS;
import static dev.muxless.core.CheckStatus.WARN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.muxless.core.MuxlessException;
import dev.muxless.host.HostRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The profile, VBIOS and ACPI table facts through the real engines (qemu ProfileReader, rom
 * RomParser, acpi AmlReader) against real files from ../shared and real iasl output.
 */
class FileFactsTest {
  @TempDir Path tmp;

  /** A valid profile (the vm area's schema) with extra top-level fields, read from its file. */
  FactCollector facts(String name, String extra) throws Exception {
    Path p = tmp.resolve(name + ".json");
    Files.writeString(
        p,
        """
        {"name": "t", "memoryMib": 1024, "cpus": 1,
         "firmware": {"type": "ovmf", "code": "code.fd", "vars": "vars.fd"}%s}
        """
            .formatted(extra.isEmpty() ? "" : ", " + extra));
    return FactCollector.read(HostRoot.demo(), p);
  }

  FactCollector withRom(Path rom) throws Exception {
    return facts(
        "rom",
        """
        "gpu": {"host": "01:00.0", "subsystemVendor": "1028", "subsystemDevice": "07be",
                "romfile": "%s"}"""
            .formatted(rom));
  }

  FactCollector withTables(String... tables) throws Exception {
    return facts("acpi", "\"acpiTables\": [\"" + String.join("\", \"", tables) + "\"]");
  }

  static Verdict check(String id, FactCollector f) {
    return RequirementChecks.evaluate(id, f);
  }

  @Test
  void realNvidiaVbiosIsValidThroughTheRomEngine() throws Exception {
    FactCollector f = withRom(KbFixtures.realVbios());
    Verdict v = check("rom:valid", f);
    assertThat(v.status()).as(v.message()).isEqualTo(PASS);
    assertThat(v.message())
        .contains("NVIDIA VBIOS 86.", "10de:1c8d", "[x86, NVIDIA, NVIDIA, NBSI]");
    assertThat(check("rom:matches-gpu", f).status()).isEqualTo(PASS); // the demo GPU is 1c8d
    // every NVIDIA dump in ../shared is a VBIOS; those with a firmware prefix warn (rom strip)
    try (Stream<Path> s = Files.list(KbFixtures.shared("roms/nvidia"))) {
      for (Path p : s.toList()) {
        Verdict r = check("rom:valid", withRom(p));
        assertThat(r.status()).as(p + ": " + r.message()).isIn(PASS, WARN);
        if (r.status() == WARN) {
          assertThat(r.message()).contains("firmware prefix");
          assertThat(r.fix()).isEqualTo("rom strip");
        }
      }
    }
    Verdict gk107 =
        check(
            "rom:valid",
            withRom(KbFixtures.realVbios().resolveSibling("gk107-turbo__levimarvin.rom")));
    assertThat(gk107.message()).contains("0x400 bytes of firmware prefix"); // MANIFEST rom_start
  }

  @Test
  void otherRomsAndNonRomsFailWithTheRomEnginesReason() throws Exception {
    Path debian = KbFixtures.shared("roms/debian");
    Verdict e1000 = check("rom:valid", withRom(debian.resolve("ipxe-qemu__efi-e1000.rom")));
    assertThat(e1000.status()).isEqualTo(FAIL);
    assertThat(e1000.message()).contains("8086:", "not NVIDIA");
    Verdict vapic = check("rom:valid", withRom(debian.resolve("qemu-system-data__kvmvapic.bin")));
    assertThat(vapic.status()).isEqualTo(FAIL);
    assertThat(vapic.message()).startsWith("qemu-system-data__kvmvapic.bin: ");
    Path pcir = tmp.resolve("pcir-only.rom");
    Files.write(pcir, KbFixtures.pcirOnlyRom(0x1c20));
    FactCollector f = withRom(pcir);
    Verdict half = check("rom:valid", f);
    assertThat(half.status()).as(half.message()).isEqualTo(WARN);
    assertThat(half.message()).contains("10de:1c20", "no BIT table");
    Verdict other = check("rom:matches-gpu", f);
    assertThat(other.status()).isEqualTo(FAIL);
    assertThat(other.message()).contains("1c20", "1c8d");
  }

  @Test
  void communityBatterySsdtHasABatteryAndNoRom() throws Exception {
    FactCollector f =
        withTables(
            KbFixtures.shared("acpi").resolve("community-fake-battery-SSDT1.dat").toString());
    Verdict b = check("acpi:battery", f);
    assertThat(b.status()).isEqualTo(PASS);
    assertThat(b.message()).contains("(SSDT)", "\\_SB.PCI0.BAT0._BIF");
    Verdict r = check("acpi:rom-method", f);
    assertThat(r.status()).isEqualTo(FAIL);
    assertThat(r.message()).isEqualTo("no table defines a _ROM method");
  }

  @Test
  void qemuDsdtIsReadAsFarAsTheAcpiEngineCanAndAslSourceIsRefused() throws Exception {
    Path acpi = KbFixtures.shared("acpi");
    String qemu = "DSDT-qemu7.2-q35-rp02-default";
    Verdict dsdt = check("acpi:rom-method", withTables(acpi.resolve(qemu + ".aml").toString()));
    // QEMU's DSDT has opcodes the reader does not decode: no _ROM found, but it cannot be sure
    assertThat(dsdt.status()).isEqualTo(WARN);
    assertThat(dsdt.message()).contains("in what the reader decoded", "cannot decode opcode");
    assertThat(dsdt.fix()).startsWith("acpi inspect ");
    Verdict dsl = check("acpi:rom-method", withTables(acpi.resolve(qemu + ".dsl").toString()));
    assertThat(dsl.status()).isEqualTo(FAIL);
    assertThat(dsl.message()).contains("DSDT-qemu7.2-q35-rp02-default.dsl", "offset 0x0");
    assertThat(dsl.fix()).contains("not ASL source");
  }

  @Test
  void romMethodCompiledByIaslIsFoundAtAnyNesting() throws Exception {
    Path aml = KbFixtures.iasl(tmp, "rom", KbFixtures.ROM_SSDT_ASL);
    FactCollector f = withTables(aml.toString());
    assertThat(check("acpi:rom-method", f).message()).endsWith("\\_SB.PCI0.S08.S00._ROM");
    assertThat(check("acpi:battery", f).message()).endsWith("\\_SB.PCI0.BAT0._BIF");
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
    assertThat(check("acpi:rom-method", withTables(full.toString())).status()).isEqualTo(PASS);
    Path none =
        KbFixtures.iasl(
            tmp,
            "norom",
            """
        DefinitionBlock ("", "SSDT", 2, "MUXLSS", "KBNONE", 1)
        {
            Method (\\_SB.XROM, 2, Serialized) { Return (Zero) }
            Name (\\_SB.RBUF, Buffer (4) { 0x5F, 0x52, 0x4F, 0x4D })
            Device (\\_SB.BAT1) { Name (_HID, EisaId ("PNP0C0A")) }
        }
        """);
    FactCollector n = withTables(none.toString());
    assertThat(check("acpi:rom-method", n).status()).isEqualTo(FAIL);
    // a PNP0C0A device without _BIF/_BIX does not pass the NVIDIA driver's battery test
    assertThat(check("acpi:battery", n).status()).isEqualTo(FAIL);
  }

  @Test
  void profileChecksReadTheTypedFields() throws Exception {
    FactCollector plain = facts("plain", "");
    assertThat(check("profile:machine-q35", plain).message())
        .isEqualTo("machine q35 (the default)");
    assertThat(check("profile:firmware-ovmf", plain).message())
        .isEqualTo("firmware OVMF (" + tmp.resolve("code.fd") + ")"); // resolved to the profile
    assertThat(check("profile:ioapic-kvm", plain).status()).isEqualTo(PASS);
    assertThat(check("profile:kvm-hidden", plain).status()).isEqualTo(FAIL);
    assertThat(check("profile:gvt-device", plain).status()).isEqualTo(FAIL);
    assertThat(check("profile:romfile", plain).message()).contains("gpu.romfile is not set");
    assertThat(check("profile:direct-boot", plain).status())
        .isEqualTo(dev.muxless.core.CheckStatus.SKIP);

    FactCollector old =
        facts(
            "old",
            """
            "machine": "pc-q35-4.0", "cpu": "host,kvm=off", "kernel": {"kernel": "vmlinuz"},
            "gpu": {"host": "0000:02:00.0", "subsystemVendor": "1028", "subsystemDevice": "07BF",
                    "rootPort": "00:1c.0"},
            "vgpu": {"uuid": "D34FC6F1-F279-35A5-B3F4-AB604B6D53A1", "type": "i915-GVTg_V5_4"}""");
    Verdict irq = check("profile:ioapic-kvm", old);
    assertThat(irq.status()).isEqualTo(FAIL);
    assertThat(irq.message()).contains("kernel_irqchip=split");
    assertThat(check("profile:kvm-hidden", old).status()).isEqualTo(PASS);
    assertThat(check("profile:direct-boot", old).message())
        .contains(tmp.resolve("vmlinuz").toString());
    assertThat(check("profile:gpu-device", old).message())
        .contains("0000:02:00.0", "not the muxless GPU 0000:01:00.0");
    assertThat(check("profile:sub-ids", old).message()).contains("1028:07bf differs", "1028:07be");
    assertThat(check("profile:guest-address", old).fix()).isEqualTo("set gpu.rootPort to 00:01.0");
    Verdict vgpu = check("profile:gvt-device", old);
    assertThat(vgpu.status()).isEqualTo(WARN); // the demo host has not created it
    assertThat(vgpu.fix())
        .isEqualTo("gvt create --type i915-GVTg_V5_4 --uuid d34fc6f1-f279-35a5-b3f4-ab604b6d53a1");
  }

  @Test
  void aBadProfileIsTheQemuReadersOneLineError() throws Exception {
    Path p = tmp.resolve("broken.json");
    Files.writeString(p, "{\"machine\": q35}");
    assertThatThrownBy(() -> FactCollector.read(HostRoot.demo(), p))
        .isInstanceOf(MuxlessException.class)
        .hasMessageContaining("broken.json line 1 column 13: JSON syntax error");
    // the shapes the old tree scan accepted (argv arrays, libvirt-like trees) are not profiles
    Path argv = tmp.resolve("argv.json");
    Files.writeString(argv, "{\"name\": \"x\", \"args\": [\"-machine\", \"q35\"]}");
    assertThatThrownBy(() -> FactCollector.read(HostRoot.demo(), argv))
        .isInstanceOf(MuxlessException.class)
        .hasMessageContaining("argv.json line 1 column 15: unknown key 'args'")
        .satisfies(e -> assertThat(((MuxlessException) e).hint()).contains("acpiTables", "gpu"));
    assertThatThrownBy(() -> FactCollector.read(HostRoot.demo(), tmp.resolve("none.json")))
        .hasMessageContaining("none.json: no such profile");
  }
}
