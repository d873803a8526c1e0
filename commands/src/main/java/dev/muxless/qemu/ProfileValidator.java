package dev.muxless.qemu;

import dev.muxless.core.MuxlessException;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checks Jackson cannot express: required fields, value ranges and the forms of addresses, IDs
 * and UUIDs. Each failure is one error naming the profile and the field
 * (docs/vm-profile.schema.json has the same rules).
 */
final class ProfileValidator {
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  static final Pattern HEX4 = Pattern.compile("[0-9a-fA-F]{4}");
  static final Pattern UUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  static final Pattern PCI =
      Pattern.compile("(?:[0-9a-fA-F]{4}:)?[0-9a-fA-F]{2}:[01][0-9a-fA-F]\\.[0-7]");
  static final Pattern LOOPBACK =
      Pattern.compile("(127\\.0\\.0\\.1|localhost|\\[::1\\]):(\\d{1,5})");

  /** q35's ICH9 AHCI has six ports, ide.0 to ide.5. */
  static final int MAX_SATA_INDEX = 5;

  /** The last pcie.0 slot muxless may use: 0x1f is q35's ICH9. */
  static final int MAX_SLOT = 0x1e;

  private final String file;

  private ProfileValidator(String file) {
    this.file = file;
  }

  static void validate(VmProfile p, String file) {
    new ProfileValidator(file).check(p);
  }

  private void check(VmProfile p) {
    require(p.name(), "name", "a short name such as \"xps\": it names the runtime directory");
    if (!NAME.matcher(p.name()).matches()) {
      fail("name", "'" + p.name() + "' is not a valid VM name", "letters, digits, '.', '_' or '-'");
    }
    if (p.machine() != null && !p.machine().matches("(pc-)?q35(-[0-9.]+)?|pc(-i440fx-[0-9.]+)?")) {
      fail("machine", "'" + p.machine() + "' is not a q35 or pc machine type", "use \"q35\"");
    }
    oneOf(p.accel(), "accel", Set.of("kvm", "tcg"));
    require(p.memoryMib(), "memoryMib", "the guest memory in MiB, e.g. 4096");
    if (p.memoryMib() < 64 || p.memoryMib() > 4 * 1024 * 1024) {
      fail("memoryMib", p.memoryMib() + " is out of range", "give MiB between 64 and 4194304");
    }
    require(p.cpus(), "cpus", "the number of guest CPUs, e.g. 4");
    if (p.cpus() < 1 || p.cpus() > 288) {
      fail("cpus", p.cpus() + " is out of range", "give 1 to 288");
    }
    require(p.firmware(), "firmware", "{\"type\": \"ovmf\", \"code\": ..., \"vars\": ...}");
    oneOf(p.firmware().type(), "firmware.type", Set.of("ovmf", "seabios"));
    if (p.firmware().isOvmf()) {
      require(p.firmware().code(), "firmware.code", "the OVMF code image, e.g. OVMF_CODE_4M.fd");
      require(p.firmware().vars(), "firmware.vars", "this VM's own copy of OVMF_VARS_4M.fd");
    }
    for (int i = 0; i < p.disksOrEmpty().size(); i++) {
      VmProfile.Disk d = p.disksOrEmpty().get(i);
      String f = "disks[" + i + "]";
      if (d == null) {
        fail(f, "is null", "give {\"file\": ...}");
      }
      require(d.file(), f + ".file", "the disk image");
      oneOf(d.format(), f + ".format", Set.of("raw", "qcow2"));
      oneOf(d.bus(), f + ".bus", Set.of("virtio", "sata"));
      if ("sata".equals(d.bus())) {
        if (i > MAX_SATA_INDEX) {
          fail(
              f + ".bus",
              "sata disk " + i + " would be on ide." + i + ", but q35's AHCI has ports ide.0-ide.5",
              "list SATA disks among the first six disks, or use \"bus\": \"virtio\"");
        }
      } else if (QemuArgs.FIRST_DISK_SLOT + i > MAX_SLOT) {
        fail(
            f,
            "a virtio disk at index "
                + i
                + " would need PCI slot "
                + hex(QemuArgs.FIRST_DISK_SLOT + i)
                + ", past the last free slot "
                + hex(MAX_SLOT),
            "give at most " + (MAX_SLOT - QemuArgs.FIRST_DISK_SLOT + 1) + " disks");
      }
    }
    if (p.vgpu() != null) {
      require(
          p.vgpu().uuid(), "vgpu.uuid", "the mdev UUID (see 'vm init' or /sys/bus/mdev/devices)");
      if (!UUID.matcher(p.vgpu().uuid()).matches()) {
        fail("vgpu.uuid", "'" + p.vgpu().uuid() + "' is not a UUID", "e.g. 2f0b1c4e-...-...");
      }
      if (p.vgpu().parent() != null) {
        pci(p.vgpu().parent(), "vgpu.parent");
      }
    }
    if (p.gpu() != null) {
      VmProfile.GpuPassthrough g = p.gpu();
      require(g.host(), "gpu.host", "the host PCI address of the NVIDIA GPU, e.g. 0000:01:00.0");
      pci(g.host(), "gpu.host");
      require(g.subsystemVendor(), "gpu.subsystemVendor", "from sysfs subsystem_vendor, e.g. 1028");
      hex4(g.subsystemVendor(), "gpu.subsystemVendor");
      require(g.subsystemDevice(), "gpu.subsystemDevice", "from sysfs subsystem_device, e.g. 07be");
      hex4(g.subsystemDevice(), "gpu.subsystemDevice");
      if (g.rootPort() != null) {
        pci(g.rootPort(), "gpu.rootPort");
        if (!g.rootPort().matches("(0000:)?00:[0-9a-fA-F]{2}\\.[0-7]")) {
          fail("gpu.rootPort", "'" + g.rootPort() + "' is not on bus 00", "use 00:01.0");
        }
        int slot = dev.muxless.host.PciAddress.parse(g.rootPort()).device();
        String taken = slotUser(p, slot);
        if (taken != null) {
          fail(
              "gpu.rootPort",
              "'" + g.rootPort() + "': slot " + hex(slot) + " is taken by " + taken,
              "use a free slot such as 00:01.0 (muxless puts the vGPU at 02, the NIC at 03, virtio"
                  + " disks from 04)");
        }
      }
    }
    for (int i = 0; i < p.acpiTablesOrEmpty().size(); i++) {
      String t = p.acpiTablesOrEmpty().get(i);
      require(t, "acpiTables[" + i + "]", "an .aml table file");
      if (t.contains(":")) {
        fail(
            "acpiTables[" + i + "]",
            "'" + t + "' contains ':', which qemu's -acpitable file= reads as a list separator",
            "move or link the table to a path without ':'");
      }
    }
    if (p.kernel() != null) {
      require(p.kernel().kernel(), "kernel.kernel", "the guest kernel image (vmlinuz)");
    }
    if (p.display() != null) {
      VmProfile.Display d = p.display();
      require(d.type(), "display.type", "spice, vnc or none");
      oneOf(d.type(), "display.type", Set.of("spice", "vnc", "none"));
      if (!d.type().equals("none")) {
        require(d.listen(), "display.listen", "unix:/run/user/1000/xps.sock or 127.0.0.1:5900");
        if (!(d.listen().startsWith("unix:") && d.listen().length() > 5)
            && !LOOPBACK.matcher(d.listen()).matches()) {
          fail(
              "display.listen",
              "'" + d.listen() + "' is neither unix:PATH nor a loopback address",
              "remote display stays local: unix:/path or 127.0.0.1:PORT (tunnel it over ssh)");
        }
        var m = LOOPBACK.matcher(d.listen());
        if (m.matches()) {
          int port = Integer.parseInt(m.group(2));
          int min = d.type().equals("vnc") ? 5900 : 1;
          if (port < min || port > 65535) {
            fail(
                "display.listen",
                "port " + port + " is out of range",
                d.type().equals("vnc")
                    ? "give 5900 to 65535 (qemu's VNC display N listens on 5900+N)"
                    : "give 1 to 65535");
          }
        }
      }
    }
    if (p.network() != null) {
      oneOf(p.network().type(), "network.type", Set.of("user", "none"));
    }
  }

