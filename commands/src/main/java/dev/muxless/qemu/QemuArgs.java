package dev.muxless.qemu;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the qemu argument list for a profile: a value (binary first), never a shell string. The
 * layout follows the origin notes (q35, OVMF, GVT-g vGPU primary, NVIDIA with subsystem IDs and
 * romfile) and docs/acpi-rom.md: the GPU at function 0 behind a pcie-root-port at 00:01.0 with
 * {@code hotplug=off} (so QEMU describes it as {@code \_SB.PCI0.S08.S00} without a slot _DSM), and
 * {@code -nodefaults} so q35's default e1000e does not take 00:02.0, where the vGPU goes.
 */
public final class QemuArgs {
  /** Guest slots on pcie.0: 01 root port, 02 vGPU (like the host iGPU), 03 NIC, 04.. disks. */
  static final int NIC_SLOT = 3;

  static final int FIRST_DISK_SLOT = 4;

  private QemuArgs() {}

  /** The full argv for a profile (paths as resolved by {@link ProfileReader#read}). */
  public static List<String> build(VmProfile p) {
    List<String> a = new ArrayList<>();
    a.add(p.qemuBinary());
    add(a, "-name", p.name());
    String accel = p.accel() == null ? "kvm" : p.accel();
    add(a, "-machine", (p.machine() == null ? "q35" : p.machine()) + ",accel=" + accel);
    add(a, "-cpu", p.cpu() != null ? p.cpu() : accel.equals("kvm") ? "host" : "max");
    add(a, "-m", String.valueOf(p.memoryMib()));
    add(a, "-smp", String.valueOf(p.cpus()));
    a.add("-nodefaults");
    a.add("-no-user-config");
    firmware(a, p.firmware());
    disks(a, p.disksOrEmpty());
    if (p.vgpu() != null) {
      vgpu(a, p.vgpu());
    }
    if (p.gpu() != null) {
      gpu(a, p.gpu());
    }
    for (String t : p.acpiTablesOrEmpty()) {
      add(a, "-acpitable", "file=" + opt(t));
    }
    if (p.kernel() != null) {
      add(a, "-kernel", p.kernel().kernel());
      if (p.kernel().initrd() != null) {
        add(a, "-initrd", p.kernel().initrd());
      }
      if (p.kernel().cmdline() != null) {
        add(a, "-append", p.kernel().cmdline());
      }
    }
    display(a, p.display(), p.vgpu() != null && p.vgpu().displayOn());
    network(a, p.network());
    return List.copyOf(a);
  }

  /**
   * The argv {@code vm start} runs: the profile's, plus two QMP monitors (one for commands, one for
   * watching events, so a watcher never blocks {@code vm stop}) and a pid file, all in the VM's
   * private runtime directory.
   */
  public static List<String> forLaunch(VmProfile p, VmRuntime rt) {
    List<String> a = new ArrayList<>(build(p));
    add(
        a,
        "-chardev",
        "socket,id=qmp,path=" + opt(rt.qmpSocket().toString()) + ",server=on,wait=off");
    add(a, "-mon", "chardev=qmp,mode=control");
    add(
        a,
        "-chardev",
        "socket,id=qmpev,path=" + opt(rt.eventSocket().toString()) + ",server=on,wait=off");
    add(a, "-mon", "chardev=qmpev,mode=control");
    add(a, "-pidfile", rt.pidFile().toString());
    return List.copyOf(a);
  }

  private static void firmware(List<String> a, VmProfile.Firmware fw) {
    if (!fw.isOvmf()) {
      return; // SeaBIOS is qemu's built-in default
    }
    add(a, "-drive", "if=pflash,format=raw,unit=0,readonly=on,file=" + opt(fw.code()));
    add(a, "-drive", "if=pflash,format=raw,unit=1,file=" + opt(fw.vars()));
  }

  private static void disks(List<String> a, List<VmProfile.Disk> disks) {
    for (int i = 0; i < disks.size(); i++) {
      VmProfile.Disk d = disks.get(i);
      String id = "disk" + i;
      String fmt = d.format() == null ? "qcow2" : d.format();
      add(a, "-drive", "file=" + opt(d.file()) + ",format=" + fmt + ",if=none,id=" + id);
      if ("sata".equals(d.bus())) {
        add(a, "-device", "ide-hd,drive=" + id + ",bus=ide." + i);
      } else {
        add(
            a,
            "-device",
            "virtio-blk-pci,drive=" + id + ",bus=pcie.0,addr=" + hex(FIRST_DISK_SLOT + i));
      }
    }
  }

