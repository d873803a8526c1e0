package dev.muxless.firmware;

import java.util.zip.CRC32;

/**
 * FFS sections (PI spec vol. 3, 2.1.5 and 3.2.5; EDK2 MdePkg/Include/Pi/PiFirmwareFile.h):
 * compression, GUID-defined (LZMA, LZMA+x86, Tiano, CRC32), FV image and leaf sections. Every leaf
 * that may hold code or data is handed to the rom engine.
 */
final class SectionParser {
  private static final int EXTENDED_SIZE = 0xFFFFFF;
  private static final int PROCESSING_REQUIRED = 0x01; // EFI_GUIDED_SECTION_PROCESSING_REQUIRED

  private final Walk walk;
  private final VolumeParser volumes;

  SectionParser(Walk walk, VolumeParser volumes) {
    this.walk = walk;
    this.volumes = volumes;
  }

  void sections(byte[] d, int start, int len, Where w) {
    walk.budget.depth(w.depth(), w.abs(start));
    long pos = 0;
    while (pos + 4 <= len) {
      int s = (int) (start + pos);
      walk.budget.time(w.abs(s));
      long size = Le.u24(d, s);
      int type = Le.u8(d, s + 3);
      int header = 4;
      if (size == EXTENDED_SIZE && pos + 8 <= len) {
        size = Le.u32(d, s + 4);
        header = 8;
      }
      if (size == 0 && type == 0) {
        return; // zero fill after the last section
      }
      if (size < header || pos + size > len) {
        walk.problem(
            w,
            s,
            String.format(
                "%s section: size 0x%x %s; rest of the file skipped",
                FfsNames.sectionType(type),
                size,
                size < header ? "is smaller than its header" : "runs past the end of the file"));
        return;
      }
      try {
        section(d, s, (int) size, header, type, w);
      } catch (FirmwareFormatException e) {
        String label =
            type == 0x02 && size >= header + 16
                ? guidLabel(Guid.read(d, s + header))
                : FfsNames.sectionType(type);
        walk.problem(w.section(label), s, e);
      }
      pos = VolumeParser.align(pos + size, 4);
    }
  }

  private void section(byte[] d, int s, int size, int header, int type, Where w) {
    int body = s + header;
    int bodyLen = size - header;
    switch (type) {
      case 0x01 -> compressed(d, s, size, header, w);
      case 0x02 -> guided(d, s, size, header, w);
      case 0x17 -> {
        walk.node(w, "Section", FfsNames.sectionType(type), "Volume image section", s, size);
        Where sw = w.section("Volume image");
        if (VolumeParser.looksLikeVolume(d, body)) {
          volumes.volume(d, body, sw);
        } else {
          walk.problem(sw, body, "FV image section holds no volume header (_FVH)");
          walk.scanForRoms(d, body, bodyLen, sw, Walk.LEAF_ALIGNMENT);
        }
      }
      case 0x18 -> {
        String sub = bodyLen >= 16 ? Guid.read(d, body).text() : "Freeform subtype GUID";
        walk.node(w, "Section", FfsNames.sectionType(type), sub, s, size);
        walk.scanForRoms(d, body, bodyLen, w.section("Freeform " + sub), Walk.LEAF_ALIGNMENT);
      }
      default -> {
        String name = FfsNames.sectionType(type);
        walk.node(w, "Section", name, name + " section", s, size);
        if (!FfsNames.metadata(type)) {
          walk.scanForRoms(d, body, bodyLen, w.section(name), Walk.LEAF_ALIGNMENT);
        }
      }
    }
  }

