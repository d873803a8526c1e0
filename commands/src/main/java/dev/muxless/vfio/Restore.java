package dev.muxless.vfio;

import dev.muxless.host.HostRoot;
import dev.muxless.host.PciBus;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The writes that bring one device from its current binding back to a recorded one: clear or set
 * driver_override first (so nothing re-probes it to vfio-pci), unbind from the current driver, bind
 * to the recorded one. No writes when it is already there, which makes restore idempotent.
 */
public final class Restore {
  private Restore() {}

  public static List<HostWrite> steps(HostRoot host, DeviceState target) {
    List<HostWrite> out = new ArrayList<>();
    if (!host.exists(PciBus.dir(target.pciAddress()))) {
      return out;
    }
    DeviceState now = DeviceState.read(host, target.pciAddress());
    String dir = PciBus.dir(target.pciAddress());
    if (!Objects.equals(now.driverOverride(), target.driverOverride())) {
      out.add(
          new HostWrite(
              dir + "/driver_override",
              target.driverOverride() == null ? "" : target.driverOverride()));
    }
    if (!Objects.equals(now.driver(), target.driver())) {
      if (now.driver() != null) {
        out.add(
            new HostWrite("/sys/bus/pci/drivers/" + now.driver() + "/unbind", target.address()));
      }
      if (target.driver() != null) {
        out.add(
            new HostWrite("/sys/bus/pci/drivers/" + target.driver() + "/bind", target.address()));
      }
    }
    return out;
  }

  /** True when the device's binding is the recorded one; false when the device is gone. */
  public static boolean matches(HostRoot host, DeviceState target) {
    return present(host, target) && DeviceState.read(host, target.pciAddress()).equals(target);
  }

  /** True while the device is on the bus (a removed or powered-off one has no sysfs directory). */
  public static boolean present(HostRoot host, DeviceState target) {
    return host.exists(PciBus.dir(target.pciAddress()));
  }
}
