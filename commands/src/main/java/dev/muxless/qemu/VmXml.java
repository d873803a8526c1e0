package dev.muxless.qemu;

import dev.muxless.host.PciAddress;

/**
 * The libvirt domain equivalent to {@link QemuArgs} (libvirt's formatdomain.html): the GPU as a
 * managed PCI hostdev with {@code <rom file=.../>} behind a pcie-root-port at 00:01.0 with hotplug
 * off, the vGPU as an mdev hostdev with display, and what libvirt has no element for through the
 * qemu namespace: the subsystem IDs and {@code x-igd-opregion} as {@code qemu:override} properties
 * of the devices (by user alias, "ua-" prefix) and the ACPI tables as {@code qemu:commandline}
 * {@code -acpitable} arguments (libvirt's own {@code <acpi><table>} only takes type "slic").
 */
public final class VmXml {
  static final String QEMU_NS = "http://libvirt.org/schemas/domain/qemu/1.0";

  private VmXml() {}

  public static String build(VmProfile p) {
    boolean kvm = p.accel() == null || p.accel().equals("kvm");
    X x = new X();
    x.open("domain type='" + (kvm ? "kvm" : "qemu") + "' xmlns:qemu='" + QEMU_NS + "'");
    x.text("name", p.name());
    x.line("<memory unit='MiB'>" + p.memoryMib() + "</memory>");
    x.text("vcpu", String.valueOf(p.cpus()));
    x.open("os");
    String machine = p.machine() == null ? "q35" : p.machine();
    x.line("<type arch='x86_64' machine='" + esc(machine) + "'>hvm</type>");
    if (p.firmware().isOvmf()) {
      x.line("<loader readonly='yes' type='pflash'>" + esc(p.firmware().code()) + "</loader>");
      String tpl = p.firmware().varsTemplate();
      x.line(
          "<nvram"
              + (tpl == null ? "" : " template='" + esc(tpl) + "'")
              + ">"
              + esc(p.firmware().vars())
              + "</nvram>");
    }
    if (p.kernel() != null) {
      x.text("kernel", p.kernel().kernel());
      if (p.kernel().initrd() != null) {
        x.text("initrd", p.kernel().initrd());
      }
      if (p.kernel().cmdline() != null) {
        x.text("cmdline", p.kernel().cmdline());
      }
    }
    x.close("os");
    CpuSpec cpu = p.cpu() == null ? null : CpuSpec.parse(p.cpu());
    x.open("features");
    x.line("<acpi/>");
    x.line("<apic/>");
    if (cpu != null && cpu.hvVendorId() != null) {
      x.open("hyperv");
      x.line("<vendor_id state='on' value='" + esc(cpu.hvVendorId()) + "'/>");
      x.close("hyperv");
    }
    if (cpu != null && cpu.kvmHidden()) {
      // qemu's -cpu ...,kvm=off is libvirt's hidden KVM signature
      x.open("kvm");
      x.line("<hidden state='on'/>");
      x.close("kvm");
    }
    x.close("features");
    if (cpu != null) {
      String open =
          cpu.model().equals("host")
              ? "<cpu mode='host-passthrough'"
              : "<cpu mode='custom'><model>" + esc(cpu.model()) + "</model";
      if (cpu.features().isEmpty()) {
        x.line(cpu.model().equals("host") ? open + "/>" : open + "></cpu>");
      } else {
        x.line(open + ">");
        for (var f : cpu.features().entrySet()) {
          x.line(
              "  <feature policy='"
                  + (f.getValue() ? "require" : "disable")
                  + "' name='"
                  + esc(f.getKey())
                  + "'/>");
        }
        x.line("</cpu>");
      }
    } else {
      x.line(kvm ? "<cpu mode='host-passthrough'/>" : "<cpu mode='maximum'/>");
    }
    x.open("devices");
    if (p.qemu() != null && p.qemu().startsWith("/")) {
      x.text("emulator", p.qemu());
    }
    disks(x, p);
    if (p.gpu() != null) {
      gpu(x, p.gpu());
    }
    if (p.vgpu() != null) {
      vgpu(x, p.vgpu());
    }
    graphics(x, p);
    x.open("video");
    x.line("<model type='none'/>");
    x.close("video");
    if (p.network() != null && "user".equals(p.network().type())) {
      x.open("interface type='user'");
      String model = p.network().model() == null ? "virtio" : p.network().model();
      x.line("<model type='" + esc(model.replace("-net-pci", "")) + "'/>");
      x.line(pciAddress(0, QemuArgs.NIC_SLOT, 0));
      x.close("interface");
    }
    x.line("<memballoon model='none'/>");
    x.close("devices");
    if (!p.acpiTablesOrEmpty().isEmpty()) {
      x.open("qemu:commandline");
      for (String t : p.acpiTablesOrEmpty()) {
        x.line("<qemu:arg value='-acpitable'/>");
        x.line("<qemu:arg value='file=" + esc(QemuArgs.opt(t)) + "'/>");
      }
      x.close("qemu:commandline");
    }
    overrides(x, p);
    x.close("domain");
    return x.toString();
  }