  /**
   * The GVT-g vGPU at 00:02.0 as primary display: {@code display=on} exports its framebuffer as a
   * dmabuf, {@code x-igd-opregion=on} gives the guest driver its OpRegion; {@code ramfb} (firmware
   * output before the guest driver loads) only exists on {@code vfio-pci-nohotplug}.
   */
  private static void vgpu(List<String> a, VmProfile.Vgpu v) {
    StringBuilder d = new StringBuilder(v.ramfbOn() ? "vfio-pci-nohotplug" : "vfio-pci");
    d.append(",id=vgpu0,sysfsdev=/sys/bus/mdev/devices/").append(v.uuid().toLowerCase());
    d.append(",bus=pcie.0,addr=0x2");
    d.append(",display=").append(v.displayOn() ? "on" : "off");
    if (v.opregionOn()) {
      d.append(",x-igd-opregion=on");
    }
    if (v.ramfbOn()) {
      d.append(",ramfb=on");
    }
    add(a, "-device", d.toString());
  }

  private static void gpu(List<String> a, VmProfile.GpuPassthrough g) {
    int[] slot = slotFunction(g.rootPortOrDefault());
    add(
        a,
        "-device",
        "pcie-root-port,id=rp1,bus=pcie.0,addr="
            + hex(slot[0])
            + (slot[1] == 0 ? "" : "." + slot[1])
            + ",chassis=1,port="
            + hex(slot[0] << 3 | slot[1])
            + ",hotplug="
            + (g.hotplugOn() ? "on" : "off"));
    StringBuilder d = new StringBuilder("vfio-pci,id=gpu0,host=");
    d.append(dev.muxless.host.PciAddress.parse(g.host()));
    d.append(",bus=rp1,addr=0x0");
    d.append(",x-pci-sub-vendor-id=0x").append(g.subsystemVendor().toLowerCase());
    d.append(",x-pci-sub-device-id=0x").append(g.subsystemDevice().toLowerCase());
    if (g.romfile() != null) {
      d.append(",romfile=").append(opt(g.romfile()));
    }
    add(a, "-device", d.toString());
  }

  private static void display(List<String> a, VmProfile.Display d, boolean vgpuDisplay) {
    add(a, "-display", "none");
    if (d == null || d.type().equals("none")) {
      return;
    }
    String listen = d.listen();
    boolean unix = listen.startsWith("unix:");
    if (d.type().equals("spice")) {
      boolean gl = spiceGlFor(d, vgpuDisplay);
      String s =
          unix
              ? "unix=on,addr=" + opt(listen.substring(5))
              : "addr=" + host(listen) + ",port=" + port(listen);
      add(a, "-spice", s + ",disable-ticketing=on" + (gl ? ",gl=on" : ""));
    } else {
      add(a, "-vnc", unix ? listen : host(listen) + ":" + (port(listen) - 5900));
    }
  }

  /** Whether the profile's SPICE display uses OpenGL (see {@link #spiceGlFor}). */
  public static boolean spiceGl(VmProfile p) {
    return p.display() != null
        && p.display().type().equals("spice")
        && spiceGlFor(p.display(), p.vgpu() != null && p.vgpu().displayOn());
  }

  /**
   * dmabuf from the vGPU needs gl=on, which spice only offers on a local (unix) socket; so it is on
   * by default exactly then, unless the profile says otherwise.
   */
  static boolean spiceGlFor(VmProfile.Display d, boolean vgpuDisplay) {
    return d.gl() != null ? d.gl() : vgpuDisplay && d.listen().startsWith("unix:");
  }

  private static void network(List<String> a, VmProfile.Network n) {
    if (n == null || "none".equals(n.type())) {
      return;
    }
    String model = n.model() == null ? "virtio-net-pci" : n.model();
    add(a, "-netdev", "user,id=net0");
    add(a, "-device", model + ",netdev=net0,bus=pcie.0,addr=" + hex(NIC_SLOT));
  }

  /**
   * A value inside a qemu option list ({@code file=...,name=...}): a comma is written twice
   * (QemuOpts escaping). Every option value muxless builds from a path goes through here.
   */
  public static String opt(String v) {
    return v.replace(",", ",,");
  }

  private static String host(String listen) {
    return listen.substring(0, listen.lastIndexOf(':'));
  }

  private static int port(String listen) {
    return Integer.parseInt(listen.substring(listen.lastIndexOf(':') + 1));
  }

  private static int[] slotFunction(String pci) {
    var addr = dev.muxless.host.PciAddress.parse(pci);
    return new int[] {addr.device(), addr.function()};
  }

  private static String hex(int v) {
    return "0x" + Integer.toHexString(v);
  }

  private static void add(List<String> a, String option, String value) {
    a.add(option);
    a.add(value);
  }
}
