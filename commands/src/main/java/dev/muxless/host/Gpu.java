package dev.muxless.host;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A display-class PCI function as {@code host gpus} reports it (and its {@code --json} shape). */
@JsonPropertyOrder({
  "address",
  "class",
  "className",
  "vendor",
  "vendorName",
  "device",
  "subsystemVendor",
  "subsystemDevice",
  "driver",
  "bootVga",
  "iommuGroup",
  "muxless"
})
public record Gpu(
    String address,
    @JsonProperty("class") String classCode,
    String className,
    String vendor,
    String vendorName,
    String device,
    String subsystemVendor,
    String subsystemDevice,
    String driver,
    boolean bootVga,
    Integer iommuGroup,
    boolean muxless) {

  static Gpu of(PciDevice d) {
    return new Gpu(
        d.address().toString(),
        d.classCode(),
        d.className(),
        d.vendor(),
        d.vendorName(),
        d.device(),
        d.subsystemVendor(),
        d.subsystemDevice(),
        d.driver(),
        d.bootVga(),
        d.iommuGroup(),
        d.isMuxlessNvidia());
  }
}
