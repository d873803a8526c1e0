package dev.muxless.firmware;

/**
 * Vendor update wrappers muxless recognises but does not unpack. The walker still searches their
 * raw bytes for volumes and ROMs stored uncompressed, and names the wrapper when nothing is found.
 * Signatures: Dell PFS "PFS.HDR." (platomav/BIOSUtilities Dell_PFS_Extract), Microsoft CAB "MSCF",
 * 7-Zip "7z\xBC\xAF\x27\x1C", OLE compound file (MSI) D0 CF 11 E0 A1 B1 1A E1, Inno Setup's "Inno
 * Setup Setup Data" marker, and Windows executables "MZ" (HP SoftPaq, Lenovo and other installers
 * are executables).
 */
final class Wrappers {
  private Wrappers() {}

  private static final byte[] SEVEN_ZIP = {'7', 'z', (byte) 0xBC, (byte) 0xAF, 0x27, 0x1C};
  private static final byte[] OLE = {
    (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1
  };

  /** A description ending in "not unpacked", or null when {@code d} starts with none of them. */
  static String recognise(byte[] d) {
    if (Le.ascii(d, 0, "PFS.HDR.")) {
      return "Dell PFS update package: not unpacked (extract it with Dell_PFS_Extract from "
          + "BIOSUtilities first)";
    }
    if (Le.ascii(d, 0, "MSCF")) {
      return "Microsoft Cabinet (CAB) archive: not unpacked (extract it with cabextract first)";
    }
    if (startsWith(d, SEVEN_ZIP)) {
      return "7-Zip archive: not unpacked (extract it with 7z first)";
    }
    if (startsWith(d, OLE)) {
      return "MSI / OLE compound file: not unpacked (extract it with msiextract or 7z first)";
    }
    if (Le.ascii(d, 0, "MZ")) {
      if (indexOf(d, "Inno Setup Setup Data") >= 0) {
        return "Inno Setup installer: not unpacked (extract it with innoextract first)";
      }
      return "Windows executable (vendor installer such as HP SoftPaq or Lenovo): not unpacked "
          + "(run it with its extract option, or 7z x, first)";
    }
    return null;
  }

  private static boolean startsWith(byte[] d, byte[] sig) {
    return d.length >= sig.length && java.util.Arrays.equals(d, 0, sig.length, sig, 0, sig.length);
  }

  static int indexOf(byte[] d, String s) {
    byte first = (byte) s.charAt(0);
    for (int i = 0; i + s.length() <= d.length; i++) {
      if (d[i] == first && Le.ascii(d, i, s)) {
        return i;
      }
    }
    return -1;
  }
}
