package dev.muxless.kb;

import static dev.muxless.core.CheckStatus.FAIL;
import static dev.muxless.core.CheckStatus.PASS;
import static dev.muxless.core.CheckStatus.SKIP;
import static dev.muxless.core.CheckStatus.WARN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.muxless.core.CheckStatus;
import dev.muxless.core.ExitStatus;
import dev.muxless.core.MuxlessException;
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
        .containsEntry("qemu", FAIL)
        .containsEntry("ovmf", FAIL) // not in the demo tree
        .containsEntry("machine-q35", SKIP)
        .containsEntry("acpi-rom-method", SKIP)
        .containsEntry("nvidia-driver", SKIP)
        .containsEntry("remote-display", SKIP);
    assertThat(r.exitStatus()).isEqualTo(ExitStatus.PROBLEMS);
    ValidationStep group =
        r.steps().stream().filter(x -> x.id().equals("gpu-group")).findFirst().orElseThrow();
    assertThat(group.message()).contains("group 1");
    assertThat(group.check()).isEqualTo("host:gpu-group");
    assertThat(group.entry()).isEqualTo("linux-nvidia-acpi-rom-gvt-primary");
  }

  @Test
  void readyHostWithGoodProfilePassesEveryObservableStep() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("good"));
    Files.write(dir.resolve("vbios.rom"), KbFixtures.nvidiaRom(0x1c8d));
    KbFixtures.iasl(dir, "rom-ssdt", KbFixtures.ROM_SSDT_ASL);
    Files.writeString(dir.resolve("profile.json"), KbFixtures.goodProfile());
    FactCollector f =
        new FactCollector(
            KbFixtures.readyHost(Files.createDirectories(tmp.resolve("h1"))),
            VmProfile.read(dir.resolve("profile.json")));
    SetupReport r = V.validate(KB.configuration(SetupValidator.DEFAULT_TARGET).orElseThrow(), f);
    for (ValidationStep st : r.steps()) {
      if (st.check().startsWith("guest:")) {
        assertThat(st.status()).as(st.id()).isEqualTo(SKIP);
      } else {
        assertThat(st.status()).as(st.id() + ": " + st.message()).isEqualTo(PASS);
      }
    }
    assertThat(r.exitStatus()).isEqualTo(ExitStatus.OK);
    assertThat(statuses(r)).containsKeys("acpi-rom-method", "rom-valid", "sub-ids");

    // the same files satisfy the Windows entry's battery step; kernel_irqchip is not in the profile
    SetupReport w = V.validate(KB.configuration("windows-guest-acpi-rom").orElseThrow(), f);
    assertThat(statuses(w))
        .containsEntry("acpi-battery", PASS)
        .containsEntry("ioapic-kvm", WARN)
        .containsEntry("kvm-hidden", WARN)
        .containsEntry("guest-address", WARN);
  }

  @Test
  void brokenProfileOnReadyHostFailsTheProfileSteps() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("bad"));
    Files.write(dir.resolve("other.rom"), KbFixtures.nvidiaRom(0x1c20)); // another GPU's VBIOS
    Files.writeString(
        dir.resolve("ssdt.dsl"), "DefinitionBlock (\"\", \"SSDT\", 2, \"X\", \"Y\", 1) {}");
    Files.writeString(
        dir.resolve("profile.json"),
        """
        {"args": ["-machine", "pc-i440fx-7.2",
                  "-device", "vfio-pci,host=01:00.0,romfile=other.rom,x-pci-sub-vendor-id=1028,x-pci-sub-device-id=0x07be",
                  "-acpitable", "file=ssdt.dsl"]}
        """);
    FactCollector f =
        new FactCollector(
            KbFixtures.readyHost(Files.createDirectories(tmp.resolve("h2"))),
            VmProfile.read(dir.resolve("profile.json")));
    SetupReport r = V.validate(KB.configuration(SetupValidator.DEFAULT_TARGET).orElseThrow(), f);
    Map<String, CheckStatus> s = statuses(r);
    assertThat(s)
        .containsEntry("iommu-active", PASS)
        .containsEntry("gpu-driver", PASS)
        .containsEntry("machine-q35", FAIL)
        .containsEntry("firmware-ovmf", FAIL)
        .containsEntry("gpu-device", PASS)
        .containsEntry("gvt-device", FAIL)
        .containsEntry("sub-ids", FAIL) // 1028 without 0x is decimal for QEMU: 0x0404
        .containsEntry("vbios", PASS)
        .containsEntry("rom-valid", PASS)
        .containsEntry("rom-matches-gpu", WARN)
        .containsEntry("acpitable", PASS)
        .containsEntry("acpi-rom-method", FAIL);
    assertThat(
            r.steps().stream()
                .filter(x -> x.id().equals("acpi-rom-method"))
                .findFirst()
                .orElseThrow()
                .message())
        .contains("ssdt.dsl", "ASL source");
    assertThat(
            r.steps().stream()
                .filter(x -> x.id().equals("sub-ids"))
                .findFirst()
                .orElseThrow()
                .message())
        .contains("0404:07be", "1028:07be");
    assertThat(r.exitStatus()).isEqualTo(ExitStatus.PROBLEMS);
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

  @Test
  void malformedProfileIsBadInputNamingTheFile() throws Exception {
    Path p = tmp.resolve("broken.json");
    Files.writeString(p, "{\"machine\": q35}");
    assertThatThrownBy(() -> VmProfile.read(p))
        .isInstanceOf(MuxlessException.class)
        .hasMessageContaining("broken.json: not valid JSON");
  }
}
