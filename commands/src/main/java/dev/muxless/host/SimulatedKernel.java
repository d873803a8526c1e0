package dev.muxless.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A host writer for fixture trees and the demo host that gives sysfs files their kernel behaviour,
 * so bind, verify, rollback and restore run end to end without a kernel:
 *
 * <ul>
 *   <li>{@code devices/X/driver_override}: stores the name; an empty value clears it to "(null)"
 *       (drivers/pci/pci-sysfs.c driver_override_store).
 *   <li>{@code drivers/D/unbind X}: X must be bound to D (else ENODEV); drops both driver links.
 *   <li>{@code drivers/D/bind X}: X must be unbound and, with an override, the override must be D
 *       (pci_match_device honours driver_override); creates both links.
 *   <li>{@code drivers_probe X}: binds an unbound X to its override's driver when that driver is
 *       registered; otherwise nothing happens and the write still succeeds, as on a real kernel.
 *       (Matching by ID tables is not modelled: a device without an override stays unbound.)
 *   <li>vfio-pci binding adds {@code /dev/vfio/N} for the group; the last unbind removes it.
 *   <li>{@code mdev_supported_types/T/create UUID}: needs available_instances above 0; creates the
 *       mdev under its parent with the {@code mdev_type} link and {@code /sys/bus/mdev/devices}.
 *   <li>{@code /sys/bus/mdev/devices/U/remove 1}: deletes it and frees the instance.
 * </ul>
 *
 * Any other existing file is simply overwritten; a missing one fails like the kernel (ENOENT).
 */
public final class SimulatedKernel implements HostWriter {
  private static final Pattern OVERRIDE =
      Pattern.compile("/sys/bus/pci/devices/([^/]+)/driver_override");
  private static final Pattern DRIVER_OP =
      Pattern.compile("/sys/bus/pci/drivers/([^/]+)/(un)?bind");
  private static final Pattern CREATE =
      Pattern.compile("(/sys/.*)/mdev_supported_types/([^/]+)/create");
  private static final Pattern REMOVE = Pattern.compile("/sys/bus/mdev/devices/([^/]+)/remove");

  private final HostRoot host;

  public SimulatedKernel(HostRoot host) {
    this.host = host;
  }

  @Override
  public void write(String hostPath, String value) throws IOException {
    String v = value.trim();
    Matcher m;
    if ((m = OVERRIDE.matcher(hostPath)).matches()) {
      requireDevice(m.group(1));
      put(hostPath, v.isEmpty() ? "(null)" : v);
    } else if ((m = DRIVER_OP.matcher(hostPath)).matches()) {
      requireDevice(v);
      if (!host.exists("/sys/bus/pci/drivers/" + m.group(1))) {
        throw new NoSuchFileException(hostPath);
      }
      if (m.group(2) != null) {
        unbind(m.group(1), v);
      } else {
        bind(m.group(1), v);
      }
    } else if (hostPath.equals("/sys/bus/pci/drivers_probe")) {
      requireDevice(v);
      Optional<String> ov = override(v);
      if (driver(v).isEmpty()
          && ov.isPresent()
          && host.exists("/sys/bus/pci/drivers/" + ov.get())) {
        bind(ov.get(), v);
      }
    } else if ((m = CREATE.matcher(hostPath)).matches()) {
      createMdev(m.group(1), m.group(2), v);
    } else if ((m = REMOVE.matcher(hostPath)).matches()) {
      removeMdev(m.group(1));
    } else {
      if (!Files.isRegularFile(host.path(hostPath))) {
        throw new NoSuchFileException(hostPath);
      }
      put(hostPath, v);
    }
  }

  private void requireDevice(String addr) throws IOException {
    if (addr.contains("/") || !host.exists("/sys/bus/pci/devices/" + addr)) {
      throw new IOException("No such device: " + addr);
    }
  }

  private Optional<String> driver(String addr) {
    return host.linkName("/sys/bus/pci/devices/" + addr + "/driver");
  }

  private Optional<String> override(String addr) {
    return host.read("/sys/bus/pci/devices/" + addr + "/driver_override")
        .filter(s -> !s.isEmpty() && !s.equals("(null)"));
  }

