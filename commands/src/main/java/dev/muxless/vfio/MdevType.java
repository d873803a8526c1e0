package dev.muxless.vfio;

import dev.muxless.host.PciAddress;

/**
 * One mediated device type a parent offers ({@code mdev_supported_types/ID}): for GVT-g the vGPU
 * sizes i915 offers, e.g. {@code i915-GVTg_V5_4} named {@code GVTg_V5_4}.
 */
public record MdevType(
    PciAddress parent, String id, String name, String description, int availableInstances) {

  /** A number from the description ("high_gm_size: 512MB" gives 512), or 0. */
  public int descriptionNumber(String key) {
    for (String line : description.split("\n")) {
      String l = line.trim();
      if (l.startsWith(key + ":")) {
        java.util.regex.Matcher m =
            java.util.regex.Pattern.compile("\\s*(\\d{1,9})")
                .matcher(l.substring(key.length() + 1));
        return m.lookingAt() ? Integer.parseInt(m.group(1)) : 0;
      }
    }
    return 0;
  }

  /** "resolution: 1920x1200" gives 1920x1200; empty when the type does not say. */
  public String resolution() {
    for (String line : description.split("\n")) {
      String l = line.trim();
      if (l.startsWith("resolution:")) {
        return l.substring(11).trim();
      }
    }
    return "";
  }
}
