package dev.muxless.qemu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.muxless.core.CheckReport;
import dev.muxless.core.CheckStatus;
import dev.muxless.core.CheckStep;
import dev.muxless.host.DemoHost;
import dev.muxless.host.HostRoot;
import dev.muxless.host.TreeFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** vm check against the demo host (GPU on nvidia, no vGPU yet) and a host ready for the VM. */
class VmCheckTest extends StateIsolation {
  static final String UUID = "5c7ae9d2-1d5b-4c7a-9b31-2f4a7f3c9e10";

  @TempDir Path dir;

  static Map<String, CheckStep> byId(CheckReport r) {
    return r.steps().stream().collect(Collectors.toMap(CheckStep::id, s -> s, (a, b) -> a));
  }

  @Test
  void demoHostFailsWhereTheHostIsNotReadyAndSaysHowToFixIt() {
    Tools.require("qemu-system-x86_64");
    VmProfile p = ProfileReader.read(DemoProfiles.write(dir));
    CheckReport r = VmCheck.run(p, HostRoot.demo());
    assertThat(r.steps())
        .extracting(CheckStep::id)
        .containsExactly(
            "qemu",
            "qemu-properties",
            "kvm",
            "ovmf-code",
            "ovmf-vars",
            "rom",
            "acpi-tables",
            "kernel",
            "vgpu",
            "gpu",
            "gpu-driver",
            "gpu-group",
            "display-gl");
    Map<String, CheckStep> s = byId(r);
    assertThat(s.get("qemu").status()).isEqualTo(CheckStatus.PASS);
    assertThat(s.get("qemu").message()).contains("is QEMU ");
    assertThat(s.get("qemu-properties").status()).isEqualTo(CheckStatus.PASS);
    assertThat(s.get("qemu-properties").message())
        .contains(
            "vfio-pci.x-pci-sub-vendor-id", "vfio-pci-nohotplug.ramfb", "pcie-root-port.hotplug");
    assertThat(s.get("rom").status()).isEqualTo(CheckStatus.FAIL);
    assertThat(s.get("rom").message()).isEqualTo(dir.resolve("vbios.rom") + " does not exist");
    assertThat(s.get("acpi-tables").status()).isEqualTo(CheckStatus.FAIL);
    assertThat(s.get("vgpu").status()).isEqualTo(CheckStatus.FAIL);
    assertThat(s.get("vgpu").fix())
        .isEqualTo(
            "echo "
                + p.vgpu().uuid()
                + " > /sys/class/mdev_bus/0000:00:02.0/mdev_supported_types/i915-GVTg_V5_4/create");
    assertThat(s.get("gpu").status()).isEqualTo(CheckStatus.PASS);
    assertThat(s.get("gpu-driver").status()).isEqualTo(CheckStatus.FAIL);
    assertThat(s.get("gpu-driver").message()).isEqualTo("0000:01:00.0 is bound to nvidia");
    assertThat(s.get("gpu-driver").fix()).isEqualTo("muxless vfio bind 0000:01:00.0");
    assertThat(s.get("gpu-group").status()).isEqualTo(CheckStatus.PASS);
    assertThat(s.get("display-gl").status()).isEqualTo(CheckStatus.FAIL);
    assertThat(r.anyFailed()).isTrue();
  }

  /** The demo laptop after 'vfio bind' and creating the vGPU. */
  static HostRoot readyHost(Path root) {
    String text =
        DemoHost.text().replace("driver=nvidia group=1", "driver=vfio-pci group=1")
            + "\nd sys/devices/pci0000:00/0000:00:02.0/"
            + UUID
            + "\nl sys/devices/pci0000:00/0000:00:02.0/"
            + UUID
            + "/mdev_type"
            + " /sys/devices/pci0000:00/0000:00:02.0/mdev_supported_types/i915-GVTg_V5_4"
            + "\nl sys/bus/mdev/devices/"
            + UUID
            + " /sys/devices/pci0000:00/0000:00:02.0/"
            + UUID
            + "\nr dev/dri/renderD128\n";
    TreeFixture.parse(text, "ready.tree").materialize(root);
    return HostRoot.of(root);
  }

