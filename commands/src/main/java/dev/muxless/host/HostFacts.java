package dev.muxless.host;

import java.util.List;
import java.util.Set;

/** What the checks read once: CPU, command line, modules, PCI devices. */
record HostFacts(
    HostRoot host,
    String cpuVendor,
    Set<String> cpuFlags,
    KernelCmdline cmdline,
    KernelModules modules,
    List<PciDevice> devices) {

  static HostFacts read(HostRoot host) {
    String cpuinfo = host.read("/proc/cpuinfo").orElse("");
    String vendor = "";
    Set<String> flags = Set.of();
    for (String line : cpuinfo.split("\n")) {
      int c = line.indexOf(':');
      if (c < 0) {
        continue;
      }
      String k = line.substring(0, c).trim();
      String v = line.substring(c + 1).trim();
      if (k.equals("vendor_id") && vendor.isEmpty()) {
        vendor = v;
      } else if (k.equals("flags") && flags.isEmpty()) {
        flags = Set.of(v.split("\\s+"));
      }
    }
    return new HostFacts(
        host,
        vendor,
        flags,
        KernelCmdline.read(host),
        new KernelModules(host),
        new PciBus(host).devices());
  }

  boolean intelCpu() {
    return cpuVendor.equals("GenuineIntel");
  }

  boolean amdCpu() {
    return cpuVendor.equals("AuthenticAMD");
  }

  /** The Intel integrated GPU (00:02.0 by convention), if any. */
  java.util.Optional<PciDevice> intelIgpu() {
    return devices.stream()
        .filter(d -> d.isDisplay() && d.vendor().equals(PciDevice.INTEL) && d.address().bus() == 0)
        .findFirst();
  }

  /** The NVIDIA GPU muxless is about: a 3D controller first, else any NVIDIA display device. */
  java.util.Optional<PciDevice> nvidiaGpu() {
    return devices.stream()
        .filter(PciDevice::isMuxlessNvidia)
        .findFirst()
        .or(
            () ->
                devices.stream()
                    .filter(d -> d.isDisplay() && d.vendor().equals(PciDevice.NVIDIA))
                    .findFirst());
  }
}
