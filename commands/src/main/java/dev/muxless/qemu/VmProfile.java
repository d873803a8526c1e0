package dev.muxless.qemu;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * A VM profile: everything muxless needs to build the qemu command line and the libvirt domain for
 * one guest. The JSON form is documented in {@code docs/vm-profile.schema.json}; relative file
 * paths are relative to the profile's directory. Optional parts are null (absent from the JSON).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "name",
  "qemu",
  "machine",
  "accel",
  "cpu",
  "memoryMib",
  "cpus",
  "firmware",
  "disks",
  "vgpu",
  "gpu",
  "acpiTables",
  "kernel",
  "display",
  "network"
})
public record VmProfile(
    String name,
    String qemu,
    String machine,
    String accel,
    String cpu,
    Integer memoryMib,
    Integer cpus,
    Firmware firmware,
    List<Disk> disks,
    Vgpu vgpu,
    GpuPassthrough gpu,
    List<String> acpiTables,
    KernelBoot kernel,
    Display display,
    Network network) {

  /** The qemu binary: {@code qemu-system-x86_64} unless the profile names another. */
  public String qemuBinary() {
    return qemu == null ? "qemu-system-x86_64" : qemu;
  }

  public List<Disk> disksOrEmpty() {
    return disks == null ? List.of() : disks;
  }

  public List<String> acpiTablesOrEmpty() {
    return acpiTables == null ? List.of() : acpiTables;
  }

  /** A copy with another accelerator (tests run the KVM profile under TCG). */
  public VmProfile withAccel(String a) {
    return new VmProfile(
        name,
        qemu,
        machine,
        a,
        cpu,
        memoryMib,
        cpus,
        firmware,
        disks,
        vgpu,
        gpu,
        acpiTables,
        kernel,
        display,
        network);
  }

  /** OVMF (UEFI, the tested configuration) or SeaBIOS; code and vars are pflash images. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"type", "code", "vars", "varsTemplate"})
  public record Firmware(String type, String code, String vars, String varsTemplate) {
    @JsonIgnore
    public boolean isOvmf() {
      return !"seabios".equals(type);
    }
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"file", "format", "bus"})
  public record Disk(String file, String format, String bus) {}

  /** The GVT-g vGPU (an mdev on the iGPU), the guest's primary display. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"uuid", "type", "parent", "display", "igdOpregion", "ramfb"})
  public record Vgpu(
      String uuid,
      String type,
      String parent,
      Boolean display,
      Boolean igdOpregion,
      Boolean ramfb) {
    public boolean displayOn() {
      return display == null || display;
    }

    public boolean opregionOn() {
      return igdOpregion == null || igdOpregion;
    }

    public boolean ramfbOn() {
      return ramfb != null && ramfb;
    }
  }

  /**
   * The NVIDIA GPU passed through: host address, the subsystem IDs qemu must present (origin notes:
   * "x-pci-sub-vendor-id and x-pci-sub-device-id"), the VBIOS as romfile, and the guest root port
   * it sits behind (function 0, so the guest sees it at 01:00.0 behind 00:01.0, ACPI {@code
   * \_SB.PCI0.S08.S00}).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({
    "host",
    "subsystemVendor",
    "subsystemDevice",
    "romfile",
    "rootPort",
    "rootPortHotplug"
  })
  public record GpuPassthrough(
      String host,
      String subsystemVendor,
      String subsystemDevice,
      String romfile,
      String rootPort,
      Boolean rootPortHotplug) {
    public String rootPortOrDefault() {
      return rootPort == null ? "00:01.0" : rootPort;
    }

    public boolean hotplugOn() {
      return rootPortHotplug != null && rootPortHotplug;
    }
  }

  /**
   * Direct kernel boot by OVMF (origin notes: nouveau needs the EFI handover to find the VBIOS).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"kernel", "initrd", "cmdline"})
  public record KernelBoot(String kernel, String initrd, String cmdline) {}

  /**
   * Remote display: spice or vnc on a unix socket ("unix:/path") or loopback ("127.0.0.1:5900").
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"type", "listen", "gl"})
  public record Display(String type, String listen, Boolean gl) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"type", "model"})
  public record Network(String type, String model) {}
}
