package dev.muxless.vfio;

import dev.muxless.host.HostRoot;
import dev.muxless.host.PciAddress;
import dev.muxless.host.PciBus;
import dev.muxless.host.PciDevice;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code /sys/kernel/iommu_groups/N/devices} and judges each group for passthrough.
 *
 * <p>PCI-to-PCI bridges (class 0604) stay with the host and don't count: vfio-pci tolerates them
 * bound to pcieport (drivers/vfio/vfio_main.c keeps a driver allow-list for bridges). A group is
 * viable when its endpoints all belong to one slot (a GPU and its audio function), because VFIO
 * gives the whole group to one owner; a host bridge or ISA bridge in the group (the chipset) makes
 * it unusable.
 */
public final class IommuGroups {
  static final String GROUPS = "/sys/kernel/iommu_groups";

  private IommuGroups() {}

  public static List<IommuGroup> read(HostRoot host) {
    PciBus bus = new PciBus(host);
    List<IommuGroup> out = new ArrayList<>();
    for (String name : host.list(GROUPS)) {
      if (!name.matches("\\d{1,9}")) {
        continue;
      }
      int n = Integer.parseInt(name);
      out.add(judge(n, members(host, bus, n)));
    }
    out.sort(Comparator.comparingInt(IommuGroup::number));
    return out;
  }

  /** The group that holds addr, if it has one. */
  public static Optional<IommuGroup> of(HostRoot host, PciAddress addr) {
    PciBus bus = new PciBus(host);
    return bus.find(addr)
        .map(PciDevice::iommuGroup)
        .filter(n -> host.exists(GROUPS + "/" + n))
        .map(n -> judge(n, members(host, bus, n)));
  }

  /** The PCI functions of group n, sorted by address. */
  public static List<PciDevice> members(HostRoot host, int n) {
    return members(host, new PciBus(host), n);
  }

  static List<PciDevice> members(HostRoot host, PciBus bus, int n) {
    List<PciDevice> devs = new ArrayList<>();
    for (String d : host.list(GROUPS + "/" + n + "/devices")) {
      try {
        bus.find(PciAddress.parse(d)).ifPresent(devs::add);
      } catch (RuntimeException e) {
        // not a PCI function (platform devices can share groups too): nothing to judge
      }
    }
    devs.sort(Comparator.comparing(PciDevice::address));
    return devs;
  }

  /** True for a PCI-to-PCI bridge, which stays with the host (endpoints are everything else). */
  public static boolean isPassThroughBridge(PciDevice d) {
    return d.subClass().equals("0604");
  }

  /** bridge (stays with the host), chipset (a host or ISA bridge) or endpoint. */
  public static String role(PciDevice d) {
    if (isPassThroughBridge(d)) {
      return "bridge";
    }
    return d.subClass().equals("0600") || d.subClass().equals("0601") ? "chipset" : "endpoint";
  }

  static IommuGroup judge(int number, List<PciDevice> devs) {
    List<PciDevice> endpoints = devs.stream().filter(d -> !isPassThroughBridge(d)).toList();
    List<PciDevice> chipset =
        endpoints.stream()
            .filter(d -> d.subClass().equals("0600") || d.subClass().equals("0601"))
            .toList();
    if (endpoints.isEmpty()) {
      return new IommuGroup(number, devs, false, "bridges only: nothing to pass through");
    }
    if (!chipset.isEmpty()) {
      return new IommuGroup(
          number,
          devs,
          false,
          "not viable: holds "
              + chipset.get(0).className()
              + " "
              + chipset.get(0).address()
              + ", which the host needs");
    }
    Set<String> slots = new LinkedHashSet<>();
    for (PciDevice d : endpoints) {
      slots.add(slot(d.address()));
    }
    if (slots.size() > 1) {
      return new IommuGroup(
          number,
          devs,
          false,
          "not viable alone: endpoints of "
              + slots.size()
              + " slots ("
              + String.join(", ", slots)
              + ") go to a guest together");
    }
    boolean ready = endpoints.stream().allMatch(d -> "vfio-pci".equals(d.driver()));
    String bridges = devs.size() > endpoints.size() ? " (bridges stay with the host)" : "";
    return new IommuGroup(
        number,
        devs,
        true,
        (ready ? "viable, bound to vfio-pci: " : "viable: ")
            + endpoints.size()
            + (endpoints.size() == 1 ? " function" : " functions")
            + " of slot "
            + slots.iterator().next()
            + bridges);
  }

  static String slot(PciAddress a) {
    String s = a.toString();
    return s.substring(0, s.lastIndexOf('.'));
  }
}
