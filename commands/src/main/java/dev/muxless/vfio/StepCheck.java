package dev.muxless.vfio;

import dev.muxless.host.HostRoot;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that a sysfs write did what it should: a write can succeed and change nothing
 * (drivers_probe returns success even when no driver claimed the device: known-problems.md #31).
 */
final class StepCheck {
  private static final Pattern DRIVER_OP =
      Pattern.compile("/sys/bus/pci/drivers/([^/]+)/(un)?bind");

  private StepCheck() {}

  /** A sentence naming what is wrong, or empty when the host shows the write's effect. */
  static Optional<String> verify(HostRoot host, HostWrite w) {
    String p = w.path();
    Matcher m;
    if (p.endsWith("/driver_override")) {
      String got = host.read(p).orElse("");
      String want = w.value().isEmpty() ? "(null)" : w.value();
      return got.equals(want)
          ? Optional.empty()
          : Optional.of(p + " reads '" + got + "', not '" + want + "'");
    }
    if ((m = DRIVER_OP.matcher(p)).matches()) {
      String drv = m.group(1);
      Optional<String> now = driverOf(host, w.value());
      if (m.group(2) != null) {
        return now.equals(Optional.of(drv))
            ? Optional.of(w.value() + " is still bound to " + drv + " after unbind")
            : Optional.empty();
      }
      return now.equals(Optional.of(drv))
          ? Optional.empty()
          : Optional.of(w.value() + " is bound to " + now.orElse("no driver") + ", not " + drv);
    }
    if (p.equals("/sys/bus/pci/drivers_probe")) {
      String ov =
          host.read("/sys/bus/pci/devices/" + w.value() + "/driver_override").orElse("(null)");
      Optional<String> now = driverOf(host, w.value());
      if (!ov.equals("(null)") && !now.equals(Optional.of(ov))) {
        return Optional.of(
            "drivers_probe succeeded but "
                + w.value()
                + " is bound to "
                + now.orElse("no driver")
                + ": "
                + ov
                + " did not claim it");
      }
    }
    return Optional.empty();
  }

  static Optional<String> driverOf(HostRoot host, String addr) {
    return host.linkName("/sys/bus/pci/devices/" + addr + "/driver");
  }
}
