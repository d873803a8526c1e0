package dev.muxless.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.muxless.core.ExitStatus;
import dev.muxless.core.MuxlessException;
import dev.muxless.host.DemoHost;
import dev.muxless.host.HostRoot;
import dev.muxless.host.TreeFixture;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** vm init reads the host's facts through the host root. */
class VmInitTest extends StateIsolation {
  @TempDir Path dir;

  static VmInit.Options opts(String gpu, String type) {
    return new VmInit.Options("t", gpu, type, null, List.of(), null, null, null);
  }

  @Test
  void demoHostFactsAndDefaults() {
    VmInit.Result r = VmInit.init(HostRoot.demo(), opts(null, null));
    VmProfile p = r.profile();
    assertThat(p.gpu().host()).isEqualTo("0000:01:00.0");
    assertThat(p.gpu().subsystemVendor()).isEqualTo("1028");
    assertThat(p.gpu().subsystemDevice()).isEqualTo("07be");
    assertThat(p.gpu().rootPort()).isEqualTo("00:01.0");
    assertThat(p.gpu().rootPortHotplug()).isFalse();
    assertThat(p.machine()).isEqualTo("q35");
    assertThat(p.memoryMib()).isEqualTo(4096);
    assertThat(p.cpus()).isEqualTo(4);
    assertThat(p.vgpu().type()).isEqualTo("i915-GVTg_V5_4");
    assertThat(p.vgpu().parent()).isEqualTo("0000:00:02.0");
    assertThat(r.notes()).contains("OVMF /usr/share/OVMF/OVMF_CODE_4M.fd (found)");
    assertThat(p.firmware().code()).isEqualTo("/usr/share/OVMF/OVMF_CODE_4M.fd");
    assertThat(p.firmware().varsTemplate()).isEqualTo("/usr/share/OVMF/OVMF_VARS_4M.fd");
    assertThat(r.notes())
        .anyMatch(n -> n.contains("does not exist yet: create it with 'gvt create --type"));
    // the same inputs give the same UUID
    assertThat(VmInit.init(HostRoot.demo(), opts(null, null)).profile().vgpu().uuid())
        .isEqualTo(p.vgpu().uuid());
  }

  @Test
  void gvtTypeAndGpuOptions() {
    VmProfile p = VmInit.init(HostRoot.demo(), opts("01:00.0", "i915-GVTg_V5_8")).profile();
    assertThat(p.vgpu().type()).isEqualTo("i915-GVTg_V5_8");
    MuxlessException e =
        (MuxlessException)
            org.assertj.core.api.Assertions.catchThrowable(
                () -> VmInit.init(HostRoot.demo(), opts(null, "i915-GVTg_V5_1")));
    assertThat(e.getMessage()).isEqualTo("--gvt-type i915-GVTg_V5_1: the iGPU offers no such type");
    assertThat(e.hint()).isEqualTo("offered: i915-GVTg_V5_4, i915-GVTg_V5_8");
    assertThatThrownBy(() -> VmInit.init(HostRoot.demo(), opts("00:14.0", null)))
        .hasMessage("--gpu 00:14.0: USB controller is not a GPU");
    assertThatThrownBy(() -> VmInit.init(HostRoot.demo(), opts("05:00.0", null)))
        .hasMessage("--gpu 05:00.0: no such PCI device on host demo");
  }

  @Test
  void ovmfIsFoundWhereTheDistributionPutsIt() {
    Path root = dir.resolve("fedora");
    TreeFixture.parse(
            DemoHost.text().replaceAll("(?m)^r usr/share/OVMF/.*$", "")
                + "\nf usr/share/edk2/ovmf/OVMF_CODE.fd x\nf usr/share/edk2/ovmf/OVMF_VARS.fd x\n",
            "f")
        .materialize(root);
    VmProfile p = VmInit.init(HostRoot.of(root), opts(null, null)).profile();
    assertThat(p.firmware().code()).isEqualTo("/usr/share/edk2/ovmf/OVMF_CODE.fd");
    assertThat(p.firmware().varsTemplate()).isEqualTo("/usr/share/edk2/ovmf/OVMF_VARS.fd");
    assertThat(p.firmware().vars()).isEqualTo("t_VARS.fd");
  }

  @Test
  void sleepingGpuAndNoGpuAreEnvironmentErrors() {
    Path root = dir.resolve("asleep");
    TreeFixture.parse(
            DemoHost.text()
                .replace("driver=nvidia group=1", "driver=nvidia group=1 config=sleeping"),
            "a")
        .materialize(root);
    MuxlessException e =
        (MuxlessException)
            org.assertj.core.api.Assertions.catchThrowable(
                () -> VmInit.init(HostRoot.of(root), opts("01:00.0", null)));
    assertThat(e.status()).isEqualTo(ExitStatus.ENVIRONMENT);
    assertThat(e.getMessage()).startsWith("0000:01:00.0: subsystem IDs are unreadable");

    Path none = dir.resolve("none");
    TreeFixture.parse(DemoHost.text().replace("class=0x030200", "class=0x038000"), "n")
        .materialize(none);
    assertThatThrownBy(() -> VmInit.init(HostRoot.of(none), opts(null, null)))
        .hasMessageStartingWith("no muxless NVIDIA GPU (3D controller) on host ");
  }
}
