package dev.muxless.firmware;

import dev.muxless.host.Gpu;
import dev.muxless.host.PciBus;
import java.util.List;

/** Which found ROM belongs to which GPU of the host (vendor and device IDs equal). */
public final class HostMatch {
  private HostMatch() {}

  /**
   * The first host GPU whose vendor:device equals the ROM's first image (IDs compared as {@link
   * PciBus#sameId}), or null. Two GPUs of the same model match alike; the first one is named.
   */
  public static Gpu gpuFor(FoundRom rom, List<Gpu> gpus) {
    for (Gpu g : gpus) {
      if (PciBus.sameId(g.vendor(), rom.vendorId(), 4)
          && PciBus.sameId(g.device(), rom.deviceId(), 4)) {
        return g;
      }
    }
    return null;
  }
}
