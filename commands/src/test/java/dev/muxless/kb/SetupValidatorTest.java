package dev.muxless.kb;

import static dev.muxless.core.CheckStatus.FAIL;
import static dev.muxless.core.CheckStatus.PASS;
import static dev.muxless.core.CheckStatus.SKIP;
import static dev.muxless.core.CheckStatus.WARN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.muxless.core.CheckReport;
import dev.muxless.core.CheckStatus;
import dev.muxless.core.CheckStep;
import dev.muxless.core.ExitStatus;
import dev.muxless.core.MuxlessException;
import dev.muxless.host.DemoHost;
import dev.muxless.host.HostCheck;
import dev.muxless.host.HostRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SetupValidatorTest {
  static final KnowledgeBase KB = KnowledgeBaseIntegrityTest.KB;
  static final SetupValidator V = new SetupValidator(KB);
  @TempDir static Path tmp;

  @BeforeAll
  static void state() throws Exception {
    if (System.getProperty("muxless.state") == null) {
      System.setProperty("muxless.state", Files.createTempDirectory("kb-state-").toString());
    }
  }

  static Map<String, CheckStatus> statuses(SetupReport r) {
    return r.steps().stream()
        .collect(
            Collectors.toMap(
                ValidationStep::id,
                ValidationStep::status,
                (a, b) -> a,
                java.util.LinkedHashMap::new));
  }

  @Test
  void demoHostWithoutProfile() {
    FactCollector f = new FactCollector(HostRoot.demo(), null);
    Configuration target = V.defaultTarget(f);
    assertThat(target.id()).isEqualTo("linux-nvidia-acpi-rom-gvt-primary");
    SetupReport r = V.validate(target, f);
    Map<String, CheckStatus> s = statuses(r);
    assertThat(s)
        .containsEntry("cpu-virt", PASS)
        .containsEntry("kvm-device", PASS)
        .containsEntry("iommu-active", PASS)
        .containsEntry("iommu-cmdline", PASS)
        .containsEntry("iommu-pt", PASS)
        .containsEntry("gpu-mux", PASS)
        .containsEntry("gpu-subsystem", PASS)
        .containsEntry("gpu-group", PASS)
        .containsEntry("gpu-driver", WARN) // bound to nvidia on the demo laptop
        .containsEntry("gpu-reset", PASS)
        .containsEntry("vfio-modules", PASS)
        .containsEntry("gvt-i915", PASS)
        .containsEntry("gvt-kvmgt", PASS)
        .containsEntry("gvt-types", PASS)
        .containsEntry("igfx-off", PASS)
        .containsEntry("qemu", PASS) // the demo tree has qemu and OVMF installed
        .containsEntry("ovmf", PASS)
        .containsEntry("machine-q35", SKIP)
        .containsEntry("acpi-rom-method", SKIP)
        .containsEntry("nvidia-driver", SKIP)
        .containsEntry("remote-display", SKIP);
    assertThat(r.exitStatus()).isEqualTo(ExitStatus.OK);
    // host: steps are the host check's, status, message and fix alike (one source of truth)
    CheckReport host = HostCheck.run(HostRoot.demo());
    for (ValidationStep st : r.steps()) {
      if (st.check().startsWith("host:")) {
        CheckStep h =
            host.steps().stream()
                .filter(x -> x.id().equals(st.check().substring(5)))
                .findFirst()
                .orElseThrow();
        assertThat(st.status()).as(st.id()).isEqualTo(h.status());
        assertThat(st.message()).as(st.id()).endsWith(": " + h.message());
        if (h.fix() != null) {
          assertThat(st.fix()).as(st.id()).isEqualTo(h.fix());
        }
      }
    }
    ValidationStep driver = step(r, "gpu-driver");
    assertThat(driver.fix()).isEqualTo("./muxless vfio bind 0000:01:00.0 --apply");
    ValidationStep group = step(r, "gpu-group");
    assertThat(group.message()).contains("group 1");
    assertThat(group.check()).isEqualTo("host:gpu-group");
    assertThat(group.entry()).isEqualTo("linux-nvidia-acpi-rom-gvt-primary");
  }

  static ValidationStep step(SetupReport r, String id) {
    return r.steps().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void readyHostWithGoodProfilePassesEveryObservableStep() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("good"));
    Files.copy(KbFixtures.realVbios(), dir.resolve("vbios.rom")); // a temp copy, not the repo
    KbFixtures.iasl(dir, "rom-ssdt", KbFixtures.ROM_SSDT_ASL);
    Files.writeString(dir.resolve("profile.json"), KbFixtures.goodProfile());
    FactCollector f =
        FactCollector.read(
            KbFixtures.readyHost(Files.createDirectories(tmp.resolve("h1"))),
            dir.resolve("profile.json"));
    SetupReport r = V.validate(KB.configuration(SetupValidator.DEFAULT_TARGET).orElseThrow(), f);
    for (ValidationStep st : r.steps()) {
      if (st.check().startsWith("guest:")) {
        assertThat(st.status()).as(st.id()).isEqualTo(SKIP);
      } else {
        assertThat(st.status()).as(st.id() + ": " + st.message()).isEqualTo(PASS);
      }
    }
    assertThat(r.exitStatus()).isEqualTo(ExitStatus.OK);
    assertThat(statuses(r)).containsKeys("acpi-rom-method", "rom-valid", "sub-ids", "gvt-device");
    assertThat(step(r, "rom-valid").message()).contains("NVIDIA VBIOS", "10de:1c8d");
    assertThat(step(r, "gvt-device").message()).contains(KbFixtures.VGPU, "display on");

    // the same files satisfy the Windows entry's battery, irqchip, KVM-hiding and address steps
    SetupReport w = V.validate(KB.configuration("windows-guest-acpi-rom").orElseThrow(), f);
    assertThat(statuses(w))
        .containsEntry("acpi-battery", PASS)
        .containsEntry("ioapic-kvm", PASS)
        .containsEntry("kvm-hidden", PASS)
        .containsEntry("guest-address", PASS);
    assertThat(step(w, "ioapic-kvm").message()).contains("machine q35", "kernel_irqchip=on");
    // and the nouveau entry's boot path: the profile boots its kernel directly
    SetupReport n =
        V.validate(KB.configuration("linux-nouveau-render-gvt-primary").orElseThrow(), f);
    assertThat(step(n, "boot-path").status()).isEqualTo(PASS);
    assertThat(step(n, "boot-path").message()).contains(dir.resolve("vmlinuz").toString());
  }

  @Test
  void brokenProfileOnReadyHostFailsTheProfileSteps() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("bad"));
    Files.write(dir.resolve("other.rom"), KbFixtures.pcirOnlyRom(0x1c20)); // another GPU's
    Files.writeString(
        dir.resolve("ssdt.dsl"), "DefinitionBlock (\"\", \"SSDT\", 2, \"X\", \"Y\", 1) {}");
    Files.writeString(
        dir.resolve("profile.json"),
        """
        {"name": "bad", "machine": "pc-i440fx-7.2", "memoryMib": 2048, "cpus": 2,
         "firmware": {"type": "seabios"},
         "gpu": {"host": "01:00.0", "subsystemVendor": "1028", "subsystemDevice": "07bf",
                 "romfile": "other.rom"},
         "acpiTables": ["ssdt.dsl"]}
        """);
    FactCollector f =
        FactCollector.read(
            KbFixtures.readyHost(Files.createDirectories(tmp.resolve("h2"))),
            dir.resolve("profile.json"));
    SetupReport r = V.validate(KB.configuration(SetupValidator.DEFAULT_TARGET).orElseThrow(), f);
    Map<String, CheckStatus> s = statuses(r);
    assertThat(s)
        .containsEntry("iommu-active", PASS)
        .containsEntry("gpu-driver", PASS)
        .containsEntry("machine-q35", FAIL)
        .containsEntry("firmware-ovmf", FAIL)
        .containsEntry("gpu-device", PASS)
        .containsEntry("gvt-device", FAIL)
        .containsEntry("sub-ids", FAIL)
        .containsEntry("vbios", PASS)
        .containsEntry("rom-valid", WARN) // PCIR only: no BIT table
        .containsEntry("rom-matches-gpu", WARN) // recommended: a failure warns
        .containsEntry("acpitable", PASS)
        .containsEntry("acpi-rom-method", FAIL);
    ValidationStep rom = step(r, "acpi-rom-method");
    assertThat(rom.message()).contains("ssdt.dsl: signature at offset 0x0");
    assertThat(rom.fix()).contains("not ASL source"); // the acpi engine's hint
    assertThat(step(r, "sub-ids").message()).contains("1028:07bf", "1028:07be");
    assertThat(step(r, "firmware-ovmf").fix()).contains("firmware.type");
    assertThat(r.exitStatus()).isEqualTo(ExitStatus.PROBLEMS);
  }

  @Test
  void hostWithoutAnNvidiaGpuFailsTheMuxlessGpuStep() throws Exception {
    String text =
        DemoHost.text()
            .lines()
            .filter(l -> !l.startsWith("pci 0000:01:00."))
            .collect(Collectors.joining("\n"));
    HostRoot h = KbFixtures.host(Files.createDirectories(tmp.resolve("nogpu")), text, "nogpu");
    SetupReport r =
        V.validate(
            KB.configuration(SetupValidator.DEFAULT_TARGET).orElseThrow(),
            new FactCollector(h, null));
    ValidationStep mux = step(r, "gpu-mux");
    CheckStep gpus =
        HostCheck.run(h).steps().stream()
            .filter(x -> x.id().equals("gpus"))
            .findFirst()
            .orElseThrow();
    assertThat(mux.status()).isEqualTo(FAIL); // the host check SKIPs it; the requirement fails
    assertThat(mux.message()).endsWith(": " + gpus.message()).contains("no NVIDIA GPU among");
    assertThat(mux.fix()).isEqualTo(gpus.fix());
    assertThat(statuses(r)).containsEntry("gpu-group", SKIP);
  }

  @Test
  void brokenHostFailsTheHostSteps() {
    FactCollector f = new FactCollector(KbFixtures.brokenHost(tmp), null);
    SetupReport r = V.validate(V.defaultTarget(f), f);
    assertThat(r.target()).isEqualTo("nouveau-compute-render-nodes"); // muxless GPU, no GVT-g
    Map<String, CheckStatus> s = statuses(r);
    assertThat(s)
        .containsEntry("cpu-virt", FAIL)
        .containsEntry("kvm-device", FAIL)
        .containsEntry("iommu-active", FAIL)
        .containsEntry("iommu-cmdline", FAIL)
        .containsEntry("gpu-mux", PASS)
        .containsEntry("gpu-group", FAIL)
        .containsEntry("gpu-driver", WARN)
        .containsEntry("gpu-reset", WARN)
        .containsEntry("vfio-modules", FAIL)
        .containsEntry("qemu", FAIL);
    SetupReport g = V.validate(KB.configuration("linux-gvt-render-primary").orElseThrow(), f);
    assertThat(statuses(g))
        .containsEntry("gvt-i915", FAIL)
        .containsEntry("gvt-kvmgt", FAIL)
        .containsEntry("gvt-types", FAIL);
  }

  @Test
  void unknownTargetIsBadInputWithAHint() {
    assertThatThrownBy(() -> KB.requireConfiguration("linux-nvidia", "--target"))
        .isInstanceOf(MuxlessException.class)
        .hasMessageContaining("--target: no configuration 'linux-nvidia'")
        .satisfies(
            e ->
                assertThat(((MuxlessException) e).hint())
                    .contains("linux-nvidia-acpi-rom-gvt-primary"));
  }
}
