package dev.muxless.host;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads PCI functions from {@code /sys/bus/pci/devices} through the host root. Attributes that are
 * missing (containers, old kernels, fixtures) read as absent rather than failing.
 */
public final class PciBus {
  static final String DEVICES = "/sys/bus/pci/devices";

  private final HostRoot host;

  public PciBus(HostRoot host) {
    this.host = host;
  }

  /** Every function, sorted by address; unparseable entries are skipped. */
  public List<PciDevice> devices() {
    List<PciDevice> out = new ArrayList<>();
    for (String name : host.list(DEVICES)) {
      PciAddress addr;
      try {
        addr = PciAddress.parse(name);
      } catch (RuntimeException e) {
        continue;
      }
      out.add(read(addr));
    }
    return out;
  }

  public Optional<PciDevice> find(PciAddress addr) {
    if (!host.exists(dir(addr))) {
      return Optional.empty();
    }
    return Optional.of(read(addr));
  }

  /**
   * The first 64 bytes of a function's config space (the standard header, which sysfs lets any user
   * read); empty when the file is missing or short.
   */
  public Optional<byte[]> configHeader(PciAddress addr) {
    try (java.io.InputStream in =
        java.nio.file.Files.newInputStream(host.path(dir(addr) + "/config"))) {
      byte[] b = in.readNBytes(64);
      return b.length == 64 ? Optional.of(b) : Optional.empty();
    } catch (java.io.IOException | SecurityException e) {
      return Optional.empty();
    }
  }

  /** The function at addr, or a bad-input error naming it and how to list the devices. */
  public PciDevice require(PciAddress addr) {
    return find(addr)
        .orElseThrow(
            () ->
                dev.muxless.core.MuxlessException.badInput(
                    "no PCI device " + addr + " on host " + host.label(),
                    "list the devices with 'vfio groups' or 'host gpus'"));
  }

  /**
   * True when the function's config space reads all ones (vendor ffff or header type 0x7f once the
   * multi-function bit is masked, as lspci shows it): the device sleeps in D3cold or is gone. The
   * sysfs ID attributes are cached at enumeration, so only the config space tells.
   */
  public boolean asleep(PciAddress addr) {
    return configHeader(addr)
        .map(c -> ((c[0] & 0xff) | (c[1] & 0xff) << 8) == 0xffff || (c[0x0e] & 0x7f) == 0x7f)
        .orElse(false);
  }

  /** The host path of a function's sysfs directory. */
  public static String dir(PciAddress addr) {
    return DEVICES + "/" + addr;
  }

  PciDevice read(PciAddress addr) {
    String d = dir(addr);
    String cls = hex(host.read(d + "/class"), 6).orElse("000000");
    String group = host.linkName(d + "/iommu_group").orElse(null);
    Integer groupNo = null;
    if (group != null && group.matches("\\d{1,9}")) {
      groupNo = Integer.parseInt(group);
    }
    return new PciDevice(
        addr,
        cls,
        hex(host.read(d + "/vendor"), 4).orElse("ffff"),
        hex(host.read(d + "/device"), 4).orElse("ffff"),
        hex(host.read(d + "/subsystem_vendor"), 4).orElse(null),
        hex(host.read(d + "/subsystem_device"), 4).orElse(null),
        hex(host.read(d + "/revision"), 2).orElse(null),
        host.linkName(d + "/driver").orElse(null),
        host.read(d + "/boot_vga").map("1"::equals).orElse(false),
        groupNo,
        host.read(d + "/reset_method").orElse(null),
        host.read(d + "/firmware_node/path").orElse(null));
  }

  /** "0x10de" → "10de", zero-padded to width; empty when it isn't hex. */
  static Optional<String> hex(Optional<String> raw, int width) {
    return raw.flatMap(s -> hex(s, width));
  }

  /**
   * A PCI ID as sysfs or a user writes it ("0x10DE", "10de", "0X10de") in the one form muxless
   * compares and prints: lower case, no 0x, zero-padded to width; empty when it is null or not 1 to
   * width hex digits.
   */
  public static Optional<String> hex(String raw, int width) {
    if (raw == null) {
      return Optional.empty();
    }
    String s = raw.trim();
    if (s.startsWith("0x") || s.startsWith("0X")) {
      s = s.substring(2);
    }
    if (!s.matches("[0-9a-fA-F]{1," + width + "}")) {
      return Optional.empty();
    }
    return Optional.of("0".repeat(width - s.length()) + s.toLowerCase(java.util.Locale.ROOT));
  }

  /** True when both are the same PCI ID of width hex digits (see {@link #hex(String, int)}). */
  public static boolean sameId(String a, String b, int width) {
    Optional<String> x = hex(a, width);
    return x.isPresent() && x.equals(hex(b, width));
  }
}
