package dev.muxless.kb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What setup validate needs to know about a VBIOS file: where the first option ROM image starts,
 * its PCIR vendor and device, and the code types of the image chain. A minimal, bounds-checked
 * reader (PCI Firmware Specification 3.0, section 5.1: 0x55AA signature, PCIR pointer at 0x18, PCIR
 * vendor +4, device +6, image length +0x10 in 512-byte units, code type +0x14, indicator bit 7 =
 * last image); the rom area's RomParser replaces it at merge. Images are searched on 512-byte
 * boundaries in the first 1 MiB, because NVIDIA dumps may carry an "NVGI" prefix.
 */
public record RomImage(
    Path file,
    long size,
    int offset,
    String vendor,
    String device,
    List<Integer> codeTypes,
    String problem) {

  public boolean valid() {
    return problem == null;
  }

  public boolean isNvidia() {
    return "10de".equals(vendor);
  }

  public boolean hasEfi() {
    return codeTypes.contains(3);
  }

  public static RomImage read(Path file) {
    byte[] b;
    try {
      b = Files.readAllBytes(file);
    } catch (IOException e) {
      return new RomImage(file, 0, -1, null, null, List.of(), "cannot read: " + e.getMessage());
    }
    int limit = Math.min(b.length, 1 << 20);
    for (int off = 0; off + 0x1a <= limit; off += 512) {
      if (u8(b, off) != 0x55 || u8(b, off + 1) != 0xaa) {
        continue;
      }
      int pcir = off + u16(b, off + 0x18);
      if (!isPcir(b, pcir)) {
        continue;
      }
      String vendor = String.format("%04x", u16(b, pcir + 4));
      String device = String.format("%04x", u16(b, pcir + 6));
      List<Integer> types = new ArrayList<>();
      int img = off;
      for (int n = 0; n < 16; n++) {
        int p = img + u16(b, img + 0x18);
        if (u8(b, img) != 0x55 || u8(b, img + 1) != 0xaa || !isPcir(b, p)) {
          break;
        }
        types.add(u8(b, p + 0x14));
        int len = u16(b, p + 0x10) * 512;
        if ((u8(b, p + 0x15) & 0x80) != 0 || len == 0) {
          break;
        }
        img += len;
        if (img + 0x1a > b.length) {
          break;
        }
      }
      String problem =
          vendor.equals("10de")
              ? null
              : "PCIR vendor is "
                  + vendor
                  + ", not NVIDIA (10de) at offset 0x"
                  + Integer.toHexString(off);
      return new RomImage(file, b.length, off, vendor, device, List.copyOf(types), problem);
    }
    return new RomImage(
        file,
        b.length,
        -1,
        null,
        null,
        List.of(),
        "no option ROM image (0x55AA with a PCIR structure) in the first "
            + Math.max(1, limit / 1024)
            + " KiB");
  }

  private static boolean isPcir(byte[] b, int p) {
    return p >= 0
        && p + 0x18 <= b.length
        && b[p] == 'P'
        && b[p + 1] == 'C'
        && b[p + 2] == 'I'
        && b[p + 3] == 'R';
  }

  private static int u8(byte[] b, int i) {
    return i >= 0 && i < b.length ? b[i] & 0xff : -1;
  }

  private static int u16(byte[] b, int i) {
    return i >= 0 && i + 1 < b.length ? (b[i] & 0xff) | (b[i + 1] & 0xff) << 8 : 0;
  }
}