  private static void disks(X x, VmProfile p) {
    int vd = 0;
    int sd = 0;
    for (VmProfile.Disk d : p.disksOrEmpty()) {
      boolean sata = "sata".equals(d.bus());
      String dev = sata ? "sd" + (char) ('a' + sd++) : "vd" + (char) ('a' + vd++);
      x.open("disk type='file' device='disk'");
      x.line("<driver name='qemu' type='" + (d.format() == null ? "qcow2" : d.format()) + "'/>");
      x.line("<source file='" + esc(d.file()) + "'/>");
      x.line("<target dev='" + dev + "' bus='" + (sata ? "sata" : "virtio") + "'/>");
      x.close("disk");
    }
  }

  private static void gpu(X x, VmProfile.GpuPassthrough g) {
    PciAddress port = PciAddress.parse(g.rootPortOrDefault());
    x.open("controller type='pci' index='1' model='pcie-root-port'");
    x.line(
        "<target chassis='1' port='0x"
            + Integer.toHexString(port.device() << 3 | port.function())
            + "' hotplug='"
            + (g.hotplugOn() ? "on" : "off")
            + "'/>");
    x.line(pciAddress(0, port.device(), port.function()));
    x.close("controller");
    PciAddress host = PciAddress.parse(g.host());
    x.open("hostdev mode='subsystem' type='pci' managed='yes'");
    x.open("source");
    x.line(
        String.format(
            "<address domain='0x%04x' bus='0x%02x' slot='0x%02x' function='0x%x'/>",
            host.domain(), host.bus(), host.device(), host.function()));
    x.close("source");
    x.line("<alias name='ua-gpu0'/>");
    if (g.romfile() != null) {
      x.line("<rom file='" + esc(g.romfile()) + "'/>");
    }
    x.line(pciAddress(1, 0, 0));
    x.close("hostdev");
  }

  private static void vgpu(X x, VmProfile.Vgpu v) {
    x.open(
        "hostdev mode='subsystem' type='mdev' model='vfio-pci' display='"
            + (v.displayOn() ? "on" : "off")
            + "'"
            + (v.ramfbOn() ? " ramfb='on'" : ""));
    x.open("source");
    x.line("<address uuid='" + v.uuid().toLowerCase() + "'/>");
    x.close("source");
    x.line("<alias name='ua-vgpu0'/>");
    x.line(pciAddress(0, 2, 0));
    x.close("hostdev");
  }

  private static void graphics(X x, VmProfile p) {
    VmProfile.Display d = p.display();
    if (d == null || d.type().equals("none")) {
      return;
    }
    String listen = d.listen();
    boolean unix = listen.startsWith("unix:");
    if (unix) {
      x.open("graphics type='" + d.type() + "'");
      x.line("<listen type='socket' socket='" + esc(listen.substring(5)) + "'/>");
    } else {
      int colon = listen.lastIndexOf(':');
      x.open("graphics type='" + d.type() + "' port='" + listen.substring(colon + 1) + "'");
      x.line("<listen type='address' address='" + esc(listen.substring(0, colon)) + "'/>");
    }
    if (QemuArgs.spiceGl(p)) {
      x.line("<gl enable='yes'/>");
    }
    x.close("graphics");
  }

  private static void overrides(X x, VmProfile p) {
    boolean opregion = p.vgpu() != null && p.vgpu().opregionOn();
    if (p.gpu() == null && !opregion) {
      return;
    }
    x.open("qemu:override");
    if (p.gpu() != null) {
      // libvirt passes "unsigned" values as numbers; decimal as in lion328's README
      x.open("qemu:device alias='ua-gpu0'");
      x.open("qemu:frontend");
      prop(
          x,
          "x-pci-sub-vendor-id",
          "unsigned",
          "" + Integer.parseInt(p.gpu().subsystemVendor(), 16));
      prop(
          x,
          "x-pci-sub-device-id",
          "unsigned",
          "" + Integer.parseInt(p.gpu().subsystemDevice(), 16));
      x.close("qemu:frontend");
      x.close("qemu:device");
    }
    if (opregion) {
      x.open("qemu:device alias='ua-vgpu0'");
      x.open("qemu:frontend");
      prop(x, "x-igd-opregion", "bool", "true");
      x.close("qemu:frontend");
      x.close("qemu:device");
    }
    x.close("qemu:override");
  }

  private static void prop(X x, String name, String type, String value) {
    x.line("<qemu:property name='" + name + "' type='" + type + "' value='" + value + "'/>");
  }

  private static String pciAddress(int bus, int slot, int fn) {
    return String.format(
        "<address type='pci' domain='0x0000' bus='0x%02x' slot='0x%02x' function='0x%x'/>",
        bus, slot, fn);
  }

  static String esc(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("'", "&apos;")
        .replace("\"", "&quot;");
  }

  /** An indenting line writer: two spaces per level, as virsh dumpxml prints. */
  private static final class X {
    private final StringBuilder b = new StringBuilder();
    private int depth;

    void open(String tag) {
      line("<" + tag + ">");
      depth++;
    }

    void close(String name) {
      depth--;
      line("</" + name + ">");
    }

    void text(String name, String value) {
      line("<" + name + ">" + esc(value) + "</" + name + ">");
    }

    void line(String s) {
      b.append("  ".repeat(depth)).append(s).append('\n');
    }

    @Override
    public String toString() {
      return b.toString();
    }
  }
}
