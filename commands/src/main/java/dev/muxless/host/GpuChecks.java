package dev.muxless.host;

import dev.muxless.core.CheckStep;
import dev.muxless.vfio.IommuGroup;
import dev.muxless.vfio.IommuGroups;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The GPU steps of {@code host check}: which GPUs, mux verdict, IDs, group, driver, reset. */
final class GpuChecks {
  private GpuChecks() {}

  static List<CheckStep> steps(HostFacts f) {
    List<PciDevice> gpus = f.devices().stream().filter(PciDevice::isDisplay).toList();
    Optional<PciDevice> nv = f.nvidiaGpu();
    List<CheckStep> out = new ArrayList<>();
    out.add(gpus(gpus, nv));
    if (nv.isEmpty()) {
      for (String id :
          List.of("gpu-mux", "gpu-subsystem", "gpu-group", "gpu-driver", "gpu-reset")) {
        out.add(CheckStep.skip(id, "no NVIDIA GPU"));
      }
      return out;
    }
    PciDevice g = nv.get();
    out.add(mux(g));
    out.add(subsystem(f.host(), g));
    out.add(group(f.host(), g));
    out.add(driver(f, g));
    out.add(reset(g));
    return out;
  }

  static CheckStep gpus(List<PciDevice> gpus, Optional<PciDevice> nv) {
    List<String> parts = new ArrayList<>();
    for (PciDevice d : gpus) {
      parts.add(
          d.address()
              + " "
              + d.vendorName()
              + " "
              + d.className()
              + " ("
              + (d.driver() == null ? "no driver" : d.driver())
              + (d.bootVga() ? ", boot display" : "")
              + ")");
    }
    if (nv.isEmpty()) {
      return CheckStep.fail(
          "gpus",
          gpus.isEmpty()
              ? "no display-class PCI devices"
              : "no NVIDIA GPU among " + String.join("; ", parts),
          "a sleeping or disabled dGPU may be hidden: enable it in the firmware setup (hybrid graphics)");
    }
    return CheckStep.pass("gpus", String.join("; ", parts));
  }

  static CheckStep mux(PciDevice g) {
    if (g.isMuxlessNvidia()) {
      return CheckStep.pass(
          "gpu-mux",
          g.address()
              + " is a 3D controller: a muxless Optimus GPU without display outputs, this toolkit's"
              + " path (VBIOS via ACPI _ROM, subsystem IDs, a GVT-g or remote display)");
    }
    return CheckStep.warn(
        "gpu-mux",
        g.address()
            + " is a VGA controller: an MXM or muxed GPU with display outputs. It differs: the card"
            + " can drive a monitor, its VBIOS is read from the card (nvflash, sysfs rom), and no"
            + " ACPI _ROM table or fake battery is needed",
        "follow an MXM passthrough guide (Misairu-G's Optimus laptop guide); muxless's ACPI steps"
            + " are optional there");
  }

