package dev.muxless.qemu;

import dev.muxless.host.HostRoot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The GVT-g facts {@code vm init} needs: existing vGPUs under {@code /sys/bus/mdev/devices} and the
 * types the iGPU offers under {@code /sys/class/mdev_bus/<parent>/mdev_supported_types}. The host
 * area's {@code dev.muxless.vfio.Gvt.list/types} read the same files; at merge these two methods
 * delegate to it.
 */
public final class VgpuFinder {
  /** An existing vGPU. */
  public record Existing(String uuid, String parent, String type) {}

  /** A type that can be created, with its free instances. */
  public record Type(String parent, String id, int available) {}

  private VgpuFinder() {}

  public static List<Existing> existing(HostRoot host) {
    List<Existing> out = new ArrayList<>();
    for (String uuid : host.list("/sys/bus/mdev/devices")) {
      if (!ProfileValidator.UUID.matcher(uuid).matches()) {
        continue;
      }
      String dir = "/sys/bus/mdev/devices/" + uuid;
      String type = host.linkName(dir + "/mdev_type").orElse(null);
      String parent = null;
      try {
        Path real = host.path(dir).toRealPath();
        parent = real.getParent().getFileName().toString();
      } catch (IOException | RuntimeException e) {
        // a fixture without the device directory: parent unknown
      }
      out.add(new Existing(uuid, parent, type));
    }
    return out;
  }

  public static List<Type> types(HostRoot host) {
    List<Type> out = new ArrayList<>();
    for (String parent : host.list("/sys/class/mdev_bus")) {
      String base = "/sys/class/mdev_bus/" + parent + "/mdev_supported_types";
      for (String id : host.list(base)) {
        int avail =
            host.read(base + "/" + id + "/available_instances")
                .filter(s -> s.matches("\\d{1,6}"))
                .map(Integer::parseInt)
                .orElse(0);
        out.add(new Type(parent, id, avail));
      }
    }
    return out;
  }

  static Optional<Type> type(HostRoot host, String id) {
    return types(host).stream().filter(t -> t.id().equals(id)).findFirst();
  }
}
