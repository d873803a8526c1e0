package dev.muxless.host;

import dev.muxless.core.CheckStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What the checks read once: CPU, command line, modules, PCI devices. Public so other areas ({@code
 * vfio persist}) take the same decisions as {@code host check} instead of re-deriving them.
 */
public record HostFacts(
    HostRoot host,
    String cpuVendor,
    Set<String> cpuFlags,
    KernelCmdline cmdline,
    KernelModules modules,
    List<PciDevice> devices) {

  public static HostFacts read(HostRoot host) {
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

  public boolean intelCpu() {
    return cpuVendor.equals("GenuineIntel");
  }

  public boolean amdCpu() {
    return cpuVendor.equals("AuthenticAMD");
  }

  /** The parameter that turns this CPU's IOMMU on: amd_iommu=on or intel_iommu=on. */
  public String iommuParameter() {
    return IommuChecks.param(this);
  }

  /**
   * The IOMMU parameters the running command line lacks, judged as host check's iommu-cmdline and
   * iommu-pt steps judge them (a step that does not pass, also when /proc/cmdline is unreadable,
   * means the parameter is missing).
   */
  public List<String> missingIommuParameters() {
    List<String> out = new ArrayList<>();
    if (IommuChecks.cmdline(this, host.list("/sys/class/iommu")).status() != CheckStatus.PASS) {
      out.add(iommuParameter());
    }
    if (IommuChecks.passthrough(this).status() != CheckStatus.PASS) {
      out.add("iommu=pt");
    }
    return out;
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
