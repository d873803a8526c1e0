package dev.muxless.host;

import dev.muxless.core.CheckReport;
import dev.muxless.core.CheckStep;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code host check}: is this host ready to pass its muxless GPU to a guest? Reads only, through
 * the host root. Steps come in a fixed order (cpu-virt, kvm-device, iommu-active, iommu-cmdline,
 * iommu-pt, igfx-off, gpus, gpu-mux, gpu-subsystem, gpu-group, gpu-driver, gpu-reset, vfio-modules,
 * gvt-i915, gvt-kvmgt, gvt-types, qemu, ovmf); each names what it found and the fix.
 */
public final class HostCheck {
  private HostCheck() {}

  public static CheckReport run(HostRoot host) {
    HostFacts f = HostFacts.read(host);
    List<CheckStep> steps = new ArrayList<>();
    steps.add(cpuVirt(f));
    steps.add(kvmDevice(host));
    steps.addAll(IommuChecks.steps(f));
    steps.addAll(GpuChecks.steps(f));
    steps.add(vfioModules(f));
    steps.addAll(GvtChecks.steps(f));
    steps.add(qemu(host));
    steps.add(ovmf(host));
    return new CheckReport(steps);
  }

  static CheckStep cpuVirt(HostFacts f) {
    String id = "cpu-virt";
    if (f.cpuFlags().isEmpty()) {
      return CheckStep.skip(id, "cannot read CPU flags from /proc/cpuinfo");
    }
    if (f.cpuFlags().contains("vmx")) {
      return CheckStep.pass(id, "Intel VT-x (vmx) available");
    }
    if (f.cpuFlags().contains("svm")) {
      return CheckStep.pass(id, "AMD-V (svm) available");
    }
    if (f.cpuFlags().contains("hypervisor")) {
      return CheckStep.fail(
          id,
          "no vmx/svm flag: this is a VM without nested virtualization",
          "enable nested virtualization on the outer hypervisor (kvm_intel nested=1)");
    }
    return CheckStep.fail(
        id,
        "no vmx/svm flag in /proc/cpuinfo: virtualization is off or unsupported",
        "enable Intel VT-x / AMD SVM in the firmware setup");
  }

  static CheckStep kvmDevice(HostRoot host) {
    String id = "kvm-device";
    if (!host.exists("/dev/kvm")) {
      return CheckStep.fail(
          id,
          "/dev/kvm is missing: the kvm module is not loaded",
          "modprobe kvm_intel (or kvm_amd)");
    }
    if (host.isReal() && !Files.isWritable(host.path("/dev/kvm"))) {
      return CheckStep.warn(
          id,
          "/dev/kvm exists but this user cannot open it",
          "sudo usermod -aG kvm $USER, then log in again");
    }
    return CheckStep.pass(id, "/dev/kvm present");
  }

  static CheckStep vfioModules(HostFacts f) {
    String id = "vfio-modules";
    KernelModules m = f.modules();
    if (m.builtin("vfio_pci")) {
      return CheckStep.pass(
          id,
          "vfio-pci is built into the kernel: /etc/modprobe.d options for it are ignored; use"
              + " the vfio-pci.ids= kernel parameter for boot-time binding");
    }
    if (m.loaded("vfio_pci")) {
      boolean type1 = m.loaded("vfio_iommu_type1") || m.builtin("vfio_iommu_type1");
      return type1
          ? CheckStep.pass(id, "vfio_pci and vfio_iommu_type1 loaded")
          : CheckStep.warn(
              id, "vfio_pci loaded but vfio_iommu_type1 is not", "modprobe vfio_iommu_type1");
    }
    return CheckStep.fail(
        id,
        "vfio-pci is neither loaded nor built in",
        "modprobe vfio-pci (and see 'vfio persist' for boot time)");
  }

  static CheckStep qemu(HostRoot host) {
    return HostTools.qemu(host)
        .map(
            q ->
                CheckStep.pass(
                    "qemu", q.path() + (q.version() == null ? "" : " version " + q.version())))
        .orElse(
            CheckStep.fail(
                "qemu",
                "qemu-system-x86_64 not found in /usr/bin, /usr/local/bin or /usr/libexec",
                "apt install qemu-system-x86 (dnf install qemu-kvm, pacman -S qemu-full)"));
  }

  static CheckStep ovmf(HostRoot host) {
    return HostTools.ovmf(host)
        .map(
            o ->
                CheckStep.pass(
                    "ovmf", o.path() + (o.version() == null ? "" : " version " + o.version())))
        .orElse(
            CheckStep.fail(
                "ovmf",
                "no OVMF (UEFI for the guest) under /usr/share/OVMF, /usr/share/edk2",
                "apt install ovmf (dnf install edk2-ovmf, pacman -S edk2-ovmf)"));
  }
}
