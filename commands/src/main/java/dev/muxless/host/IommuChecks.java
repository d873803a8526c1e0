package dev.muxless.host;

import dev.muxless.core.CheckStep;
import java.util.List;

/** The IOMMU steps of {@code host check}: active units, kernel parameters, the igfx_off trap. */
final class IommuChecks {
  private IommuChecks() {}

  static List<CheckStep> steps(HostFacts f) {
    List<String> units = f.host().list("/sys/class/iommu");
    return List.of(active(f, units), cmdline(f, units), passthrough(f), igfxOff(f));
  }

  static String param(HostFacts f) {
    return f.amdCpu() ? "amd_iommu=on" : "intel_iommu=on";
  }

  static CheckStep active(HostFacts f, List<String> units) {
    if (!units.isEmpty()) {
      return CheckStep.pass(
          "iommu-active",
          units.size()
              + (units.size() == 1 ? " IOMMU unit" : " IOMMU units")
              + " ("
              + String.join(", ", units)
              + ")");
    }
    return CheckStep.fail(
        "iommu-active",
        "no IOMMU units under /sys/class/iommu: the IOMMU is off",
        "enable VT-d / AMD-Vi in the firmware setup and add "
            + param(f)
            + " to the kernel command line (see 'vfio persist')");
  }

  static CheckStep cmdline(HostFacts f, List<String> units) {
    String id = "iommu-cmdline";
    KernelCmdline c = f.cmdline();
    if (c.isEmpty()) {
      return CheckStep.skip(id, "cannot read /proc/cmdline");
    }
    if (f.amdCpu()) {
      if (c.options("amd_iommu").contains("off")) {
        return CheckStep.fail(
            id, "amd_iommu=off on the kernel command line", "remove amd_iommu=off");
      }
      return CheckStep.pass(id, "AMD-Vi is on by default; amd_iommu is not turned off");
    }
    List<String> o = c.options("intel_iommu");
    if (o.contains("off")) {
      return CheckStep.fail(
          id, "intel_iommu=off on the kernel command line", "replace it with intel_iommu=on");
    }
    if (o.contains("on")) {
      return CheckStep.pass(id, "intel_iommu=on is set");
    }
    if (!units.isEmpty()) {
      return CheckStep.warn(
          id,
          "intel_iommu=on is not set; the IOMMU is on by kernel default (CONFIG_INTEL_IOMMU_DEFAULT_ON), which a kernel update may change",
          "add intel_iommu=on to the kernel command line");
    }
    return CheckStep.fail(
        id,
        "intel_iommu=on is not on the kernel command line",
        "add intel_iommu=on to the kernel command line");
  }

  static CheckStep passthrough(HostFacts f) {
    String id = "iommu-pt";
    if (f.cmdline().isEmpty()) {
      return CheckStep.skip(id, "cannot read /proc/cmdline");
    }
    if (f.cmdline().value("iommu").map("pt"::equals).orElse(false)) {
      return CheckStep.pass(id, "iommu=pt: host devices skip IOMMU translation");
    }
    return CheckStep.warn(
        id,
        "iommu=pt is not set: every host device's DMA goes through IOMMU translation",
        "add iommu=pt to the kernel command line");
  }

  /**
   * intel_iommu=igfx_off leaves the iGPU outside the IOMMU, so it has no group and GVT-g can't give
   * it to a guest (MobilePassThrough requirements.sh; known-problems.md #34).
   */
  static CheckStep igfxOff(HostFacts f) {
    String id = "igfx-off";
    boolean off = f.cmdline().options("intel_iommu").contains("igfx_off");
    var igpu = f.intelIgpu();
    if (off) {
      return igpu.isPresent()
          ? CheckStep.fail(
              id,
              "intel_iommu=igfx_off: the iGPU "
                  + igpu.get().address()
                  + " gets no IOMMU group, so no GVT-g vGPU for the guest",
              "use intel_iommu=on without igfx_off")
          : CheckStep.warn(
              id, "intel_iommu=igfx_off is set (no Intel iGPU found)", "drop igfx_off");
    }
    if (igpu.isPresent()
        && igpu.get().iommuGroup() == null
        && !f.host().list("/sys/class/iommu").isEmpty()) {
      return CheckStep.fail(
          id,
          "the iGPU " + igpu.get().address() + " has no IOMMU group although the IOMMU is on",
          "check the firmware's DMAR table and that intel_iommu has no igfx_off");
    }
    return CheckStep.pass(
        id,
        "igfx_off is not set"
            + igpu.filter(g -> g.iommuGroup() != null)
                .map(g -> "; iGPU " + g.address() + " is in IOMMU group " + g.iommuGroup())
                .orElse(""));
  }
}
