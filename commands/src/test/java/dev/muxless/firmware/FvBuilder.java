package dev.muxless.firmware;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.LZMAOutputStream;

/**
 * Builds firmware structures the way EDK2's GenSec/GenFfs/GenFv and the capsule tools lay them out
 * (PI spec vol. 3), for tests: sections, FFS v2 files, volumes, capsules, descriptor images, zips.
 */
final class FvBuilder {
  private FvBuilder() {}

  static final Guid FILE_A = Guid.of("11111111-2222-3333-4444-555555555555");
  static final Guid FILE_B = Guid.of("AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE");
  static final Guid FV_NAME = Guid.of("01234567-89AB-CDEF-0123-456789ABCDEF");

  static byte[] section(int type, byte[] body) {
    int size = body.length + 4;
    if (size >= 0xFFFFFF) {
      byte[] s = new byte[body.length + 8];
      put24(s, 0, 0xFFFFFF);
      s[3] = (byte) type;
      put32(s, 4, s.length);
      System.arraycopy(body, 0, s, 8, body.length);
      return s;
    }
    byte[] s = new byte[size];
    put24(s, 0, size);
    s[3] = (byte) type;
    System.arraycopy(body, 0, s, 4, body.length);
    return s;
  }

  static byte[] raw(byte[] body) {
    return section(0x19, body);
  }

  static byte[] ui(String name) {
    byte[] b = new byte[name.length() * 2 + 2];
    for (int i = 0; i < name.length(); i++) {
      b[2 * i] = (byte) name.charAt(i);
    }
    return section(0x15, b);
  }

  static byte[] fvImage(byte[] fv) {
    return section(0x17, fv);
  }

  /** EFI_GUID_DEFINED_SECTION with DataOffset right after the header (and the CRC for CRC32). */
  static byte[] guided(Guid g, int attributes, byte[] payload) {
    boolean crc = g.equals(Guids.CRC32);
    int hdr = 4 + 20 + (crc ? 4 : 0);
    byte[] body = new byte[hdr - 4 + payload.length];
    System.arraycopy(g.bytes(), 0, body, 0, 16);
    put16(body, 16, hdr);
    put16(body, 18, attributes);
    if (crc) {
      CRC32 c = new CRC32();
      c.update(payload);
      put32(body, 20, c.getValue());
    }
    System.arraycopy(payload, 0, body, hdr - 4, payload.length);
    return section(0x02, body);
  }

  static byte[] lzmaSection(byte[] sections) {
    return guided(Guids.LZMA, 1, lzma(sections));
  }

  /** LZMA after the x86 BCJ filter, as EDK2's LzmaF86Compress does (GUID D42AE6BD-...). */
  static byte[] lzmaF86Section(byte[] sections) {
    byte[] filtered = sections.clone();
    new org.tukaani.xz.simple.X86(true, 0).code(filtered, 0, filtered.length);
    return guided(Guids.LZMA_F86, 1, lzma(filtered));
  }

  static byte[] tianoSection(byte[] sections) {
    return guided(
        Guids.TIANO, 1, TestEfiCompressor.compress(sections, EfiDecompressor.Variant.TIANO));
  }

  /** EFI_COMPRESSION_SECTION, standard (EFI 1.1) compression. */
  static byte[] efiCompressed(byte[] sections) {
    byte[] c = TestEfiCompressor.compress(sections, EfiDecompressor.Variant.EFI);
    byte[] body = new byte[5 + c.length];
    put32(body, 0, sections.length);
    body[4] = 1;
    System.arraycopy(c, 0, body, 5, c.length);
    return section(0x01, body);
  }

  /** Raw LZMA as EDK2 LzmaCompress writes it: props, u32 dictionary, u64 size, stream. */
  static byte[] lzma(byte[] data) {
    try {
      ByteArrayOutputStream bo = new ByteArrayOutputStream();
      LZMA2Options o = new LZMA2Options(LZMA2Options.PRESET_MIN);
      try (LZMAOutputStream out = new LZMAOutputStream(bo, o, data.length)) {
        out.write(data);
      }
      return bo.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sections one after another, each 4-byte aligned. */
  static byte[] concat(byte[]... sections) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    for (byte[] s : sections) {
      while (o.size() % 4 != 0) {
        o.write(0);
      }
      o.writeBytes(s);
    }
    return o.toByteArray();
  }

  /** An FFS v2 file (EFI_FFS_FILE_HEADER, state 0xF8 = data valid with erase polarity 1). */
  static byte[] file(Guid name, int type, byte[] body) {
    byte[] f = new byte[0x18 + body.length];
    System.arraycopy(name.bytes(), 0, f, 0, 16);
    f[0x12] = (byte) type;
    put24(f, 0x14, f.length);
    int sum = 0;
    for (int i = 0; i < 0x17; i++) {
      sum += i == 0x10 || i == 0x11 ? 0 : f[i] & 0xFF;
    }
    f[0x10] = (byte) -sum; // header checksum
    f[0x11] = (byte) 0xAA; // FFS_FIXED_CHECKSUM: no data checksum
    f[0x17] = (byte) 0xF8;
    System.arraycopy(body, 0, f, 0x18, body.length);
    return f;
  }

  /** A volume with an extended header naming it, files 8-aligned, padded with 0xFF to 4 KiB. */
  static byte[] volume(byte[]... files) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    o.writeBytes(new byte[0x48]);
    byte[] ext = new byte[20];
    System.arraycopy(FV_NAME.bytes(), 0, ext, 0, 16);
    put32(ext, 16, 20);
    o.writeBytes(ext);
    for (byte[] f : files) {
      while (o.size() % 8 != 0) {
        o.write(0xFF);
      }
      o.writeBytes(f);
    }
    while (o.size() % 0x1000 != 0) {
      o.write(0xFF);
    }
    byte[] fv = o.toByteArray();
    System.arraycopy(Guids.FFS2.bytes(), 0, fv, 0x10, 16);
    put64(fv, 0x20, fv.length);
    fv[0x28] = '_';
    fv[0x29] = 'F';
    fv[0x2A] = 'V';
    fv[0x2B] = 'H';
    put32(fv, 0x2C, 0x0004FEFF); // EDK2 FvMain attributes, erase polarity 1
    put16(fv, 0x30, 0x48);
    put16(fv, 0x34, 0x48);
    fv[0x37] = 2;
    put32(fv, 0x38, fv.length / 0x1000);
    put32(fv, 0x3C, 0x1000);
    sealVolume(fv);
    return fv;
  }

