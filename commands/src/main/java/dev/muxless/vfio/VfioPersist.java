package dev.muxless.vfio;

import dev.muxless.core.AtomicFiles;
import dev.muxless.core.MuxlessException;
import dev.muxless.host.HostRoot;
import dev.muxless.host.KernelCmdline;
import dev.muxless.host.KernelModules;
import dev.muxless.host.PciAddress;
import dev.muxless.host.PciBus;
import dev.muxless.host.PciDevice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code vfio persist}: makes vfio-pci claim devices at every boot. A loadable vfio-pci gets {@code
 * options vfio-pci ids=...} plus softdeps so it loads before nvidia/nouveau/snd_hda_intel (Arch
 * Wiki PCI passthrough, "Loading vfio-pci early"); a built-in one ignores modprobe.d, so the IDs go
 * on the kernel command line as {@code vfio-pci.ids=} (known-problems.md #30). Initramfs and
 * bootloader are detected; files are only written on request, each with a backup.
 */
public final class VfioPersist {
  static final String MODPROBE = "/etc/modprobe.d/vfio.conf";
  static final String INITRAMFS_TOOLS = "/etc/initramfs-tools/modules";
  static final String DRACUT = "/etc/dracut.conf.d/10-muxless-vfio.conf";
  static final String MKINITCPIO = "/etc/mkinitcpio.conf";
  static final String GRUB = "/etc/default/grub";
  static final String KERNEL_CMDLINE = "/etc/kernel/cmdline";
  static final List<String> EARLY = List.of("vfio", "vfio_iommu_type1", "vfio_pci");
  private static final Pattern GRUB_LINE =
      Pattern.compile("(?m)^GRUB_CMDLINE_LINUX_DEFAULT=\"([^\"]*)\"");

  private VfioPersist() {}

  public static PersistPlan plan(HostRoot host, List<PciAddress> named) {
    List<String> ids = ids(host, named);
    KernelModules mods = new KernelModules(host);
    boolean builtin = mods.builtin("vfio_pci");
    KernelCmdline cmd = KernelCmdline.read(host);
    List<PersistFile> files = new ArrayList<>();
    List<String> commands = new ArrayList<>();
    List<String> notes = new ArrayList<>();

    List<String> params = new ArrayList<>();
    boolean amd = host.read("/proc/cpuinfo").orElse("").contains("AuthenticAMD");
    if (amd
        ? cmd.options("amd_iommu").contains("off")
        : !cmd.options("intel_iommu").contains("on")) {
      params.add(amd ? "amd_iommu=on" : "intel_iommu=on");
    }
    if (!cmd.value("iommu").map("pt"::equals).orElse(false)) {
      params.add("iommu=pt");
    }
    String idList = String.join(",", ids);
    if (builtin) {
      if (!cmd.value("vfio-pci.ids").map(idList::equals).orElse(false)) {
        params.add("vfio-pci.ids=" + idList);
      }
      notes.add(
          "vfio-pci is built into this kernel: /etc/modprobe.d options for it are ignored, so the"
              + " IDs go on the kernel command line; no initramfs change is needed");
    } else {
      files.add(
          file(
              host,
              MODPROBE,
              modprobe(host, ids, named),
              "vfio-pci claims the IDs before the GPU and audio drivers load"));
      initramfs(host, files, commands, notes);
    }
    String boot = bootloader(host, params, files, commands, notes);
    return new PersistPlan(ids, builtin, files, params, boot, commands, notes);
  }

  /** vendor:device of each named device and its slot's other functions (bridges excluded). */
  static List<String> ids(HostRoot host, List<PciAddress> named) {
    PciBus bus = new PciBus(host);
    Set<String> out = new LinkedHashSet<>();
    for (PciAddress a : named) {
      PciDevice d = bus.require(a);
      if (d.readsAsAllOnes()) {
        throw MuxlessException.badInput(
            a + ": its IDs read as ffff:ffff (asleep)",
            "wake it first; see 'host check' gpu-subsystem");
      }
      for (PciDevice s : bus.devices()) {
        if (s.address().sameSlot(a) && !IommuGroups.isPassThroughBridge(s)) {
          out.add(s.vendor() + ":" + s.device());
        }
      }
    }
    return List.copyOf(out);
  }

  static String modprobe(HostRoot host, List<String> ids, List<PciAddress> named) {
    PciBus bus = new PciBus(host);
    Set<String> soft = new LinkedHashSet<>();
    for (PciDevice d : bus.devices()) {
      if (ids.contains(d.vendor() + ":" + d.device())) {
        if (d.vendor().equals(PciDevice.NVIDIA) && d.isDisplay()) {
          soft.add("nvidia");
          soft.add("nouveau");
        }
        if (d.classCode().startsWith("0403")) {
          soft.add("snd_hda_intel");
        }
        if (d.driver() != null && !d.driver().equals("vfio-pci")) {
          soft.add(d.driver().replace('-', '_'));
        }
      }
    }
    StringBuilder b = new StringBuilder();
    b.append("# Written by muxless vfio persist: vfio-pci claims these devices at boot.\n");
    b.append("options vfio-pci ids=").append(String.join(",", ids)).append('\n');
    for (String m : soft) {
      b.append("softdep ").append(m).append(" pre: vfio-pci\n");
    }
    return b.toString();
  }

  static void initramfs(
      HostRoot host, List<PersistFile> files, List<String> commands, List<String> notes) {
    if (host.exists(INITRAMFS_TOOLS)) {
      String old = host.read(INITRAMFS_TOOLS).orElse("");
      StringBuilder b = new StringBuilder(old.isEmpty() ? "" : old + "\n");
      for (String m : EARLY) {
        if (!old.lines().map(String::trim).toList().contains(m)) {
          b.append(m).append('\n');
        }
      }
      files.add(file(host, INITRAMFS_TOOLS, b.toString(), "initramfs-tools loads vfio early"));
      commands.add("update-initramfs -u");
    } else if (host.exists("/etc/dracut.conf.d") || host.exists("/usr/bin/dracut")) {
      files.add(
          file(
              host,
              DRACUT,
              "# Written by muxless vfio persist\nforce_drivers+=\" vfio vfio_iommu_type1 vfio_pci \"\n",
              "dracut loads vfio early"));
      commands.add("dracut -f --regenerate-all");
    } else if (host.exists(MKINITCPIO)) {
      notes.add(
          "mkinitcpio: add vfio_pci vfio vfio_iommu_type1 to MODULES=(...) in "
              + MKINITCPIO
              + " before any graphics driver (muxless does not edit it), then run mkinitcpio -P");
    } else {
      notes.add(
          "no initramfs generator found (initramfs-tools, dracut, mkinitcpio): if yours loads GPU drivers early, add vfio, vfio_iommu_type1 and vfio_pci to it");
    }
  }

  static String bootloader(
      HostRoot host,
      List<String> params,
      List<PersistFile> files,
      List<String> commands,
      List<String> notes) {
    if (host.exists(GRUB)) {
      if (!params.isEmpty()) {
        String old = host.read(GRUB).orElse("") + "\n";
        Matcher m = GRUB_LINE.matcher(old);
        String now;
        if (m.find()) {
          String joined = (m.group(1).trim() + " " + String.join(" ", params)).trim();
          now =
              old.substring(0, m.start())
                  + "GRUB_CMDLINE_LINUX_DEFAULT=\""
                  + joined
                  + "\""
                  + old.substring(m.end());
        } else {
          now = old + "GRUB_CMDLINE_LINUX_DEFAULT=\"" + String.join(" ", params) + "\"\n";
        }
        files.add(
            file(host, GRUB, now, "GRUB_CMDLINE_LINUX_DEFAULT gains " + String.join(" ", params)));
        commands.add(
            host.exists("/usr/sbin/update-grub")
                ? "update-grub"
                : "grub2-mkconfig -o /boot/grub2/grub.cfg (grub-mkconfig -o /boot/grub/grub.cfg on Arch)");
      }
      return "grub";
    }
    if (host.exists(KERNEL_CMDLINE)) {
      if (!params.isEmpty()) {
        String old = host.read(KERNEL_CMDLINE).orElse("");
        files.add(
            file(
                host,
                KERNEL_CMDLINE,
                (old + " " + String.join(" ", params)).trim() + "\n",
                "kernel-install's command line gains " + String.join(" ", params)));
        commands.add(
            "kernel-install add $(uname -r) /boot/vmlinuz-$(uname -r) (or reinstall the kernel package)");
      }
      return "kernel-install (/etc/kernel/cmdline)";
    }
    List<String> entries = host.list("/boot/loader/entries");
    if (!entries.isEmpty()) {
      if (!params.isEmpty()) {
        notes.add(
            "systemd-boot: append '"
                + String.join(" ", params)
                + "' to the options line of /boot/loader/entries/"
                + entries.get(0)
                + " (muxless does not edit boot entries)");
      }
      return "systemd-boot";
    }
    if (!params.isEmpty()) {
      notes.add(
          "no bootloader configuration found: add '"
              + String.join(" ", params)
              + "' to the kernel command line");
    }
    return "unknown";
  }

  static PersistFile file(HostRoot host, String path, String content, String why) {
    String prev = null;
    Path p = host.path(path);
    if (Files.isRegularFile(p)) {
      try {
        prev = Files.readString(p);
      } catch (IOException e) {
        prev = "";
      }
    }
    return new PersistFile(path, content, why, prev);
  }

  /** One file written: its path and the backup of what it replaced (null for a new file). */
  public record Written(String path, String backup) {}

  /**
   * Writes the plan's changed files, each atomically, after copying what it replaces to {@code
   * PATH.muxless-backup-STAMP}. Checks every directory is writable first, so a missing privilege
   * changes nothing.
   */
  public static List<Written> write(HostRoot host, PersistPlan plan, String stamp) {
    List<PersistFile> todo = plan.files().stream().filter(f -> !f.unchanged()).toList();
    for (PersistFile f : todo) {
      Path dir = host.path(f.path()).getParent();
      Path probe = dir;
      while (probe != null && !Files.exists(probe)) {
        probe = probe.getParent();
      }
      if (probe == null || !Files.isWritable(probe)) {
        throw MuxlessException.environment(
            "cannot write "
                + f.path()
                + ": "
                + host.hostPath(probe == null ? dir : probe)
                + " is not writable (nothing was changed)",
            "run as root: sudo ./muxless vfio persist ... --write");
      }
    }
    List<Written> out = new ArrayList<>();
    for (PersistFile f : todo) {
      String backup = null;
      if (f.previous() != null) {
        backup = f.path() + ".muxless-backup-" + stamp;
        AtomicFiles.writeString(host.path(backup), f.previous());
      }
      AtomicFiles.writeString(host.path(f.path()), f.content());
      out.add(new Written(f.path(), backup));
    }
    return out;
  }
}
