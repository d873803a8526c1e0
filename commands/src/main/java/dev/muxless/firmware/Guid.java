package dev.muxless.firmware;

import java.util.Locale;

/**
 * An EFI_GUID as stored in firmware: Data1 (u32), Data2 and Data3 (u16) little-endian, Data4 eight
 * bytes in order (UEFI spec, appendix A). Printed upper-case like UEFITool.
 */
public record Guid(String text) {

  public static Guid read(byte[] d, int o) {
    return new Guid(
        String.format(
                "%08X-%04X-%04X-%02X%02X-%02X%02X%02X%02X%02X%02X",
                Le.u32(d, o),
                Le.u16(d, o + 4),
                Le.u16(d, o + 6),
                d[o + 8],
                d[o + 9],
                d[o + 10],
                d[o + 11],
                d[o + 12],
                d[o + 13],
                d[o + 14],
                d[o + 15])
            .toUpperCase(Locale.ROOT));
  }

  public static Guid of(String text) {
    return new Guid(text.toUpperCase(Locale.ROOT));
  }

  /** The 16 bytes as firmware stores them. */
  public byte[] bytes() {
    String h = text.replace("-", "");
    byte[] b = new byte[16];
    for (int i = 0; i < 16; i++) {
      b[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
    }
    swap(b, 0, 3);
    swap(b, 1, 2);
    swap(b, 4, 5);
    swap(b, 6, 7);
    return b;
  }

  private static void swap(byte[] b, int i, int j) {
    byte t = b[i];
    b[i] = b[j];
    b[j] = t;
  }

  public boolean at(byte[] d, int o) {
    return Le.fits(d, o, 16) && read(d, o).equals(this);
  }

  @Override
  public String toString() {
    return text;
  }
}