  /**
   * The subsystem IDs qemu must copy into the guest (x-pci-sub-vendor-id, x-pci-sub-device-id) come
   * from config space; a GPU in D3cold reads all ones there (header type 0x7f).
   */
  static CheckStep subsystem(HostRoot host, PciDevice g) {
    Optional<byte[]> cfg = new PciBus(host).configHeader(g.address());
    String sv = g.subsystemVendor();
    String sd = g.subsystemDevice();
    if (cfg.isPresent()) {
      byte[] c = cfg.get();
      int vendor = (c[0] & 0xff) | (c[1] & 0xff) << 8;
      // lspci masks the multi-function bit: all ones shows as header type 0x7f
      int header = c[0x0e] & 0x7f;
      if (vendor == 0xffff || header == 0x7f) {
        return CheckStep.fail(
            "gpu-subsystem",
            g.address()
                + " config space reads all ones (vendor ffff, header type 0x"
                + Integer.toHexString(header)
                + "): the GPU is asleep (D3cold), so its subsystem IDs can't be read",
            "wake it: echo on > /sys/bus/pci/devices/"
                + g.address()
                + "/power/control, then re-run");
      }
      sv = String.format("%04x", (c[0x2c] & 0xff) | (c[0x2d] & 0xff) << 8);
      sd = String.format("%04x", (c[0x2e] & 0xff) | (c[0x2f] & 0xff) << 8);
    }
    if (sv == null || sd == null) {
      return CheckStep.skip("gpu-subsystem", "cannot read the subsystem IDs of " + g.address());
    }
    if (sv.equals("0000") && sd.equals("0000")) {
      return CheckStep.warn(
          "gpu-subsystem",
          g.address() + " has subsystem 0000:0000: the guest driver can't match the laptop",
          "find the IDs from the laptop's VBIOS or lspci on another boot");
    }
    return CheckStep.pass(
        "gpu-subsystem",
        "subsystem "
            + sv
            + ":"
            + sd
            + " (qemu: x-pci-sub-vendor-id=0x"
            + sv
            + ",x-pci-sub-device-id=0x"
            + sd
            + ")");
  }

  static CheckStep group(HostRoot host, PciDevice g) {
    if (g.iommuGroup() == null) {
      return CheckStep.fail(
          "gpu-group", g.address() + " has no IOMMU group", "turn the IOMMU on (see iommu-active)");
    }
    Optional<IommuGroup> grp = IommuGroups.of(host, g.address());
    if (grp.isEmpty()) {
      return CheckStep.fail(
          "gpu-group",
          "IOMMU group " + g.iommuGroup() + " is not readable",
          "check /sys/kernel/iommu_groups");
    }
    IommuGroup gr = grp.get();
    List<String> members =
        gr.devices().stream().map(d -> d.address() + " " + d.className()).toList();
    String msg = "group " + gr.number() + " [" + String.join(", ", members) + "]: " + gr.verdict();
    if (gr.viable()) {
      return CheckStep.pass("gpu-group", msg);
    }
    return CheckStep.fail(
        "gpu-group",
        msg,
        "the GPU shares its group with other devices; pass them too (vfio bind names them) or move"
            + " the GPU to another slot; the ACS override patch breaks isolation and is not advised");
  }

  static CheckStep driver(HostFacts f, PciDevice g) {
    String d = g.driver();
    String bind = "./muxless vfio bind " + g.address() + " --apply";
    if (d == null) {
      return CheckStep.pass("gpu-driver", g.address() + " has no driver: free to bind to vfio-pci");
    }
    if (d.equals("vfio-pci")) {
      return CheckStep.pass("gpu-driver", g.address() + " is bound to vfio-pci");
    }
    String users =
        switch (d) {
          case "nvidia" -> {
            List<String> mods = new ArrayList<>();
            for (String m : List.of("nvidia_drm", "nvidia_modeset", "nvidia_uvm")) {
              if (f.modules().loaded(m)) {
                mods.add(m);
              }
            }
            yield "stop what holds /dev/nvidia* (a PRIME display server, nvidia-persistenced, CUDA jobs)"
                + (mods.isEmpty() ? "" : "; modules stacked on it: " + String.join(", ", mods));
          }
          case "nouveau" ->
              "stop what renders on it (PRIME offload clients, the display server's use of it)";
          default -> "stop what uses it";
        };
    return CheckStep.warn(
        "gpu-driver", g.address() + " is bound to " + d + "; to release it: " + users, bind);
  }

  static CheckStep reset(PciDevice g) {
    String m = g.resetMethod();
    if (m != null && !m.isBlank()) {
      return CheckStep.pass("gpu-reset", g.address() + " reset methods: " + m);
    }
    return CheckStep.warn(
        "gpu-reset",
        g.address()
            + " reports no reset method: a VM may hang at shutdown and the GPU stay unusable until the host reboots",
        "pass the GPU once per host boot; a parent bus reset needs the GPU alone below its root port");
  }
}
