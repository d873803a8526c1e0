package dev.muxless.vfio;

import dev.muxless.host.PciDevice;
import java.util.List;

/**
 * One IOMMU group: the smallest set of devices the IOMMU can isolate, so VFIO hands them to a guest
 * together (kernel Documentation/driver-api/vfio.rst, "Groups, Devices, and IOMMUs"). viable says
 * whether the group can go to a guest without taking unrelated devices from the host; verdict says
 * why in words.
 */
public record IommuGroup(int number, List<PciDevice> devices, boolean viable, String verdict) {
  public IommuGroup {
    devices = List.copyOf(devices);
  }
}
