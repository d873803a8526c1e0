package dev.muxless.host;

import dev.muxless.core.CheckStep;
import dev.muxless.vfio.Gvt;
import dev.muxless.vfio.MdevType;
import dev.muxless.vfio.Vgpu;
import java.util.List;

/** The GVT-g steps of {@code host check}: i915 with enable_gvt, kvmgt, mdev types with room. */
final class GvtChecks {
  private GvtChecks() {}

  static List<CheckStep> steps(HostFacts f) {
    if (f.intelIgpu().isEmpty()) {
      return List.of(
          CheckStep.skip("gvt-i915", "no Intel iGPU: GVT-g does not apply"),
          CheckStep.skip("gvt-kvmgt", "no Intel iGPU"),
          CheckStep.skip("gvt-types", "no Intel iGPU"));
    }
    return List.of(i915(f), kvmgt(f), types(f));
  }

  static CheckStep i915(HostFacts f) {
    PciDevice igpu = f.intelIgpu().get();
    boolean param =
        f.modules()
            .parameter("i915", "enable_gvt")
            .map(v -> v.equals("Y") || v.equals("1"))
            .orElse(false);
    boolean cmd =
        f.cmdline().value("i915.enable_gvt").map(v -> v.equals("1") || v.equals("Y")).orElse(false);
    if (!"i915".equals(igpu.driver())) {
      return CheckStep.fail(
          "gvt-i915",
          "the iGPU "
              + igpu.address()
              + " is driven by "
              + (igpu.driver() == null ? "no driver" : igpu.driver())
              + ", not i915",
          "load i915 (modprobe i915)");
    }
    if (param) {
      return CheckStep.pass("gvt-i915", "i915 drives " + igpu.address() + " with enable_gvt=Y");
    }
    return CheckStep.fail(
        "gvt-i915",
        "i915 runs without GVT-g (enable_gvt is "
            + f.modules()
                .parameter("i915", "enable_gvt")
                .orElse(
                    "absent: i915 built without CONFIG_DRM_I915_GVT, or a GPU generation GVT-g does not support")
            + (cmd ? ", although i915.enable_gvt=1 is on the command line" : "")
            + ")",
        "add i915.enable_gvt=1 to the kernel command line (GVT-g covers Broadwell to Comet Lake)");
  }

  static CheckStep kvmgt(HostFacts f) {
    if (f.modules().loaded("kvmgt") || f.modules().builtin("kvmgt")) {
      return CheckStep.pass("gvt-kvmgt", "kvmgt loaded");
    }
    return CheckStep.fail(
        "gvt-kvmgt",
        "kvmgt is not loaded: i915 offers no vGPU types without it",
        "modprobe kvmgt; for boot: echo kvmgt > /etc/modules-load.d/kvmgt.conf");
  }

  static CheckStep types(HostFacts f) {
    List<MdevType> types = Gvt.types(f.host());
    if (types.isEmpty()) {
      return CheckStep.fail(
          "gvt-types",
          "no mdev_supported_types on the iGPU " + f.intelIgpu().get().address(),
          "fix gvt-i915 and gvt-kvmgt first");
    }
    int left = types.stream().mapToInt(MdevType::availableInstances).sum();
    String list =
        String.join(
            ", ",
            types.stream().map(t -> t.id() + " (" + t.availableInstances() + " left)").toList());
    if (left > 0) {
      return CheckStep.pass("gvt-types", list);
    }
    List<Vgpu> vgpus = Gvt.list(f.host());
    if (!vgpus.isEmpty()) {
      return CheckStep.warn(
          "gvt-types",
          list + "; existing vGPUs: " + String.join(", ", vgpus.stream().map(Vgpu::uuid).toList()),
          "reuse one of them, or free one with ./muxless gvt remove " + vgpus.get(0).uuid());
    }
    return CheckStep.fail(
        "gvt-types", list + ": no instances left", "reboot to free GVT-g resources");
  }
}
