package dev.muxless.firmware;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.muxless.rom.RomImage;
import dev.muxless.rom.RomReport;

/**
 * One distinct option ROM chain found in the input (distinct by SHA-256 of its bytes; the first
 * location wins, later ones are counted in {@code copies}).
 *
 * @param bytes the ROM chain, from its first image to the end of its last image
 * @param report what the rom engine made of those bytes on their own
 */
public record FoundRom(
    String sha256, @JsonIgnore byte[] bytes, RomReport report, RomLocation location, int copies) {

  public String vendorId() {
    return first() == null ? "" : first().vendorId();
  }

  public String deviceId() {
    return first() == null ? "" : first().deviceId();
  }

  public String classCode() {
    return first() == null ? "" : first().classCode();
  }

  public long size() {
    return bytes.length;
  }

  /** True for an NVIDIA display-class ROM (the rom engine's NvidiaInfo, or 10de + class 03). */
  public boolean nvidiaVbios() {
    return report.nvidia() != null
        || ("10de".equalsIgnoreCase(vendorId()) && classCode().startsWith("03"));
  }

  /** The name written to the output directory: VENDOR_DEVICE_&lt;where&gt;.rom. */
  public String fileName() {
    return vendorId() + "_" + deviceId() + "_" + location.tag() + ".rom";
  }

  FoundRom withCopies(int n) {
    return new FoundRom(sha256, bytes, report, location, n);
  }

  private RomImage first() {
    return report.images().isEmpty() ? null : report.images().get(0);
  }
}
