package dev.muxless.kb;

import dev.muxless.host.GpuInventory;
import dev.muxless.host.HostRoot;
import dev.muxless.host.PciBus;
import dev.muxless.host.PciDevice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The facts setup validate and troubleshoot check requirements against: one method per fact, read
 * through the {@link HostRoot} seam and from a VM profile. Host facts are read directly today; at
 * merge they are meant to come from the host area's {@code HostCheck}, {@code IommuGroups} and
 * {@code Gvt}, the ROM facts from {@code RomParser} and the table facts from the acpi area's
 * reader, each swap touching one method here.
 */
public final class FactCollector {
  /** Where distributions install QEMU and OVMF (Debian, Fedora, Arch). */
  static final List<String> QEMU_PATHS =
      List.of(
          "/usr/bin/qemu-system-x86_64",
          "/usr/local/bin/qemu-system-x86_64",
          "/usr/libexec/qemu-kvm");

  static final List<String> OVMF_PATHS =
      List.of(
          "/usr/share/OVMF/OVMF_CODE_4M.fd",
          "/usr/share/OVMF/OVMF_CODE.fd",
          "/usr/share/edk2/ovmf/OVMF_CODE.fd",
          "/usr/share/edk2/x64/OVMF_CODE.fd",
          "/usr/share/edk2-ovmf/x64/OVMF_CODE.fd",
          "/usr/share/qemu/OVMF.fd");

  private final HostRoot host;
  private final VmProfile profile;
  private List<PciDevice> devices;

  public FactCollector(HostRoot host, VmProfile profile) {
    this.host = host;
    this.profile = profile;
  }

  public HostRoot host() {
    return host;
  }

  private List<PciDevice> devices() {
    if (devices == null) {
      devices = new PciBus(host).devices();
    }
    return devices;
  }

  /** vmx or svm in /proc/cpuinfo; empty when cpuinfo is unreadable. */
  public Optional<Boolean> cpuVirtualization() {
    return host.read("/proc/cpuinfo")
        .map(
            c ->
                c.lines()
                    .filter(l -> l.startsWith("flags"))
                    .anyMatch(l -> l.matches(".*\\b(vmx|svm)\\b.*")));
  }

  public boolean kvmDevice() {
    return host.exists("/dev/kvm");
  }

  /** The IOMMU units (dmar0, ivhd0...) in /sys/class/iommu. */
  public List<String> iommuUnits() {
    return host.list("/sys/class/iommu");
  }

  /** The IOMMU groups in /sys/kernel/iommu_groups. */
  public List<String> iommuGroups() {
    return host.list("/sys/kernel/iommu_groups");
  }

  public Optional<String> cmdline() {
    return host.read("/proc/cmdline");
  }

  /** Loaded modules (/proc/modules) plus built-in ones (/sys/module), with '-' as '_'. */
  public Set<String> modules() {
    Set<String> out = new LinkedHashSet<>();
    host.read("/proc/modules")
        .ifPresent(
            t -> t.lines().map(l -> l.split(" ")[0]).filter(s -> !s.isBlank()).forEach(out::add));
    out.addAll(host.list("/sys/module"));
    return out;
  }

  /** The first NVIDIA 3D controller (the muxless GPU). */
  public Optional<PciDevice> muxlessGpu() {
    return devices().stream().filter(PciDevice::isMuxlessNvidia).findFirst();
  }

  /** How many display-class devices the host has. */
  public int gpuCount() {
    return GpuInventory.list(host).size();
  }

  /** The other members of the muxless GPU's IOMMU group. */
  public List<PciDevice> gpuGroupPeers() {
    Optional<PciDevice> gpu = muxlessGpu();
    if (gpu.isEmpty() || gpu.get().iommuGroup() == null) {
      return List.of();
    }
    int g = gpu.get().iommuGroup();
    return devices().stream()
        .filter(d -> d.iommuGroup() != null && d.iommuGroup() == g)
        .filter(d -> !d.address().equals(gpu.get().address()))
        .toList();
  }

  /** i915's enable_gvt parameter (Y/N), when the module is there. */
  public Optional<String> gvtParameter() {
    return host.read("/sys/module/i915/parameters/enable_gvt");
  }

  /** GVT-g mdev type ids offered by any device (/sys/class/mdev_bus/<dev>/mdev_supported_types). */
  public List<String> mdevTypes() {
    List<String> out = new ArrayList<>();
    for (String dev : host.list("/sys/class/mdev_bus")) {
      out.addAll(host.list("/sys/class/mdev_bus/" + dev + "/mdev_supported_types"));
    }
    return out;
  }

  public Optional<String> qemuBinary() {
    return QEMU_PATHS.stream().filter(host::exists).findFirst();
  }

  public Optional<String> ovmfFirmware() {
    return OVMF_PATHS.stream().filter(host::exists).findFirst();
  }

  public Optional<VmProfile> profile() {
    return Optional.ofNullable(profile);
  }

  /** The profile's VBIOS file (romfile or fw_cfg), resolved against the profile's directory. */
  public Optional<Path> vbiosPath() {
    return profile().flatMap(p -> p.vbiosFile().map(p::resolve));
  }

  /** The VBIOS parsed, when the profile names one that exists. */
  public Optional<RomImage> vbios() {
    return vbiosPath().filter(Files::isRegularFile).map(RomImage::read);
  }

  /** Every -acpitable file of the profile that exists, read. */
  public List<AcpiTable> acpiTables() {
    if (profile == null) {
      return List.of();
    }
    return profile.acpiTables().stream()
        .map(profile::resolve)
        .filter(Files::isRegularFile)
        .map(AcpiTable::read)
        .toList();
  }
}
