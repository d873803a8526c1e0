package dev.muxless.qemu;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * File paths in a profile: resolving relative ones against the profile's directory (so a profile
 * and its ROM can move together), and listing every file a profile names, by field, for preflight
 * and for {@code vm start}'s "missing file" errors.
 */
public final class ProfilePaths {
  private ProfilePaths() {}

  /** The profile with every relative file path made absolute against dir. */
  public static VmProfile resolve(VmProfile p, Path dir) {
    VmProfile.Firmware fw = p.firmware();
    VmProfile.Firmware rfw =
        fw == null
            ? null
            : new VmProfile.Firmware(
                fw.type(), abs(fw.code(), dir), abs(fw.vars(), dir), abs(fw.varsTemplate(), dir));
    List<VmProfile.Disk> disks = null;
    if (p.disks() != null) {
      disks = new ArrayList<>();
      for (VmProfile.Disk d : p.disks()) {
        disks.add(new VmProfile.Disk(abs(d.file(), dir), d.format(), d.bus()));
      }
    }
    VmProfile.GpuPassthrough g = p.gpu();
    VmProfile.GpuPassthrough rg =
        g == null
            ? null
            : new VmProfile.GpuPassthrough(
                g.host(),
                g.subsystemVendor(),
                g.subsystemDevice(),
                abs(g.romfile(), dir),
                g.rootPort(),
                g.rootPortHotplug());
    List<String> tables = null;
    if (p.acpiTables() != null) {
      tables = new ArrayList<>();
      for (String t : p.acpiTables()) {
        tables.add(abs(t, dir));
      }
    }
    VmProfile.KernelBoot k = p.kernel();
    VmProfile.KernelBoot rk =
        k == null
            ? null
            : new VmProfile.KernelBoot(abs(k.kernel(), dir), abs(k.initrd(), dir), k.cmdline());
    VmProfile.Display d = p.display();
    if (d != null && d.listen() != null && d.listen().startsWith("unix:")) {
      // "unix:xps.spice" is a socket next to the profile
      d = new VmProfile.Display(d.type(), "unix:" + abs(d.listen().substring(5), dir), d.gl());
    }
    return new VmProfile(
        p.name(),
        p.qemu(),
        p.machine(),
        p.accel(),
        p.cpu(),
        p.memoryMib(),
        p.cpus(),
        rfw,
        disks,
        p.vgpu(),
        rg,
        tables,
        rk,
        d,
        p.network());
  }

  /**
   * Every input file the profile names, field to path, in profile order. The OVMF vars copy is not
   * an input: {@code vm start} creates it from varsTemplate when it is missing.
   */
  public static Map<String, String> inputs(VmProfile p) {
    Map<String, String> out = new LinkedHashMap<>();
    if (p.firmware() != null && p.firmware().isOvmf()) {
      out.put("firmware.code", p.firmware().code());
      if (p.firmware().varsTemplate() != null) {
        out.put("firmware.varsTemplate", p.firmware().varsTemplate());
      }
    }
    for (int i = 0; i < p.disksOrEmpty().size(); i++) {
      out.put("disks[" + i + "].file", p.disksOrEmpty().get(i).file());
    }
    if (p.gpu() != null && p.gpu().romfile() != null) {
      out.put("gpu.romfile", p.gpu().romfile());
    }
    for (int i = 0; i < p.acpiTablesOrEmpty().size(); i++) {
      out.put("acpiTables[" + i + "]", p.acpiTablesOrEmpty().get(i));
    }
    if (p.kernel() != null) {
      out.put("kernel.kernel", p.kernel().kernel());
      if (p.kernel().initrd() != null) {
        out.put("kernel.initrd", p.kernel().initrd());
      }
    }
    return out;
  }

  /**
   * A path the user gave on the command line (relative to the working directory, or absolute), as a
   * profile written to profileFile must store it to name the same file: absolute stays absolute,
   * relative becomes relative to the profile's directory (which is how {@link #resolve} reads it).
   */
  public static String forProfile(Path profileFile, String given) {
    if (given == null || Path.of(given).isAbsolute()) {
      return given;
    }
    Path cwd = Path.of("").toAbsolutePath();
    Path target = cwd.resolve(given).normalize();
    Path dir = cwd.resolve(profileFile).normalize().getParent();
    if (dir == null) {
      return target.toString();
    }
    String rel = dir.relativize(target).toString();
    return rel.isEmpty() ? "." : rel;
  }

  private static String abs(String s, Path dir) {
    if (s == null || dir == null) {
      return s;
    }
    Path path = Path.of(s);
    return path.isAbsolute() ? s : dir.resolve(path).normalize().toString();
  }
}
