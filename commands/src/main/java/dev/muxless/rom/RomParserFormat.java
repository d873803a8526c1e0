package dev.muxless.rom;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * What rom-parser (awilliam/rom-parser @ 94a6153) prints for a file, byte for byte, and its exit
 * status, so users can compare with the guides they follow (rom-parser-format.md §3-4). It
 * reproduces rom-parser's logic, not ours: a 512-byte step scan for 55 AA, PCIR only, any non-zero
 * indicator ends the scan. Where rom-parser reads out of bounds (a PCIR pointer past the end) this
 * reads zeros, as rom-parser did under {@code stdbuf -o0}.
 */
public final class RomParserFormat {
  private RomParserFormat() {}

  /** rom-parser's output bytes and exit status (0 or 255). */
  public record Output(byte[] bytes, int exitCode) {
    public String text() {
      return new String(bytes, StandardCharsets.ISO_8859_1);
    }
  }

  public static Output render(byte[] d) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (d.length == 0) {
      print(out, "Error, zero sized ROM file\n");
      return new Output(out.toByteArray(), 255);
    }
    long offset = 0;
    while (true) {
      if (offset >= d.length) {
        print(out, "Error, ran off the end\n");
        return new Output(out.toByteArray(), 255);
      }
      if (u8(d, offset) != 0x55 || u8(d, offset + 1) != 0xAA) {
        offset += 512;
        continue;
      }
      int pcirPtr = u16(d, offset + 0x18);
      print(
          out,
          "Valid ROM signature found @"
              + Long.toHexString(offset)
              + "h, PCIR offset "
              + Integer.toHexString(pcirPtr)
              + "h\n");
      long p = offset + pcirPtr;
      if (u8(d, p) != 'P' || u8(d, p + 1) != 'C' || u8(d, p + 2) != 'I' || u8(d, p + 3) != 'R') {
        print(out, "Invalid PCIR signature: ");
        // strncmp stops at a NUL, but printf("%c") writes every byte, NULs included.
        for (int i = 0; i < 4; i++) {
          out.write(u8(d, p + i));
        }
        print(out, "\n");
        return new Output(out.toByteArray(), 255);
      }
      int type = u8(d, p + 0x14);
      String label = type == 0 ? " (x86 PC-AT)" : type == 3 ? " (EFI)" : "";
      print(
          out,
          String.format(
              "\tPCIR: type %x%s, vendor: %04x, device: %04x, class: %02x%02x%02x\n",
              type,
              label,
              u16(d, p + 4),
              u16(d, p + 6),
              u8(d, p + 0xF),
              u8(d, p + 0xE),
              u8(d, p + 0xD)));
      print(
          out,
          String.format(
              "\tPCIR: revision %x, vendor revision: %x\n", u8(d, p + 0xC), u16(d, p + 0x12)));
      if (type == 3) {
        long sig = (long) u16(d, offset + 4) | (long) u16(d, offset + 6) << 16;
        StringBuilder b = new StringBuilder("\t\tEFI: Signature ");
        if (sig != 0xEF1) {
          b.append("NOT Valid");
        } else {
          b.append("Valid, Subsystem: ")
              .append(EfiImageHeader.subsystemName(u16(d, offset + 8)))
              .append(", Machine: ")
              .append(EfiImageHeader.machineName(u16(d, offset + 0xA)));
        }
        print(out, b.append('\n').toString());
      }
      if (u8(d, p + 0x15) == 0) {
        offset += 512;
        continue;
      }
      print(out, "\tLast image\n");
      return new Output(out.toByteArray(), 0);
    }
  }

  /** rom-parser's message when stat() fails, e.g. for a missing file (strerror of errno). */
  public static Output statError(String strerror) {
    return new Output(
        ("Unable to stat ROM file: " + strerror + "\n").getBytes(StandardCharsets.ISO_8859_1), 255);
  }

  private static void print(ByteArrayOutputStream out, String s) {
    out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
  }

  private static int u8(byte[] d, long off) {
    return Math.max(0, Bytes.u8(d, off));
  }

  private static int u16(byte[] d, long off) {
    return u8(d, off) | u8(d, off + 1) << 8;
  }
}
