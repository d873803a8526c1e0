package dev.muxless.host;

import java.util.Optional;

/**
 * Which kernel modules are loaded or built in. Loaded: listed in {@code /proc/modules} or {@code
 * /sys/module/NAME/initstate} says live. Built in: listed in {@code
 * /lib/modules/RELEASE/modules.builtin}, or present under {@code /sys/module} without an {@code
 * initstate} (the kernel gives built-in code a /sys/module entry only for its parameters, and never
 * an initstate: kernel/module/sysfs.c).
 */
public final class KernelModules {
  private final HostRoot host;
  private final String procModules;

  public KernelModules(HostRoot host) {
    this.host = host;
    this.procModules = host.read("/proc/modules").orElse("");
  }

  /** Module names use underscores; file names may use dashes (vfio-pci.ko is vfio_pci). */
  static String norm(String name) {
    return name.replace('-', '_');
  }

  public boolean loaded(String name) {
    String n = norm(name);
    for (String line : procModules.split("\n")) {
      if (line.startsWith(n + " ")) {
        return true;
      }
    }
    return host.read("/sys/module/" + n + "/initstate").map("live"::equals).orElse(false);
  }

  public boolean builtin(String name) {
    String n = norm(name);
    Optional<String> release = release();
    if (release.isPresent()) {
      String list = host.read("/lib/modules/" + release.get() + "/modules.builtin").orElse("");
      for (String line : list.split("\n")) {
        String file = line.substring(line.lastIndexOf('/') + 1);
        if (file.endsWith(".ko") && norm(file.substring(0, file.length() - 3)).equals(n)) {
          return true;
        }
      }
    }
    return host.exists("/sys/module/" + n)
        && !host.exists("/sys/module/" + n + "/initstate")
        && !loaded(n);
  }

  /** The running kernel's release (uname -r): /proc/sys/kernel/osrelease, else /proc/version. */
  public Optional<String> release() {
    Optional<String> r = host.read("/proc/sys/kernel/osrelease").filter(s -> !s.isEmpty());
    if (r.isPresent()) {
      return r;
    }
    String[] v = host.read("/proc/version").orElse("").split("\\s+");
    return v.length > 2 && v[0].equals("Linux") ? Optional.of(v[2]) : Optional.empty();
  }

  /** A module parameter's value, e.g. parameter("i915", "enable_gvt") is "Y". */
  public Optional<String> parameter(String module, String param) {
    return host.read("/sys/module/" + norm(module) + "/parameters/" + param);
  }
}