  /** EFI_COMPRESSION_SECTION: u32 UncompressedLength, u8 CompressionType. */
  private void compressed(byte[] d, int s, int size, int header, Where w) {
    walk.node(w, "Section", "Compressed", "Compressed section", s, size);
    if (size < header + 5) {
      throw new FirmwareFormatException("compression section shorter than its header", w.abs(s));
    }
    int kind = Le.u8(d, s + header + 4);
    int data = s + header + 5;
    int len = size - header - 5;
    switch (kind) {
      case 0 -> sections(d, data, len, w.section("Compressed (none)").deeper());
      case 1 -> {
        Where cw = w.section("Compressed (EFI)");
        walk.budget.depth(cw.depth() + 1, w.abs(s));
        byte[] out =
            Decompress.efiOrTiano(
                d, data, len, EfiDecompressor.Variant.EFI, walk.budget, w.abs(data));
        sections(out, 0, out.length, cw.decompressed());
      }
      case 2 -> {
        // AMI and Insyde images use 2 for LZMA (UEFITool: EFI_CUSTOMIZED_COMPRESSION)
        Where cw = w.section("Compressed (LZMA)");
        walk.budget.depth(cw.depth() + 1, w.abs(s));
        byte[] out = Decompress.lzma(d, data, len, walk.budget, w.abs(data));
        sections(out, 0, out.length, cw.decompressed());
      }
      default ->
          throw new FirmwareFormatException(
              "unknown compression type " + kind + " in compression section", w.abs(s));
    }
  }

  static String guidLabel(Guid g) {
    String kind =
        g.equals(Guids.LZMA)
            ? "LZMA"
            : g.equals(Guids.LZMA_F86)
                ? "LZMA x86"
                : g.equals(Guids.TIANO)
                    ? "Tiano"
                    : g.equals(Guids.CRC32)
                        ? "CRC32"
                        : g.equals(Guids.BROTLI) ? "Brotli" : g.text();
    return "GUID defined (" + kind + ")";
  }

  /** EFI_GUID_DEFINED_SECTION: GUID SectionDefinitionGuid, u16 DataOffset, u16 Attributes. */
  private void guided(byte[] d, int s, int size, int header, Where w) {
    if (size < header + 20) {
      throw new FirmwareFormatException("GUID-defined section shorter than its header", w.abs(s));
    }
    Guid g = Guid.read(d, s + header);
    int dataOffset = Le.u16(d, s + header + 16);
    int attrs = Le.u16(d, s + header + 18);
    walk.node(w, "Section", "GUID defined", g.text(), s, size);
    if (dataOffset < header + 20 || dataOffset > size) {
      throw new FirmwareFormatException(
          String.format(
              "GUID-defined section %s: DataOffset 0x%x outside the section", g, dataOffset),
          w.abs(s + header + 16));
    }
    int data = s + dataOffset;
    int len = size - dataOffset;
    if (g.equals(Guids.LZMA) || g.equals(Guids.LZMA_F86)) {
      boolean f86 = g.equals(Guids.LZMA_F86);
      Where gw = w.section(guidLabel(g));
      walk.budget.depth(gw.depth() + 1, w.abs(s));
      byte[] out =
          f86
              ? Decompress.lzmaF86(d, data, len, walk.budget, w.abs(data))
              : Decompress.lzma(d, data, len, walk.budget, w.abs(data));
      sections(out, 0, out.length, gw.decompressed());
    } else if (g.equals(Guids.TIANO)) {
      Where gw = w.section(guidLabel(g));
      walk.budget.depth(gw.depth() + 1, w.abs(s));
      byte[] out =
          Decompress.efiOrTiano(
              d, data, len, EfiDecompressor.Variant.TIANO, walk.budget, w.abs(data));
      sections(out, 0, out.length, gw.decompressed());
    } else if (g.equals(Guids.CRC32)) {
      Where gw = w.section(guidLabel(g));
      if (dataOffset >= header + 24) {
        CRC32 crc = new CRC32();
        crc.update(d, data, len);
        long want = Le.u32(d, s + header + 20);
        if (crc.getValue() != want) {
          walk.problem(
              gw,
              s,
              String.format(
                  "CRC32 section: stored 0x%08x, computed 0x%08x; contents walked anyway",
                  want, crc.getValue()));
        }
      }
      sections(d, data, len, gw.deeper());
    } else if (g.equals(Guids.BROTLI)) {
      walk.problem(
          w.section(guidLabel(g)),
          s,
          "Brotli-compressed section: recognised, not unpacked by muxless");
    } else if ((attrs & PROCESSING_REQUIRED) != 0) {
      Where gw = w.section(guidLabel(g));
      walk.problem(
          gw,
          s,
          "GUID-defined section "
              + g
              + " needs processing muxless does not know "
              + "(signed or vendor-compressed); its raw bytes were scanned");
      walk.scanForRoms(d, data, len, gw, Walk.LEAF_ALIGNMENT);
    } else {
      sections(d, data, len, w.section(guidLabel(g)).deeper());
    }
  }
}
