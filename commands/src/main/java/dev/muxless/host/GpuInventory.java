package dev.muxless.host;

import java.util.List;

/** The display-class (0x03xxxx) PCI functions of a host: what {@code host gpus} lists. */
public final class GpuInventory {
  private GpuInventory() {}

  public static List<Gpu> list(HostRoot host) {
    return new PciBus(host).devices().stream().filter(PciDevice::isDisplay).map(Gpu::of).toList();
  }
}
