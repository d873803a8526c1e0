package dev.muxless.host;

import dev.muxless.core.MuxlessException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PCI function address, {@code domain:bus:device.function}. Users may type the short lspci form
 * ({@code 01:00.0}); the domain then defaults to 0000.
 */
public record PciAddress(int domain, int bus, int device, int function)
    implements Comparable<PciAddress> {
  private static final Pattern FORM =
      Pattern.compile("(?:([0-9a-fA-F]{4}):)?([0-9a-fA-F]{2}):([0-9a-fA-F]{2})\\.([0-7])");

  public PciAddress {
    if (domain < 0 || domain > 0xffff || bus < 0 || bus > 0xff) {
      throw new IllegalArgumentException("domain or bus out of range");
    }
    if (device < 0 || device > 0x1f || function < 0 || function > 7) {
      throw new IllegalArgumentException("device or function out of range");
    }
  }

  /** Parses {@code 0000:01:00.0} or {@code 01:00.0}; a bad address is a bad-input error. */
  public static PciAddress parse(String text) {
    Matcher m = FORM.matcher(text == null ? "" : text.trim());
    if (!m.matches()) {
      throw MuxlessException.badInput(
          "not a PCI address: '" + text + "'",
          "write it as lspci does, e.g. 01:00.0 or 0000:01:00.0 (see 'host gpus')");
    }
    int dev = Integer.parseInt(m.group(3), 16);
    if (dev > 0x1f) {
      throw MuxlessException.badInput(
          "PCI device number " + m.group(3) + " is over 1f in '" + text + "'",
          "device numbers run from 00 to 1f, as in 01:00.0");
    }
    return new PciAddress(
        m.group(1) == null ? 0 : Integer.parseInt(m.group(1), 16),
        Integer.parseInt(m.group(2), 16),
        dev,
        Integer.parseInt(m.group(4), 16));
  }

  /** The same slot, another function (the GPU's audio function is {@code withFunction(1)}). */
  public PciAddress withFunction(int fn) {
    return new PciAddress(domain, bus, device, fn);
  }

  /** True when other is a function of the same slot. */
  public boolean sameSlot(PciAddress other) {
    return domain == other.domain && bus == other.bus && device == other.device;
  }

  @Override
  public String toString() {
    return String.format("%04x:%02x:%02x.%x", domain, bus, device, function);
  }

  @Override
  public int compareTo(PciAddress o) {
    return toString().compareTo(o.toString());
  }
}
