package dev.muxless.rom;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A hex and ASCII dump in which each structure field the parser knows (image header, PCIR, NPDE,
 * EFI header, BIT header and tokens) is named next to the row where it starts.
 */
public final class RomHexdump {
  private RomHexdump() {}

  /** Every field the parser located in this file, in offset order. */
  public static List<RomField> fields(byte[] d, RomReport r) {
    List<RomField> f = new ArrayList<>();
    if (r.prefix() != null) {
      f.add(new RomField(0, 4, "NVGI", "signature", "NVGI"));
      f.add(new RomField(4, 4, "NVGI", "fixed1", "IFR version " + r.prefix().version()));
    }
    int n = 0;
    for (RomImage i : r.images()) {
      String img = "image " + n++ + " ";
      RomHeader h = i.header();
      if (h == null || i.pcir() == null) {
        continue; // built from the contract's fields alone: nothing located to name
      }
      long o = h.offset();
      f.add(new RomField(o, 2, img + "header", "signature", h.signatureName()));
      if (i.efi() != null) {
        EfiImageHeader e = i.efi();
        f.add(
            new RomField(
                o + 2, 2, img + "EFI", "InitializationSize", e.initializationSize() + " blocks"));
        f.add(new RomField(o + 4, 4, img + "EFI", "EfiSignature", Bytes.hex(e.efiSignature())));
        f.add(
            new RomField(
                o + 8,
                2,
                img + "EFI",
                "EfiSubsystem",
                EfiImageHeader.subsystemName(e.subsystem())));
        f.add(
            new RomField(
                o + 0xA,
                2,
                img + "EFI",
                "EfiMachineType",
                EfiImageHeader.machineName(e.machineType())));
        f.add(
            new RomField(
                o + 0xC,
                2,
                img + "EFI",
                "CompressionType",
                e.compressed() ? "1 (compressed)" : String.valueOf(e.compressionType())));
        f.add(
            new RomField(
                o + 0x16,
                2,
                img + "EFI",
                "EfiImageHeaderOffset",
                Bytes.hex(e.imageHeaderOffset())));
      } else {
        f.add(new RomField(o + 2, 1, img + "header", "initSize", h.initSize() + " blocks"));
        if (h.signature() == RomHeader.PCI) {
          f.add(new RomField(o + 3, 3, img + "header", "entry", "init entry point"));
        }
      }
      f.add(new RomField(o + 0x18, 2, img + "header", "pcirOffset", Bytes.hex(h.pcirPointer())));
      Pcir p = i.pcir();
      long q = p.offset();
      String s = img + p.signature();
      f.add(new RomField(q, 4, s, "signature", p.signature()));
      f.add(new RomField(q + 4, 2, s, "vendorId", i.vendorId()));
      f.add(new RomField(q + 6, 2, s, "deviceId", i.deviceId()));
      f.add(new RomField(q + 0xA, 2, s, "length", Bytes.hex(p.length())));
      f.add(new RomField(q + 0xC, 1, s, "revision", String.valueOf(p.revision())));
      f.add(new RomField(q + 0xD, 3, s, "classCode", i.classCode()));
      f.add(new RomField(q + 0x10, 2, s, "imageLength", p.imageLength() + " blocks"));
      f.add(new RomField(q + 0x12, 2, s, "codeRevision", Bytes.hex(p.codeRevision())));
      f.add(
          new RomField(
              q + 0x14,
              1,
              s,
              "codeType",
              String.format("%02x %s", p.codeType(), RomImage.codeTypeName(p.codeType()))));
      f.add(
          new RomField(
              q + 0x15,
              1,
              s,
              "indicator",
              String.format("%02x%s", p.indicator(), p.lastFlag() ? " last" : "")));
      if (i.npde() != null) {
        Npde e = i.npde();
        String t = img + "NPDE";
        f.add(new RomField(e.offset(), 4, t, "signature", "NPDE"));
        f.add(new RomField(e.offset() + 4, 2, t, "revision", Bytes.hex(e.revision())));
        f.add(new RomField(e.offset() + 6, 2, t, "length", Bytes.hex(e.length())));
        f.add(new RomField(e.offset() + 8, 2, t, "subimageLength", e.subimageLength() + " blocks"));
        f.add(
            new RomField(
                e.offset() + 0xA,
                1,
                t,
                "privLastImage",
                String.format("%02x%s", e.privLastImage(), e.lastFlag() ? " last" : "")));
        f.add(new RomField(e.offset() + 0xB, 1, t, "flags", String.format("%02x", e.flags())));
      }
    }
    if (r.nvidia() != null && r.nvidia().bit() != null) {
      BitTable b = r.nvidia().bit();
      f.add(new RomField(b.offset(), 2, "BIT", "id", "b8ff"));
      f.add(new RomField(b.offset() + 2, 4, "BIT", "signature", "BIT"));
      f.add(new RomField(b.offset() + 6, 2, "BIT", "version", b.versionText()));
      f.add(new RomField(b.offset() + 8, 1, "BIT", "headerSize", String.valueOf(b.headerSize())));
      f.add(new RomField(b.offset() + 9, 1, "BIT", "tokenSize", String.valueOf(b.tokenSize())));
      f.add(new RomField(b.offset() + 10, 1, "BIT", "tokenEntries", String.valueOf(b.entries())));
      f.add(new RomField(b.offset() + 11, 1, "BIT", "checksum", "ok"));
      for (int k = 0; k < b.tokens().size(); k++) {
        BitToken t = b.tokens().get(k);
        long at = b.offset() + b.headerSize() + (long) k * b.tokenSize();
        f.add(
            new RomField(
                at,
                b.tokenSize(),
                "BIT token",
                "'" + t.id() + "'",
                "v"
                    + t.version()
                    + " size "
                    + Bytes.hex(t.size())
                    + " -> "
                    + (t.absoluteOffset() < 0 ? "NOP" : Bytes.hex(t.absoluteOffset()))));
        if (t.absoluteOffset() >= 0 && Bytes.has(d, t.absoluteOffset(), 1)) {
          f.add(
              new RomField(
                  t.absoluteOffset(),
                  Math.max(1, t.size()),
                  "BIT data '" + t.id() + "'",
                  "start",
                  tokenName(t.id())));
        }
      }
    }
    f.sort(Comparator.comparingLong(RomField::offset));
    return f;
  }

