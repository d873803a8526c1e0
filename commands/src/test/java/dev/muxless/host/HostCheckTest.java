package dev.muxless.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.muxless.core.CheckReport;
import dev.muxless.core.CheckStatus;
import dev.muxless.core.CheckStep;
import dev.muxless.core.ExitStatus;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostCheckTest {
  static final List<String> IDS =
      List.of(
          "cpu-virt",
          "kvm-device",
          "iommu-active",
          "iommu-cmdline",
          "iommu-pt",
          "igfx-off",
          "gpus",
          "gpu-mux",
          "gpu-subsystem",
          "gpu-group",
          "gpu-driver",
          "gpu-reset",
          "vfio-modules",
          "gvt-i915",
          "gvt-kvmgt",
          "gvt-types",
          "qemu",
          "ovmf");

  @TempDir Path tmp;

  static CheckStep step(CheckReport r, String id) {
    return r.steps().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void demoLaptopIsReadyExceptTheNvidiaDriver() {
    CheckReport r = HostCheck.run(Hosts.fixture("demo", tmp));
    assertThat(r.steps()).extracting(CheckStep::id).containsExactlyElementsOf(IDS);
    for (CheckStep s : r.steps()) {
      if (!s.id().equals("gpu-driver")) {
        assertThat(s.status()).as(s.id() + ": " + s.message()).isEqualTo(CheckStatus.PASS);
      }
    }
    CheckStep drv = step(r, "gpu-driver");
    assertThat(drv.status()).isEqualTo(CheckStatus.WARN);
    assertThat(drv.message())
        .contains("0000:01:00.0 is bound to nvidia", "nvidia_drm", "nvidia_modeset");
    assertThat(drv.fix()).isEqualTo("./muxless vfio bind 0000:01:00.0 --apply");
    assertThat(step(r, "iommu-active").message()).contains("2 IOMMU units (dmar0, dmar1)");
    assertThat(step(r, "gpu-mux").message()).contains("3D controller", "muxless");
    assertThat(step(r, "gpu-subsystem").message())
        .contains("subsystem 1028:07be", "x-pci-sub-vendor-id=0x1028");
    assertThat(step(r, "gpu-group").message())
        .contains("group 1 [0000:00:01.0 PCI bridge, 0000:01:00.0 3D controller]", "viable");
    assertThat(step(r, "gpu-reset").message()).contains("bus");
    assertThat(step(r, "gvt-types").message())
        .contains("i915-GVTg_V5_4 (1 left)", "i915-GVTg_V5_8 (2 left)");
    assertThat(step(r, "qemu").message())
        .isEqualTo("/usr/bin/qemu-system-x86_64 version 1:7.2+dfsg-7+deb12u7");
    assertThat(step(r, "ovmf").message()).contains("/usr/share/OVMF/OVMF_CODE_4M.fd", "2022.11");
    assertThat(r.exitStatus()).isEqualTo(ExitStatus.OK);
  }

  @Test
  void mxmLaptopIsNotMuxlessAndSaysWhatDiffers() {
    CheckReport r = HostCheck.run(Hosts.fixture("mxm-laptop", tmp));
    CheckStep mux = step(r, "gpu-mux");
    assertThat(mux.status()).isEqualTo(CheckStatus.WARN);
    assertThat(mux.message())
        .contains("0000:01:00.0 is a VGA controller", "display outputs", "no ACPI _ROM");
    assertThat(step(r, "gpu-group").status()).isEqualTo(CheckStatus.PASS);
    assertThat(step(r, "gpu-group").message()).contains("2 functions of slot 0000:01:00");
    assertThat(step(r, "gpu-driver").message()).contains("bound to nouveau");
  }

  @Test
  void sharedGroupFailsNamingTheOtherEndpoint() {
    CheckReport r = HostCheck.run(Hosts.fixture("shared-group", tmp));
    CheckStep g = step(r, "gpu-group");
    assertThat(g.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(g.message()).contains("0000:02:00.0", "not viable", "2 slots");
    assertThat(r.exitStatus()).isEqualTo(ExitStatus.PROBLEMS);
  }

  @Test
  void builtinVfioPciIsRecognisedAndPointsToTheKernelParameter() {
    CheckReport r = HostCheck.run(Hosts.fixture("vfio-builtin", tmp));
    CheckStep v = step(r, "vfio-modules");
    assertThat(v.status()).isEqualTo(CheckStatus.PASS);
    assertThat(v.message()).contains("built into the kernel", "vfio-pci.ids=");
    assertThat(step(r, "iommu-pt").status()).isEqualTo(CheckStatus.WARN);
    assertThat(step(r, "iommu-pt").fix()).isEqualTo("add iommu=pt to the kernel command line");
  }

  @Test
  void noIommuFailsWithTheExactSettings() {
    CheckReport r = HostCheck.run(Hosts.fixture("no-iommu", tmp));
    assertThat(step(r, "iommu-active").status()).isEqualTo(CheckStatus.FAIL);
    assertThat(step(r, "iommu-active").fix()).contains("intel_iommu=on");
    assertThat(step(r, "iommu-cmdline").status()).isEqualTo(CheckStatus.FAIL);
    assertThat(step(r, "gpu-group").status()).isEqualTo(CheckStatus.FAIL);
    assertThat(step(r, "gpu-group").message()).contains("0000:01:00.0 has no IOMMU group");
    assertThat(step(r, "gvt-i915").status()).isEqualTo(CheckStatus.FAIL);
    assertThat(step(r, "gvt-i915").message()).contains("enable_gvt is N");
    assertThat(step(r, "gvt-i915").fix()).contains("i915.enable_gvt=1");
    assertThat(step(r, "gvt-kvmgt").status()).isEqualTo(CheckStatus.FAIL);
    assertThat(r.exitStatus()).isEqualTo(ExitStatus.PROBLEMS);
  }

  @Test
  void exhaustedGvtWarnsAndNamesTheExistingVgpu() {
    CheckReport r = HostCheck.run(Hosts.fixture("gvt-exhausted", tmp));
    CheckStep t = step(r, "gvt-types");
    assertThat(t.status()).isEqualTo(CheckStatus.WARN);
    assertThat(t.message())
        .contains("i915-GVTg_V5_4 (0 left)", "5e3a0c1f-3f2b-4c8e-9d5a-7b1e2f3a4c5d");
    assertThat(t.fix()).contains("gvt remove 5e3a0c1f-3f2b-4c8e-9d5a-7b1e2f3a4c5d");
    assertThat(step(r, "gpu-driver").message()).contains("bound to vfio-pci");
    assertThat(step(r, "gpu-group").message()).contains("viable, bound to vfio-pci");
  }

  @Test
  void sleepingGpuReadsAllOnesWithHeaderType7f() {
    CheckReport r = HostCheck.run(Hosts.fixture("sleeping-gpu", tmp));
    CheckStep s = step(r, "gpu-subsystem");
    assertThat(s.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(s.message()).contains("reads all ones", "vendor ffff, header type 0x7f", "D3cold");
    assertThat(s.fix()).contains("/sys/bus/pci/devices/0000:01:00.0/power/control");
    assertThat(step(r, "gpus").status()).isEqualTo(CheckStatus.PASS);
    assertThat(step(r, "gpu-reset").status()).isEqualTo(CheckStatus.WARN);
  }

  @Test
  void igfxOffIsTheTrapThatLeavesTheIgpuWithoutAGroup() {
    HostRoot h = Hosts.fixture("demo", tmp);
    Hosts.put(h, "/proc/cmdline", "ro quiet intel_iommu=on,igfx_off iommu=pt\n");
    CheckReport r = HostCheck.run(h);
    CheckStep s = step(r, "igfx-off");
    assertThat(s.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(s.message()).contains("0000:00:02.0 gets no IOMMU group");
    assertThat(s.fix()).isEqualTo("use intel_iommu=on without igfx_off");
    assertThat(step(r, "iommu-cmdline").status()).isEqualTo(CheckStatus.PASS);
  }

  @Test
  void cpuWithoutVmxFails() {
    HostRoot h = Hosts.fixture("demo", tmp);
    Hosts.put(
        h, "/proc/cpuinfo", "vendor_id\t: GenuineIntel\nflags\t\t: fpu sse sse2 hypervisor\n");
    CheckStep s = step(HostCheck.run(h), "cpu-virt");
    assertThat(s.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(s.message()).contains("nested virtualization");
  }
}
