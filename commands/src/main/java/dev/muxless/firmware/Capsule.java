package dev.muxless.firmware;

import java.util.Map;

/**
 * Capsule headers that wrap a firmware image. EFI_CAPSULE_HEADER (UEFI spec 8.5.3): GUID
 * CapsuleGuid, u32 HeaderSize, u32 Flags, u32 CapsuleImageSize. The AMI Aptio capsule extends it
 * with u16 RomImageOffset at 0x1C, the image start (UEFITool ffs.h APTIO_CAPSULE_HEADER).
 */
final class Capsule {
  private Capsule() {}

  /** The image inside; {@code problem} is non-null when the header claims more than is there. */
  record Body(String kind, int start, int end, String problem) {}

  private static final Map<Guid, String> EFI_HEADER_KINDS =
      Map.of(
          Guids.EFI_CAPSULE, "UEFI capsule",
          Guids.INTEL_CAPSULE, "Intel capsule",
          Guids.LENOVO_CAPSULE, "Lenovo capsule",
          Guids.LENOVO2_CAPSULE, "Lenovo capsule",
          Guids.FMP_CAPSULE, "UEFI FMP capsule",
          Guids.TOSHIBA_CAPSULE, "Toshiba capsule");

  /** The body of the capsule at offset 0, or null when {@code d} does not start with one. */
  static Body at(byte[] d) {
    if (d.length < 0x20) {
      return null;
    }
    Guid g = Guid.read(d, 0);
    boolean signedAptio = g.equals(Guids.APTIO_SIGNED_CAPSULE);
    if (signedAptio || g.equals(Guids.APTIO_UNSIGNED_CAPSULE)) {
      int romOffset = Le.u16(d, 0x1C);
      long imageSize = Le.u32(d, 0x18);
      if (romOffset < 0x1E || romOffset >= d.length) {
        throw new FirmwareFormatException(
            String.format(
                "AMI Aptio capsule: RomImageOffset 0x%x at offset 0x1c is outside the 0x%x-byte"
                    + " file",
                romOffset, d.length),
            -1);
      }
      String kind = "AMI Aptio capsule (" + (signedAptio ? "signed" : "unsigned") + ")";
      // as for the EFI header below: an image size that ends before the image starts is ignored
      int end = imageSize <= romOffset ? d.length : (int) Math.min(d.length, imageSize);
      return new Body(kind, romOffset, end, truncated(kind, imageSize, d));
    }
    String kind = EFI_HEADER_KINDS.get(g);
    if (kind == null) {
      return null;
    }
    long headerSize = Le.u32(d, 0x10);
    long imageSize = Le.u32(d, 0x18);
    if (headerSize < 0x1C || headerSize >= d.length) {
      throw new FirmwareFormatException(
          String.format(
              "%s: HeaderSize 0x%x at offset 0x10 is outside the 0x%x-byte file",
              kind, headerSize, d.length),
          -1);
    }
    int end = imageSize <= headerSize ? d.length : (int) Math.min(d.length, imageSize);
    return new Body(kind, (int) headerSize, end, truncated(kind, imageSize, d));
  }

  private static String truncated(String kind, long imageSize, byte[] d) {
    return imageSize > d.length
        ? String.format(
            "%s: CapsuleImageSize 0x%x at offset 0x18 runs past the end of the 0x%x-byte file;"
                + " walked what is there",
            kind, imageSize, d.length)
        : null;
  }
}
