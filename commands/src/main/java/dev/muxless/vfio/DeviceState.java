package dev.muxless.vfio;

import dev.muxless.host.HostRoot;
import dev.muxless.host.PciAddress;
import dev.muxless.host.PciBus;

/**
 * What a PCI function's binding is: its driver (null when unbound) and its driver_override (null
 * when the kernel shows "(null)"). The journal records these; restore and rollback return to them.
 */
public record DeviceState(String address, String driver, String driverOverride) {

  public static DeviceState read(HostRoot host, PciAddress addr) {
    String dir = PciBus.dir(addr);
    String ov =
        host.read(dir + "/driver_override")
            .filter(s -> !s.isEmpty() && !s.equals("(null)"))
            .orElse(null);
    return new DeviceState(addr.toString(), host.linkName(dir + "/driver").orElse(null), ov);
  }

  public PciAddress pciAddress() {
    return PciAddress.parse(address);
  }
}