  @Test
  void readyHostWithRealRomAndTablePasses() throws Exception {
    Tools.require("qemu-system-x86_64");
    Path shared = Tools.shared();
    Path root = dir.resolve("root");
    HostRoot host = readyHost(root);
    VmInit.Result init =
        VmInit.init(
            host,
            new VmInit.Options(
                "ready",
                null,
                null,
                shared.resolve("roms/nvidia/alt-1050m__ieatchange.rom").toString(),
                List.of(shared.resolve("acpi/community-fake-battery-SSDT1.dat").toString()),
                null,
                null,
                null));
    assertThat(init.profile().vgpu().uuid()).isEqualTo(UUID);
    assertThat(init.notes()).contains("vGPU " + UUID + " (i915-GVTg_V5_4) exists: using it");
    VmProfile p = ProfilePaths.resolve(init.profile(), dir);
    Map<String, CheckStep> s = byId(VmCheck.run(p, host));
    assertThat(s.get("rom").status()).as(s.get("rom").message()).isEqualTo(CheckStatus.PASS);
    assertThat(s.get("acpi-tables").status()).isEqualTo(CheckStatus.PASS);
    assertThat(s.get("acpi-tables").message()).isEqualTo("1 tables, 161 bytes");
    assertThat(s.get("vgpu").status()).isEqualTo(CheckStatus.PASS);
    assertThat(s.get("gpu-driver").status()).isEqualTo(CheckStatus.PASS);
    assertThat(s.get("gpu-group").status()).isEqualTo(CheckStatus.PASS);
    assertThat(s.get("display-gl").status()).isEqualTo(CheckStatus.PASS);
    assertThat(s.get("kernel").status()).isEqualTo(CheckStatus.SKIP);
  }

  @Test
  void groupWithAnotherBoundEndpointIsNotViable() throws Exception {
    Path root = dir.resolve("root2");
    String text =
        DemoHost.text()
            .replace("driver=nvidia group=1", "driver=vfio-pci group=1")
            .replace(
                "# Drivers known",
                "pci 0000:01:00.1 parent=0000:00:01.0 class=0x040300 vendor=0x10de device=0x10f1"
                    + " driver=snd_hda_intel group=1\n# Drivers known");
    TreeFixture.parse(text, "t").materialize(root);
    HostRoot host = HostRoot.of(root);
    var gpu = new dev.muxless.host.PciBus(host).find(dev.muxless.host.PciAddress.parse("01:00.0"));
    CheckStep s = VmCheck.checkGroupViable(host, gpu.orElseThrow());
    assertThat(s.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(s.message()).isEqualTo("IOMMU group 1 also holds 0000:01:00.1 (snd_hda_intel)");
  }

  @Test
  void tablesOverQemusLimitOrWithAWrongLengthFail() throws Exception {
    Path big = dir.resolve("big.aml");
    Files.write(big, new byte[65536]);
    assertThat(VmCheck.checkAcpiTable(big).message())
        .endsWith("is 65536 bytes: qemu -acpitable takes at most 65535 per table");
    Path bad = dir.resolve("bad.aml");
    byte[] b = new byte[40];
    b[0] = 'S';
    b[1] = 'S';
    b[2] = 'D';
    b[3] = 'T';
    b[4] = 36;
    Files.write(bad, b);
    assertThat(VmCheck.checkAcpiTable(bad).message())
        .endsWith("header length 36 but the file has 40 bytes");
    Path notRom = dir.resolve("x.rom");
    Files.write(notRom, new byte[] {0x4d, 0x5a, 0, 0});
    assertThat(VmCheck.checkRom(notRom).status()).isEqualTo(CheckStatus.FAIL);
  }

  @Test
  void romTablesForAnotherRootPortWarnWithTheFix() throws Exception {
    byte[] rom = new byte[4096];
    rom[0] = 0x55;
    rom[1] = (byte) 0xAA;
    var tables =
        dev.muxless.acpi.RomTableGenerator.generate(
            rom,
            dev.muxless.acpi.RomTableGenerator.Options.embedded(
                dev.muxless.acpi.AcpiPath.parseRootPort("2")));
    Path t = dir.resolve("ssdt-vbios-00.aml");
    Files.write(t, tables.tables().get(0).aml());
    String json =
        """
        {
          "name": "rp",
          "memoryMib": 4096,
          "cpus": 4,
          "firmware": {"type": "seabios"},
          "gpu": {"host": "01:00.0", "subsystemVendor": "1028", "subsystemDevice": "07be",
                  "rootPort": "00:%s"},
          "acpiTables": ["%s"]
        }
        """;
    CheckStep wrong =
        byId(VmCheck.run(
                ProfileReader.parse(json.formatted("01.0", t), "rp.json"), HostRoot.demo()))
            .get("acpi-tables");
    assertThat(wrong.status()).as(wrong.message()).isEqualTo(CheckStatus.WARN);
    assertThat(wrong.message())
        .isEqualTo(
            t
                + " puts _ROM at \\_SB.PCI0.S10.S00._ROM, but gpu.rootPort 00:01.0 puts the GPU at"
                + " \\_SB.PCI0.S08.S00: the guest driver finds no _ROM");
    assertThat(wrong.fix()).startsWith("regenerate the tables with 'acpi rom-table --root-port 1'");
    CheckStep right =
        byId(VmCheck.run(
                ProfileReader.parse(json.formatted("02.0", t), "rp.json"), HostRoot.demo()))
            .get("acpi-tables");
    assertThat(right.status()).as(right.message()).isEqualTo(CheckStatus.PASS);
  }
}