  static String tokenName(char id) {
    return switch (id) {
      case '2' -> "I2C";
      case 'A' -> "DAC";
      case 'B' -> "BIOSDATA";
      case 'C' -> "clock";
      case 'D' -> "DFP";
      case 'I' -> "NVINIT";
      case 'L' -> "LVDS";
      case 'M' -> "memory";
      case 'N' -> "NOP";
      case 'P' -> "perf";
      case 'S' -> "strings";
      case 'T' -> "TMDS";
      case 'U' -> "display";
      case 'V' -> "virtual";
      case 'c' -> "32-bit";
      case 'd' -> "DP";
      case 'p' -> "falcon";
      case 'u' -> "UEFI";
      case 'x' -> "MXM";
      case 'i' -> "info";
      default -> "token";
    };
  }

  /**
   * Rows of 16 bytes from offset for length bytes (clamped to the file), each followed by the
   * fields that start in it: {@code 00000400 55 aa ... |U.....| header.signature=55aa ...}.
   */
  public static String render(byte[] d, RomReport r, long offset, long length) {
    List<RomField> fields = fields(d, r);
    long from = Math.max(0, Math.min(offset, d.length));
    long to = from + Math.min(Math.max(0, length), d.length - from); // no overflow for huge length
    StringBuilder out = new StringBuilder();
    int fi = 0;
    while (fi < fields.size() && fields.get(fi).offset() < (from & ~0xFL)) {
      fi++;
    }
    for (long row = from & ~0xFL; row < to; row += 16) {
      StringBuilder hex = new StringBuilder();
      StringBuilder asc = new StringBuilder();
      for (long i = row; i < row + 16; i++) {
        if (i < from || i >= to) {
          hex.append("   ");
          asc.append(' ');
        } else {
          int b = d[(int) i] & 0xff;
          hex.append(String.format("%02x ", b));
          asc.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
        }
        if (i == row + 7) {
          hex.append(' ');
        }
      }
      out.append(String.format("%08x  %s |%s|", row, hex, asc));
      List<String> notes = new ArrayList<>();
      while (fi < fields.size() && fields.get(fi).offset() < row + 16) {
        RomField f = fields.get(fi++);
        notes.add(
            String.format("+%x %s.%s=%s", f.offset() - row, f.structure(), f.name(), f.value()));
      }
      if (!notes.isEmpty()) {
        out.append("  ").append(String.join("; ", notes));
      }
      out.append('\n');
    }
    return out.toString();
  }
}
