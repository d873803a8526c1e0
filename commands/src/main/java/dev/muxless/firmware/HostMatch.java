package dev.muxless.firmware;

import dev.muxless.host.Gpu;
import java.util.List;
import java.util.Locale;

/** Which found ROM belongs to which GPU of the host (vendor and device IDs equal). */
public final class HostMatch {
  private HostMatch() {}

  /** The host GPU whose vendor:device equals the ROM's first image, NVIDIA first, or null. */
  public static Gpu gpuFor(FoundRom rom, List<Gpu> gpus) {
    Gpu hit = null;
    for (Gpu g : gpus) {
      if (same(g.vendor(), rom.vendorId()) && same(g.device(), rom.deviceId())) {
        if (hit == null || "10de".equals(lower(g.vendor()))) {
          hit = g;
        }
      }
    }
    return hit;
  }

  private static boolean same(String a, String b) {
    return a != null && b != null && lower(a).replaceFirst("^0x", "").equals(lower(b));
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
