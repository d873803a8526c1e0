package dev.muxless.host;

import java.util.Map;

/** Names for the PCI classes and vendors muxless talks about (PCI Code and ID Assignment spec). */
public final class PciNames {
  private static final Map<String, String> CLASSES =
      Map.ofEntries(
          Map.entry("0300", "VGA compatible controller"),
          Map.entry("0301", "XGA compatible controller"),
          Map.entry("0302", "3D controller"),
          Map.entry("0380", "Display controller"),
          Map.entry("0403", "Audio device"),
          Map.entry("0600", "Host bridge"),
          Map.entry("0601", "ISA bridge"),
          Map.entry("0604", "PCI bridge"),
          Map.entry("0c03", "USB controller"),
          Map.entry("0c05", "SMBus"),
          Map.entry("0200", "Ethernet controller"),
          Map.entry("0280", "Network controller"),
          Map.entry("0106", "SATA controller"),
          Map.entry("0108", "Non-Volatile memory controller"),
          Map.entry("1180", "Signal processing controller"),
          Map.entry("0780", "Communication controller"),
          Map.entry("0580", "Memory controller"));

  private static final Map<String, String> VENDORS =
      Map.of(
          "8086", "Intel",
          "10de", "NVIDIA",
          "1002", "AMD/ATI",
          "1022", "AMD",
          "1028", "Dell",
          "17aa", "Lenovo",
          "1043", "ASUS",
          "103c", "HP",
          "1af4", "Red Hat (virtio)",
          "1234", "QEMU");

  private PciNames() {}

  public static String className(String classCode) {
    if (classCode == null || classCode.length() < 4) {
      return "unknown class";
    }
    String name = CLASSES.get(classCode.substring(0, 4));
    return name != null ? name : "class " + classCode.substring(0, 4);
  }

  public static String vendorName(String vendor) {
    return VENDORS.getOrDefault(vendor, vendor);
  }
}
