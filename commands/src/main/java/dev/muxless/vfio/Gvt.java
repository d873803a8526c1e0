package dev.muxless.vfio;

import dev.muxless.core.MuxlessException;
import dev.muxless.host.HostRoot;
import dev.muxless.host.HostWriter;
import dev.muxless.host.PciAddress;
import dev.muxless.host.PciBus;
import dev.muxless.host.PciDevice;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The iGPU's mediated device interface (kernel Documentation/driver-api/vfio-mediated-device.rst):
 * types under {@code DEVICE/mdev_supported_types}, a vGPU made by writing a UUID to a type's {@code
 * create}, listed under {@code /sys/bus/mdev/devices}, removed by writing 1 to its {@code remove}.
 */
public final class Gvt {
  static final String MDEV_DEVICES = "/sys/bus/mdev/devices";

  private Gvt() {}

  /** Every type on every device with mdev_supported_types, by parent then id. */
  public static List<MdevType> types(HostRoot host) {
    List<MdevType> out = new ArrayList<>();
    for (PciDevice d : new PciBus(host).devices()) {
      String base = PciBus.dir(d.address()) + "/mdev_supported_types";
      for (String id : host.list(base)) {
        String t = base + "/" + id;
        int avail;
        try {
          avail = Integer.parseInt(host.read(t + "/available_instances").orElse("0"));
        } catch (NumberFormatException e) {
          avail = 0;
        }
        out.add(
            new MdevType(
                d.address(),
                id,
                host.read(t + "/name").orElse(id),
                host.read(t + "/description").orElse(""),
                avail));
      }
    }
    return out;
  }

  /** Existing vGPUs, by UUID. */
  public static List<Vgpu> list(HostRoot host) {
    List<Vgpu> out = new ArrayList<>();
    Path root = realRoot(host);
    for (String uuid : host.list(MDEV_DEVICES)) {
      try {
        Path dev = host.path(MDEV_DEVICES + "/" + uuid).toRealPath();
        PciAddress parent = PciAddress.parse(dev.getParent().getFileName().toString());
        String type =
            Files.isSymbolicLink(dev.resolve("mdev_type"))
                ? dev.resolve("mdev_type").toRealPath().getFileName().toString()
                : "?";
        if (!dev.startsWith(root)) {
          continue;
        }
        out.add(new Vgpu(uuid, parent, type));
      } catch (IOException | RuntimeException e) {
        // a dangling or foreign entry: not a vGPU we can describe
      }
    }
    return out;
  }

  /** The choice of a type with the reason, when none was named. */
  public record Choice(MdevType type, String reason) {}

  /**
   * The largest vGPU that still has an instance left: GVT-g types differ in graphics memory and
   * maximum resolution, and the guest is to use it as its primary display, so bigger is better as
   * long as the host can create one.
   */
  public static Optional<Choice> choose(List<MdevType> types) {
    return types.stream()
        .filter(t -> t.availableInstances() > 0)
        .max(
            Comparator.comparingInt((MdevType t) -> t.descriptionNumber("high_gm_size"))
                .thenComparingInt(t -> t.descriptionNumber("low_gm_size"))
                .thenComparing(MdevType::id, Comparator.reverseOrder()))
        .map(
            t ->
                new Choice(
                    t,
                    "the largest type with an instance left"
                        + (t.resolution().isEmpty() ? "" : " (up to " + t.resolution())
                        + (t.descriptionNumber("high_gm_size") > 0
                            ? ", "
                                + t.descriptionNumber("high_gm_size")
                                + " MB high graphics memory"
                            : "")
                        + (t.resolution().isEmpty() ? "" : ")")
                        + "; "
                        + t.availableInstances()
                        + " left"));
  }

  /** Finds a type by id (i915-GVTg_V5_4) or name (GVTg_V5_4). */
  public static MdevType type(HostRoot host, String name) {
    List<MdevType> all = types(host);
    return all.stream()
        .filter(t -> t.id().equals(name) || t.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                MuxlessException.badInput(
                    "--type: no mdev type '" + name + "' on host " + host.label(),
                    all.isEmpty()
                        ? "no device offers mdev types: see 'host check' (gvt-i915, gvt-kvmgt)"
                        : "known types: "
                            + String.join(", ", all.stream().map(MdevType::id).toList())));
  }

  /** Creates a vGPU of type with uuid (a fresh one when null) and returns it. */
  public static Vgpu create(HostRoot host, HostWriter writer, MdevType type, String uuid) {
    String id = uuid == null ? UUID.randomUUID().toString() : checkUuid(uuid);
    if (host.exists(MDEV_DEVICES + "/" + id)) {
      throw MuxlessException.badInput(
          "--uuid: a vGPU " + id + " already exists", "choose another UUID or leave --uuid out");
    }
    if (type.availableInstances() <= 0) {
      throw MuxlessException.badInput(
          "--type: " + type.id() + " has no instances left on " + type.parent(),
          "remove a vGPU you no longer use ('gvt list', 'gvt remove UUID') or pick a smaller type");
    }
    String create = createPath(type);
    write(host, writer, create, id, "gvt create");
    Optional<Vgpu> made = list(host).stream().filter(v -> v.uuid().equals(id)).findFirst();
    return made.orElseThrow(
        () ->
            MuxlessException.environment(
                "wrote "
                    + id
                    + " to "
                    + create
                    + " but "
                    + MDEV_DEVICES
                    + "/"
                    + id
                    + " did not appear",
                "check dmesg for i915/gvt errors"));
  }

  /** Removes a vGPU by UUID. */
  public static void remove(HostRoot host, HostWriter writer, String uuid) {
    String id = checkUuid(uuid);
    if (!host.exists(MDEV_DEVICES + "/" + id)) {
      throw MuxlessException.badInput(
          "no vGPU " + id + " under " + MDEV_DEVICES, "list them with 'gvt list'");
    }
    write(host, writer, MDEV_DEVICES + "/" + id + "/remove", "1", "gvt remove");
    if (host.exists(MDEV_DEVICES + "/" + id)) {
      throw MuxlessException.environment(
          "wrote 1 to " + MDEV_DEVICES + "/" + id + "/remove but the vGPU is still there",
          "a running VM may still use it: stop the VM first");
    }
  }

  /** The host path written to create a vGPU of type. */
  public static String createPath(MdevType type) {
    return PciBus.dir(type.parent()) + "/mdev_supported_types/" + type.id() + "/create";
  }

  static String checkUuid(String uuid) {
    try {
      return UUID.fromString(uuid).toString().equals(uuid.toLowerCase())
          ? uuid.toLowerCase()
          : bad(uuid);
    } catch (IllegalArgumentException e) {
      return bad(uuid);
    }
  }

  private static String bad(String uuid) {
    throw MuxlessException.badInput(
        "not a UUID: '" + uuid + "'",
        "write it as 8-4-4-4-12 hex digits, e.g. a297db4a-f4c2-11e6-90f6-d3b88d6c9525");
  }

  private static void write(
      HostRoot host, HostWriter writer, String path, String value, String cmd) {
    try {
      writer.write(path, value);
    } catch (AccessDeniedException e) {
      throw MuxlessException.environment(
          "cannot write " + path + ": permission denied", "run as root: sudo ./muxless " + cmd);
    } catch (IOException e) {
      throw MuxlessException.environment(
          "writing " + value + " to " + path + " failed: " + BindExecutor.message(e),
          "check dmesg; 'host check' shows the GVT-g steps");
    }
  }

  private static Path realRoot(HostRoot host) {
    try {
      return host.dir().toRealPath();
    } catch (IOException e) {
      return host.dir();
    }
  }
}
