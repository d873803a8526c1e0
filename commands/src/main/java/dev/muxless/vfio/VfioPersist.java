package dev.muxless.vfio;

import dev.muxless.core.AtomicFiles;
import dev.muxless.core.MuxlessException;
import dev.muxless.host.HostFacts;
import dev.muxless.host.HostRoot;
import dev.muxless.host.KernelCmdline;
import dev.muxless.host.PciAddress;
import dev.muxless.host.PciBus;
import dev.muxless.host.PciDevice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
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
  private static final Pattern GRUB_LINUX_LINE =
      Pattern.compile("(?m)^GRUB_CMDLINE_LINUX=\"([^\"]*)\"");

  private VfioPersist() {}

  public static PersistPlan plan(HostRoot host, List<PciAddress> named) {
    HostFacts facts = HostFacts.read(host);
    List<PciDevice> devices = facts.devices();
    List<String> ids = ids(host, devices, named);
    boolean builtin = facts.modules().builtin("vfio_pci");
    List<PersistFile> files = new ArrayList<>();
    List<String> commands = new ArrayList<>();
    List<String> notes = new ArrayList<>();

    List<String> params = new ArrayList<>(facts.missingIommuParameters());
    String idList = String.join(",", ids);
    if (builtin) {
      if (!facts.cmdline().value("vfio-pci.ids").map(idList::equals).orElse(false)) {
        params.add("vfio-pci.ids=" + idList);
      }
      notes.add(
          "vfio-pci is built into this kernel: /etc/modprobe.d options for it are ignored, so the"
              + " IDs go on the kernel command line; no initramfs change is needed");
    } else {
      files.add(
          new PersistFile(
              MODPROBE,
              modprobe(devices, ids),
              "vfio-pci claims the IDs before the GPU and audio drivers load",
              read(host, MODPROBE).orElse(null)));
      initramfs(host, files, commands, notes);
    }
    String boot = bootloader(host, params, files, commands, notes);
    return new PersistPlan(ids, builtin, files, params, boot, commands, notes);
  }

  /** vendor:device of each named device and its slot's other functions (bridges excluded). */
  static List<String> ids(HostRoot host, List<PciDevice> devices, List<PciAddress> named) {
    Set<String> out = new LinkedHashSet<>();
    for (PciAddress a : named) {
      PciDevice d =
          devices.stream()
              .filter(x -> x.address().equals(a))
              .findFirst()
              .orElseGet(() -> new PciBus(host).require(a));
      if (d.readsAsAllOnes()) {
        throw MuxlessException.badInput(
            a + ": its IDs read as ffff:ffff (asleep)",
            "wake it first; see 'host check' gpu-subsystem");
      }
      for (PciDevice s : devices) {
        if (s.address().sameSlot(a) && !IommuGroups.isPassThroughBridge(s)) {
          out.add(s.vendor() + ":" + s.device());
        }
      }
    }
    return List.copyOf(out);
  }

  static String modprobe(List<PciDevice> devices, List<String> ids) {
    Set<String> soft = new LinkedHashSet<>();
    for (PciDevice d : devices) {
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
    Optional<String> modules = read(host, INITRAMFS_TOOLS);
    if (modules.isPresent()) {
      String old = modules.get();
      List<String> have = old.lines().map(String::trim).toList();
      List<String> missing = EARLY.stream().filter(m -> !have.contains(m)).toList();
      StringBuilder b = new StringBuilder(old);
      if (!missing.isEmpty() && !old.isEmpty() && !old.endsWith("\n")) {
        b.append('\n');
      }
      missing.forEach(m -> b.append(m).append('\n'));
      files.add(
          new PersistFile(INITRAMFS_TOOLS, b.toString(), "initramfs-tools loads vfio early", old));
      commands.add("update-initramfs -u");
    } else if (host.exists("/etc/dracut.conf.d") || host.exists("/usr/bin/dracut")) {
      files.add(
          new PersistFile(
              DRACUT,
              "# Written by muxless vfio persist\nforce_drivers+=\" vfio vfio_iommu_type1 vfio_pci \"\n",
              "dracut loads vfio early",
              read(host, DRACUT).orElse(null)));
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
    Optional<String> grub = read(host, GRUB);
    if (grub.isPresent()) {
      if (!params.isEmpty()) {
        String old = grub.get();
        Matcher m = GRUB_LINE.matcher(old);
        Matcher linux = GRUB_LINUX_LINE.matcher(old);
        String other = linux.find() ? linux.group(1) : "";
        String now;
        List<String> added;
        if (m.find()) {
          Edit e = edit(m.group(1), other, params);
          added = e.changed();
          now = old.substring(0, m.start(1)) + e.text() + old.substring(m.end(1));
        } else {
          Edit e = edit("", other, params);
          added = e.changed();
          now =
              added.isEmpty()
                  ? old
                  : old
                      + (old.isEmpty() || old.endsWith("\n") ? "" : "\n")
                      + "GRUB_CMDLINE_LINUX_DEFAULT=\""
                      + e.text()
                      + "\"\n";
        }
        files.add(
            new PersistFile(
                GRUB,
                now,
                added.isEmpty()
                    ? "GRUB's command line already has " + String.join(" ", params)
                    : "GRUB_CMDLINE_LINUX_DEFAULT gains " + String.join(" ", added),
                old));
        commands.add(
            host.exists("/usr/sbin/update-grub")
                ? "update-grub"
                : "grub2-mkconfig -o /boot/grub2/grub.cfg (grub-mkconfig -o /boot/grub/grub.cfg on Arch)");
      }
      return "grub";
    }
    Optional<String> kernelCmdline = read(host, KERNEL_CMDLINE);
    if (kernelCmdline.isPresent()) {
      if (!params.isEmpty()) {
        String old = kernelCmdline.get();
        String body = old.stripTrailing();
        String rest = old.substring(body.length());
        Edit e = edit(body, "", params);
        String now =
            e.changed().isEmpty() ? old : e.text() + (rest.contains("\n") ? rest : rest + "\n");
        files.add(
            new PersistFile(
                KERNEL_CMDLINE,
                now,
                e.changed().isEmpty()
                    ? "kernel-install's command line already has " + String.join(" ", params)
                    : "kernel-install's command line gains " + String.join(" ", e.changed()),
                old));
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

  /** A command line after {@link #edit}: its text and the parameters it gained or changed. */
  record Edit(String text, List<String> changed) {}

  /**
   * Adds params to a configured command line: a parameter whose key already has the wanted value
   * (in line or in other, the file's second command line such as GRUB_CMDLINE_LINUX) is left out;
   * one whose key is there with another value replaces that value (the last one, which the kernel
   * uses), so re-running never adds a second {@code vfio-pci.ids=}.
   */
  static Edit edit(String line, String other, List<String> params) {
    String text = line;
    List<String> changed = new ArrayList<>();
    for (String p : params) {
      KernelCmdline have = KernelCmdline.parse(other + " " + text);
      int eq = p.indexOf('=');
      String key = p.substring(0, eq);
      String want = p.substring(eq + 1);
      boolean set =
          key.endsWith("_iommu")
              ? have.options(key).contains(want)
              : have.value(key).map(want::equals).orElse(false);
      if (set) {
        continue;
      }
      changed.add(p);
      Matcher m = Pattern.compile("(?<=^|\\s)" + Pattern.quote(key) + "=\\S*").matcher(text);
      int start = -1;
      int end = -1;
      while (m.find()) {
        start = m.start();
        end = m.end();
      }
      if (start >= 0) {
        text = text.substring(0, start) + p + text.substring(end);
      } else {
        text = text.isBlank() ? p : text.stripTrailing() + " " + p;
      }
    }
    return new Edit(text, changed);
  }

  /**
   * A host file's content exactly as it is (trailing newline included), empty when it is not a
   * regular file; a file that exists but cannot be read is an environment error, never "empty".
   */
  static Optional<String> read(HostRoot host, String path) {
    Path p = host.path(path);
    if (!Files.isRegularFile(p)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readString(p));
    } catch (IOException e) {
      throw MuxlessException.environment(
          "cannot read " + path + ": " + e.getClass().getSimpleName() + " " + e.getMessage(),
          "run as root (sudo ./muxless vfio persist ...) or fix the file, then try again");
    }
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
