package dev.muxless.rom;

import java.util.ArrayList;
import java.util.List;

/**
 * NVIDIA's BIOS Information Table: found by the ID 0xB8FF and "BIT\0" and accepted only when the
 * header's HeaderSize bytes sum to 0, as NVIDIA's driver does (s_vbiosFindBitHeader,
 * kernel_gsp_fwsec.c). Token pointers are relative to the x86 image start.
 *
 * @param offset absolute offset of the header in the file
 * @param entries the header's TokenEntries byte (10); {@code tokens} may hold fewer when the table
 *     runs past the end of the file or the token size is not one muxless reads
 */
public record BitTable(
    long offset, int version, int headerSize, int tokenSize, int entries, List<BitToken> tokens) {
  private static final byte[] MAGIC = {(byte) 0xFF, (byte) 0xB8, 'B', 'I', 'T', 0};

  /** Without the header's entry count: taken as the number of tokens. */
  public BitTable(long offset, int version, int headerSize, int tokenSize, List<BitToken> tokens) {
    this(offset, version, headerSize, tokenSize, tokens.size(), tokens);
  }

  /**
   * The first BIT with a good checksum in [from, to), pointers resolved against base; null when
   * none. A candidate with a bad checksum is skipped, as the driver does.
   */
  static BitTable find(byte[] d, long from, long to, long base, Relocator reloc) {
    long end = Math.min(to, d.length) - MAGIC.length;
    for (long i = Math.max(0, from); i <= end; i++) {
      int at = (int) i;
      if (!java.util.Arrays.equals(d, at, at + MAGIC.length, MAGIC, 0, MAGIC.length)) {
        continue;
      }
      int headerSize = Bytes.u8(d, i + 8);
      if (headerSize < 12 || Bytes.sum8(d, i, headerSize) != 0) {
        continue;
      }
      int tokenSize = Bytes.u8(d, i + 9);
      int entries = Bytes.u8(d, i + 10);
      List<BitToken> tokens = new ArrayList<>();
      if (tokenSize == 6 || tokenSize == 8) {
        for (int t = 0; t < entries; t++) {
          long to0 = i + headerSize + (long) t * tokenSize;
          if (!Bytes.has(d, to0, tokenSize)) {
            break;
          }
          long ptr = tokenSize == 6 ? Bytes.u16(d, to0 + 4) : Bytes.u32(d, to0 + 4);
          long abs = ptr == 0 ? -1 : base + reloc.relocate(ptr);
          tokens.add(
              new BitToken(
                  (char) Bytes.u8(d, to0), Bytes.u8(d, to0 + 1), Bytes.u16(d, to0 + 2), ptr, abs));
        }
      }
      return new BitTable(
          i, Bytes.u16(d, i + 6), headerSize, tokenSize, entries, List.copyOf(tokens));
    }
    return null;
  }

  public BitToken token(char id) {
    for (BitToken t : tokens) {
      if (t.id() == id && t.pointer() != 0) {
        return t;
      }
    }
    return null;
  }

  /** "1.0" from the BCD version 0x0100. */
  public String versionText() {
    return Integer.toHexString(version >> 8) + "." + Integer.toHexString(version & 0xff);
  }

  /**
   * BIT pointers beyond the x86 image must have the EFI image's length added when an EFI image
   * follows it (NVIDIA BIT spec).
   */
  interface Relocator {
    long relocate(long pointer);
  }
}
