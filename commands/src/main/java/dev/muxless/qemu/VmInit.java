package dev.muxless.qemu;

import dev.muxless.core.MuxlessException;
import dev.muxless.host.HostRoot;
import dev.muxless.host.PciAddress;
import dev.muxless.host.PciBus;
import dev.muxless.host.PciDevice;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Writes a profile for this host: the facts read through the host root (the GPU's subsystem IDs
 * from sysfs, the vGPU, OVMF where the distribution put it) and the defaults the issue names: q35,
 * 4 GiB, 4 CPUs, the GPU at guest 01:00.0 behind a root port at 00:01.0 with hotplug off, SPICE on
 * a unix socket next to the profile, user networking.
 */
public final class VmInit {
  /** What the user chose; null means "find it". */
  public record Options(
      String name,
      String gpu,
      String gvtType,
      String rom,
      List<String> acpiTables,
      String kernel,
      String initrd,
      String cmdline) {}

  /** The profile and what {@code vm init} decided or could not find, in words. */
  public record Result(VmProfile profile, List<String> notes) {}

  private VmInit() {}

  public static Result init(HostRoot host, Options o) {
    List<String> notes = new ArrayList<>();
    PciBus bus = new PciBus(host);
    PciDevice gpu = gpu(host, bus, o.gpu());
    if (gpu.readsAsAllOnes()
        || bus.asleep(gpu.address())
        || gpu.subsystemVendor() == null
        || gpu.subsystemDevice() == null) {
      throw MuxlessException.environment(
          gpu.address() + ": subsystem IDs are unreadable (the GPU reads as all ones: asleep?)",
          "wake it (e.g. load its driver or 'setpci -s " + gpu.address() + " COMMAND') and rerun");
    }
    notes.add(
        "GPU "
            + gpu.address()
            + " "
            + gpu.vendor()
            + ":"
            + gpu.device()
            + ", subsystem "
            + gpu.subsystemVendor()
            + ":"
            + gpu.subsystemDevice()
            + " (from sysfs)");
    VmProfile.Vgpu vgpu = vgpu(host, o.name(), o.gvtType(), notes);
    VmProfile.Firmware fw = firmware(host, o.name(), notes);
    if (o.rom() == null) {
      notes.add("no --rom: add gpu.romfile (the VBIOS) before starting; see 'rom extract'");
    }
    List<String> tables = o.acpiTables() == null ? List.of() : List.copyOf(o.acpiTables());
    if (tables.isEmpty()) {
      notes.add("no --acpi-table: the guest gets no _ROM method or battery; see 'acpi rom-table'");
    }
    VmProfile.KernelBoot kernel = null;
    if (o.kernel() != null) {
      kernel = new VmProfile.KernelBoot(o.kernel(), o.initrd(), o.cmdline());
    } else {
      notes.add("no --kernel: OVMF boots from disk; add disks or kernel (docs/vm.md)");
    }
    VmProfile p =
        new VmProfile(
            o.name(),
            null,
            "q35",
            "kvm",
            "host",
            4096,
            4,
            fw,
            null,
            vgpu,
            new VmProfile.GpuPassthrough(
                gpu.address().toString(),
                gpu.subsystemVendor(),
                gpu.subsystemDevice(),
                o.rom(),
                "00:01.0",
                false),
            tables.isEmpty() ? null : tables,
            kernel,
            new VmProfile.Display("spice", "unix:" + o.name() + ".spice", null),
            new VmProfile.Network("user", "virtio-net-pci"));
    ProfileValidator.validate(p, "vm init");
    return new Result(p, notes);
  }

  static PciDevice gpu(HostRoot host, PciBus bus, String given) {
    if (given != null) {
      PciAddress a = PciAddress.parse(given);
      PciDevice d =
          bus.find(a)
              .orElseThrow(
                  () ->
                      MuxlessException.badInput(
                          "--gpu " + given + ": no such PCI device on host " + host.label(),
                          "see 'host gpus'"));
      if (!d.isDisplay()) {
        throw MuxlessException.badInput(
            "--gpu " + given + ": " + d.className() + " is not a GPU", "see 'host gpus'");
      }
      return d;
    }
    List<PciDevice> muxless = bus.devices().stream().filter(PciDevice::isMuxlessNvidia).toList();
    if (muxless.isEmpty()) {
      throw MuxlessException.environment(
          "no muxless NVIDIA GPU (3D controller) on host " + host.label(),
          "give one with --gpu ADDRESS (see 'host gpus')");
    }
    return muxless.get(0);
  }

  private static VmProfile.Vgpu vgpu(
      HostRoot host, String name, String wanted, List<String> notes) {
    Optional<VgpuFinder.Existing> have =
        VgpuFinder.existing(host).stream()
            .filter(v -> wanted == null || wanted.equals(v.type()))
            .findFirst();
    if (have.isPresent()) {
      VgpuFinder.Existing v = have.get();
      notes.add("vGPU " + v.uuid() + " (" + v.type() + ") exists: using it");
      return new VmProfile.Vgpu(v.uuid(), v.type(), v.parent(), true, true, true);
    }
    List<VgpuFinder.Type> types = VgpuFinder.types(host);
    VgpuFinder.Type t;
    if (wanted != null) {
      t =
          types.stream()
              .filter(x -> x.id().equals(wanted))
              .findFirst()
              .orElseThrow(
                  () ->
                      MuxlessException.badInput(
                          "--gvt-type " + wanted + ": the iGPU offers no such type",
                          "offered: "
                              + (types.isEmpty()
                                  ? "none (is i915.enable_gvt=1 set and kvmgt loaded?)"
                                  : String.join(
                                      ", ", types.stream().map(VgpuFinder.Type::id).toList()))));
    } else {
      t = types.stream().filter(x -> x.available() > 0).findFirst().orElse(null);
      if (t == null) {
        notes.add("no GVT-g type with free instances: the guest gets no vGPU (see 'host check')");
        return null;
      }
    }
    // the same host, name and type give the same UUID, so rerunning init does not drift
    String uuid =
        UUID.nameUUIDFromBytes(
                ("muxless:" + name + ":" + t.parent() + ":" + t.id())
                    .getBytes(StandardCharsets.UTF_8))
            .toString();
    notes.add(
        "vGPU "
            + uuid
            + " of type "
            + t.id()
            + " does not exist yet: create it with 'gvt create --type "
            + t.id()
            + " --uuid "
            + uuid
            + "' (as root)");
    return new VmProfile.Vgpu(uuid, t.id(), t.parent(), true, true, true);
  }

  private static VmProfile.Firmware firmware(HostRoot host, String name, List<String> notes) {
    Optional<OvmfLocator.Ovmf> found = OvmfLocator.find(host);
    OvmfLocator.Ovmf o = found.orElse(OvmfLocator.CANDIDATES.get(0));
    if (found.isPresent()) {
      notes.add("OVMF " + o.code() + " (found)");
    } else {
      notes.add("OVMF not found on host " + host.label() + ": wrote Debian's paths; install ovmf");
    }
    return new VmProfile.Firmware("ovmf", o.code(), name + "_VARS.fd", o.vars());
  }
}
