package dev.muxless.host;

/**
 * One PCI function as sysfs shows it. IDs are lowercase hex without 0x; class is six hex digits
 * (base class, subclass, programming interface). driver and iommuGroup are null when absent.
 */
public record PciDevice(
    PciAddress address,
    String classCode,
    String vendor,
    String device,
    String subsystemVendor,
    String subsystemDevice,
    String revision,
    String driver,
    boolean bootVga,
    Integer iommuGroup,
    String resetMethod,
    String firmwarePath) {

  public static final String NVIDIA = "10de";
  public static final String INTEL = "8086";

  /** The two-digit base class: 03 display, 06 bridge, 04 multimedia. */
  public String baseClass() {
    return classCode.substring(0, 2);
  }

  /** Base class and subclass, e.g. 0302. */
  public String subClass() {
    return classCode.substring(0, 4);
  }

  public boolean isDisplay() {
    return baseClass().equals("03");
  }

  public boolean isBridge() {
    return baseClass().equals("06");
  }

  /**
   * A muxless Optimus GPU: an NVIDIA 3D controller, which has no display outputs (an MXM card with
   * outputs is a VGA controller).
   */
  public boolean isMuxlessNvidia() {
    return vendor.equals(NVIDIA) && subClass().equals("0302");
  }

  /**
   * A device that sleeps or is gone reads as all ones: vendor ffff (and header type 0x7f in the
   * config space). Its subsystem IDs can't be trusted then.
   */
  public boolean readsAsAllOnes() {
    return vendor.equals("ffff") || device.equals("ffff");
  }

  public String className() {
    return PciNames.className(classCode);
  }

  public String vendorName() {
    return PciNames.vendorName(vendor);
  }
}
