package dev.muxless.vfio;

import dev.muxless.core.MuxlessException;
import dev.muxless.host.HostRoot;
import dev.muxless.host.PciAddress;
import dev.muxless.host.PciBus;
import dev.muxless.host.PciDevice;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Plans moving devices to vfio-pci the way driverctl and libvirt do it, per device, never with the
 * global new_id (which binds every device with those IDs and fails when written twice:
 * ../shared/docs/known-problems.md #31): set driver_override, unbind from the current driver, then
 * drivers_probe, so only vfio-pci may claim the device. Functions of the named slot (the GPU's
 * audio function) move too; bridges stay.
 */
public final class BindPlanner {
  static final String VFIO = "vfio-pci";

  private BindPlanner() {}

  public static BindPlan plan(HostRoot host, List<PciAddress> named, boolean force) {
    if (named.isEmpty()) {
      throw MuxlessException.badInput("no device given", "name one, e.g. vfio bind 01:00.0");
    }
    PciBus bus = new PciBus(host);
    String label = String.join(",", named.stream().map(PciAddress::toString).toList());
    Set<PciAddress> move = new TreeSet<>();
    for (PciAddress a : named) {
      PciDevice d = bus.require(a);
      if (IommuGroups.isPassThroughBridge(d)) {
        return BindPlan.refuse(label, a + " is a PCI bridge: bridges stay with the host");
      }
      for (PciDevice s : bus.devices()) {
        if (s.address().sameSlot(a) && !IommuGroups.isPassThroughBridge(s)) {
          move.add(s.address());
        }
      }
    }
    List<PciDevice> devices = new ArrayList<>();
    for (PciAddress a : move) {
      devices.add(bus.find(a).orElseThrow());
    }
    for (PciDevice d : devices) {
      if (d.iommuGroup() == null) {
        return BindPlan.refuse(
            label,
            d.address()
                + " has no IOMMU group: enable the IOMMU (intel_iommu=on or amd_iommu=on) and"
                + " check 'host check'");
      }
      if (d.bootVga() && !force) {
        return BindPlan.refuse(
            label,
            d.address()
                + " drives the host's boot display (boot_vga=1): taking it leaves the host"
                + " without a screen; add --force if you really mean it");
      }
    }
    Set<Integer> groups = new LinkedHashSet<>();
    devices.forEach(d -> groups.add(d.iommuGroup()));
    for (int g : groups) {
      for (PciDevice o : IommuGroups.members(host, bus, g)) {
        boolean ours = move.contains(o.address());
        boolean free = o.driver() == null || o.driver().equals(VFIO);
        if (!ours && !IommuGroups.isPassThroughBridge(o) && !free) {
          return BindPlan.refuse(
              label,
              "IOMMU group "
                  + g
                  + " also holds "
                  + o.address()
                  + " ("
                  + o.className()
                  + ", driver "
                  + o.driver()
                  + "), which the host is using; name it too to move it as well");
        }
      }
    }
    if (!host.exists("/sys/bus/pci/drivers/" + VFIO)) {
      return BindPlan.refuse(
          label, "the vfio-pci driver is not loaded: run 'modprobe vfio-pci' first");
    }
    List<HostWrite> steps = new ArrayList<>();
    List<PciAddress> moved = new ArrayList<>();
    for (PciDevice d : devices) {
      DeviceState st = DeviceState.read(host, d.address());
      if (VFIO.equals(st.driver()) && VFIO.equals(st.driverOverride())) {
        continue;
      }
      moved.add(d.address());
      String dir = PciBus.dir(d.address());
      steps.add(new HostWrite(dir + "/driver_override", VFIO));
      if (VFIO.equals(st.driver())) {
        continue;
      }
      if (st.driver() != null) {
        steps.add(new HostWrite("/sys/bus/pci/drivers/" + st.driver() + "/unbind", st.address()));
      }
      steps.add(new HostWrite("/sys/bus/pci/drivers_probe", st.address()));
    }
    return new BindPlan(label, steps, null, moved);
  }
}