  /** What muxless puts at a slot on pcie.0 for this profile, or null when it is free. */
  private static String slotUser(VmProfile p, int slot) {
    if (slot == 0) {
      return "the q35 host bridge";
    }
    if (slot == 0x1f) {
      return "the q35 ICH9 (LPC, SATA, SMBus)";
    }
    if (slot == 2 && p.vgpu() != null) {
      return "the vGPU";
    }
    if (slot == QemuArgs.NIC_SLOT && p.network() != null && !"none".equals(p.network().type())) {
      return "the network card";
    }
    int disk = slot - QemuArgs.FIRST_DISK_SLOT;
    if (disk >= 0
        && disk < p.disksOrEmpty().size()
        && !"sata".equals(p.disksOrEmpty().get(disk).bus())) {
      return "disks[" + disk + "]";
    }
    return null;
  }

  private static String hex(int v) {
    return String.format("0x%02x", v);
  }

  private void pci(String v, String field) {
    if (!PCI.matcher(v).matches()) {
      fail(field, "'" + v + "' is not a PCI address", "write it as lspci does: 0000:01:00.0");
    }
  }

  private void hex4(String v, String field) {
    if (!HEX4.matcher(v).matches()) {
      fail(field, "'" + v + "' is not 4 hex digits", "as sysfs shows it without 0x, e.g. 1028");
    }
  }

  private void oneOf(String v, String field, Set<String> allowed) {
    if (v != null && !allowed.contains(v)) {
      fail(field, "'" + v + "' is not one of " + new java.util.TreeSet<>(allowed), "pick one");
    }
  }

  private void require(Object v, String field, String what) {
    if (v == null) {
      throw MuxlessException.badInput(
          file + ": missing field '" + field + "'", "add \"" + leaf(field) + "\": " + what);
    }
  }

  private void fail(String field, String what, String hint) {
    throw MuxlessException.badInput(file + ": field '" + field + "': " + what, hint);
  }

  private static String leaf(String field) {
    int dot = field.lastIndexOf('.');
    return dot < 0 ? field : field.substring(dot + 1);
  }
}