  private void unbind(String drv, String addr) throws IOException {
    if (!driver(addr).equals(Optional.of(drv))) {
      throw new IOException("No such device: " + addr + " is not bound to " + drv);
    }
    Files.delete(host.path("/sys/bus/pci/devices/" + addr + "/driver"));
    Files.deleteIfExists(host.path("/sys/bus/pci/drivers/" + drv + "/" + addr));
    if (drv.equals("vfio-pci")) {
      Optional<String> group = host.linkName("/sys/bus/pci/devices/" + addr + "/iommu_group");
      if (group.isPresent() && !groupHasVfioDevice(group.get())) {
        Files.deleteIfExists(host.path("/dev/vfio/" + group.get()));
      }
    }
  }

  private boolean groupHasVfioDevice(String group) {
    for (String d : host.list("/sys/kernel/iommu_groups/" + group + "/devices")) {
      if (driver(d).equals(Optional.of("vfio-pci"))) {
        return true;
      }
    }
    return false;
  }

  private void bind(String drv, String addr) throws IOException {
    if (driver(addr).isPresent()) {
      throw new IOException(
          "Device or resource busy: " + addr + " is bound to " + driver(addr).get());
    }
    Optional<String> ov = override(addr);
    if (ov.isPresent() && !ov.get().equals(drv)) {
      throw new IOException("No such device: " + addr + " has driver_override " + ov.get());
    }
    Path dev = host.path("/sys/bus/pci/devices/" + addr).toRealPath();
    Path drvDir = host.path("/sys/bus/pci/drivers/" + drv).toRealPath();
    link(dev.resolve("driver"), drvDir);
    link(drvDir.resolve(addr), dev);
    if (drv.equals("vfio-pci")) {
      Optional<String> group = host.linkName("/sys/bus/pci/devices/" + addr + "/iommu_group");
      if (group.isPresent() && !host.exists("/dev/vfio/" + group.get())) {
        Files.createDirectories(host.path("/dev/vfio"));
        Files.writeString(host.path("/dev/vfio/" + group.get()), "");
      }
    }
  }

  private void createMdev(String parent, String type, String uuid) throws IOException {
    String typeDir = parent + "/mdev_supported_types/" + type;
    if (!uuid.matches(
        "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")) {
      throw new IOException("Invalid argument: " + uuid);
    }
    int avail = host.read(typeDir + "/available_instances").map(Integer::parseInt).orElse(0);
    if (avail <= 0) {
      throw new IOException("No space left on device: no " + type + " instances left");
    }
    if (host.exists("/sys/bus/mdev/devices/" + uuid)) {
      throw new IOException("File exists: " + uuid);
    }
    Path dev = host.path(parent).toRealPath().resolve(uuid);
    Files.createDirectories(dev);
    link(dev.resolve("mdev_type"), host.path(typeDir).toRealPath());
    Files.writeString(dev.resolve("remove"), "");
    Files.createDirectories(host.path("/sys/bus/mdev/devices"));
    link(host.path("/sys/bus/mdev/devices/" + uuid), dev);
    Files.createDirectories(host.path(typeDir + "/devices"));
    link(host.path(typeDir + "/devices/" + uuid), dev);
    put(typeDir + "/available_instances", Integer.toString(avail - 1));
  }

  private void removeMdev(String uuid) throws IOException {
    String link = "/sys/bus/mdev/devices/" + uuid;
    if (!host.exists(link)) {
      throw new NoSuchFileException(link + "/remove");
    }
    Path dev = host.path(link).toRealPath();
    Path type = dev.resolve("mdev_type").toRealPath();
    Files.delete(host.path(link));
    Files.deleteIfExists(type.resolve("devices").resolve(uuid));
    Files.delete(dev.resolve("mdev_type"));
    Files.delete(dev.resolve("remove"));
    Files.delete(dev);
    String avail =
        "/" + host.dir().toRealPath().relativize(type.resolve("available_instances")).toString();
    int n = host.read(avail).map(Integer::parseInt).orElse(0);
    put(avail, Integer.toString(n + 1));
  }

  private void put(String hostPath, String v) throws IOException {
    Files.writeString(host.path(hostPath), v + "\n", StandardCharsets.UTF_8);
  }

  private static void link(Path link, Path target) throws IOException {
    Files.createSymbolicLink(link, link.getParent().toRealPath().relativize(target));
  }
}