  /** Recomputes the volume header checksum after a test edits the header. */
  static void sealVolume(byte[] fv) {
    put16(fv, 0x32, 0);
    int sum = 0;
    for (int i = 0; i < 0x48; i += 2) {
      sum += Le.u16(fv, i);
    }
    put16(fv, 0x32, -sum & 0xFFFF);
  }

  /** Sets a hand-built file's header checksum (and the fixed data checksum 0xAA). */
  static void sealFile(byte[] f, int headerLength) {
    f[0x10] = 0;
    f[0x11] = (byte) 0xAA;
    int sum = 0;
    for (int i = 0; i < headerLength; i++) {
      sum += i == 0x11 || i == 0x17 ? 0 : f[i] & 0xFF;
    }
    f[0x10] = (byte) -sum;
  }

  /** A flash image of {@code size} bytes of 0xFF with {@code fv} at {@code at}. */
  static byte[] flash(int size, int at, byte[] fv) {
    byte[] img = new byte[size];
    Arrays.fill(img, (byte) 0xFF);
    System.arraycopy(fv, 0, img, at, fv.length);
    return img;
  }

  /** EFI_CAPSULE_HEADER with {@code guid}, HeaderSize 0x20, flags 0x50000. */
  static byte[] capsule(Guid guid, byte[] body) {
    byte[] c = new byte[0x20 + body.length];
    System.arraycopy(guid.bytes(), 0, c, 0, 16);
    put32(c, 0x10, 0x20);
    put32(c, 0x14, 0x50000);
    put32(c, 0x18, c.length);
    System.arraycopy(body, 0, c, 0x20, body.length);
    return c;
  }

  /** AMI Aptio signed capsule: RomImageOffset 0x800 (room for the certificate). */
  static byte[] aptioCapsule(byte[] body) {
    byte[] c = new byte[0x800 + body.length];
    System.arraycopy(Guids.APTIO_SIGNED_CAPSULE.bytes(), 0, c, 0, 16);
    put32(c, 0x10, 0x1C);
    put32(c, 0x14, 0x10001);
    put32(c, 0x18, c.length);
    put16(c, 0x1C, 0x800);
    System.arraycopy(body, 0, c, 0x800, body.length);
    return c;
  }

  /**
   * A descriptor-mode SPI image: descriptor at 0 (signature at 0x10, FRBA 0x40), ME region at
   * 0x1000-0x1FFF, BIOS region = the rest, holding {@code bios} at its end (where it is mapped).
   */
  static byte[] descriptorImage(int size, byte[] bios) {
    byte[] img = new byte[size];
    Arrays.fill(img, (byte) 0xFF);
    Arrays.fill(img, 0, 0x1000, (byte) 0);
    put32(img, 0x10, FlashDescriptor.SIGNATURE);
    put32(img, 0x14, 0x04 << 16); // FRBA = 0x04 << 4 = 0x40
    put32(img, 0x40, 0x0000_0000); // descriptor 0x0-0xFFF
    int biosBase = 0x2000;
    put32(img, 0x44, ((size - 1) >> 12) << 16 | biosBase >> 12); // BIOS
    put32(img, 0x48, 1 << 16 | 1); // ME 0x1000-0x1FFF
    for (int r = 3; r < 16; r++) {
      put32(img, 0x40 + 4 * r, 0x7FFF); // unused: base > limit
    }
    System.arraycopy(bios, 0, img, size - bios.length, bios.length);
    return img;
  }

  static byte[] zip(String name, byte[] data) {
    try {
      ByteArrayOutputStream bo = new ByteArrayOutputStream();
      try (ZipOutputStream z = new ZipOutputStream(bo)) {
        z.putNextEntry(new ZipEntry("readme.txt"));
        z.write("BIOS update".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        z.putNextEntry(new ZipEntry(name));
        z.write(data);
      }
      return bo.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void put16(byte[] b, int o, int v) {
    b[o] = (byte) v;
    b[o + 1] = (byte) (v >>> 8);
  }

  static void put24(byte[] b, int o, int v) {
    put16(b, o, v);
    b[o + 2] = (byte) (v >>> 16);
  }

  static void put32(byte[] b, int o, long v) {
    for (int i = 0; i < 4; i++) {
      b[o + i] = (byte) (v >>> (8 * i));
    }
  }

  static void put64(byte[] b, int o, long v) {
    put32(b, o, v);
    put32(b, o + 4, v >>> 32);
  }
}
