package dev.muxless.rom;

import java.util.ArrayList;
import java.util.List;

/**
 * The chain of images from a ROM start, walked as NVIDIA's driver, nouveau and nova-core do
 * (rom-structures.md §4): the next image starts at this one's NPDE sub-image length when an NPDE is
 * present, else its PCIR image length; last is the NPDE private last-image flag when present (NPDE
 * length >= 0x0B, tu102.c), else PCIR indicator bit 7; an NBSI image (0x70) always ends the chain
 * (nouveau, nova-core).
 *
 * @param end absolute offset just after the last image walked (clamped to the file)
 * @param complete whether the walk ended on an image marked last that fits in the file
 */
public record ImageChain(List<RomImage> images, long end, boolean complete) {
  /** nova-core limits the walk to 1 MiB of images; allow more images than any real ROM has. */
  static final int MAX_IMAGES = 64;

  static ImageChain walk(byte[] d, long start, List<RomProblem> problems) {
    List<RomImage> images = new ArrayList<>();
    long off = start;
    long end = start;
    boolean complete = false;
    while (true) {
      if (images.size() >= MAX_IMAGES) {
        problems.add(
            RomProblem.error(off, "more than " + MAX_IMAGES + " images: the chain does not end"));
        break;
      }
      if (off >= d.length) {
        problems.add(
            RomProblem.error(
                off,
                "truncated chain: image "
                    + (images.size() - 1)
                    + " is not marked last but the file ends at "
                    + Bytes.hex(d.length)));
        break;
      }
      RomHeader h = RomHeader.at(d, off);
      if (h == null) {
        problems.add(
            RomProblem.error(
                off,
                "no image signature (55 AA, VN or 77 BB) where image "
                    + images.size()
                    + " should start, after an image not marked last (found "
                    + String.format(
                        "%02x %02x", Bytes.u8(d, off) & 0xff, Bytes.u8(d, off + 1) & 0xff)
                    + ")"));
        break;
      }
      Pcir p = Pcir.at(d, h.pcirOffset());
      if (p == null) {
        problems.add(pcirProblem(d, h));
        break;
      }
      RomImage img = image(d, h, p, problems);
      images.add(img);
      if (img.length() <= 0) {
        problems.add(
            RomProblem.error(
                off, "zero-length image: its PCIR/NPDE length is 0, the chain cannot continue"));
        end = Math.min(d.length, off + 512);
        break;
      }
      end = Math.min(d.length, img.end());
      if (img.end() > d.length) {
        problems.add(
            RomProblem.error(
                off,
                "truncated image: "
                    + RomImage.codeTypeName(img.codeType())
                    + " image is "
                    + Bytes.hex(img.length())
                    + " bytes but the file ends "
                    + Bytes.hex(d.length - off)
                    + " bytes after its start"));
        break;
      }
      if (img.last()) {
        complete = true;
        break;
      }
      off = img.end();
    }
    return new ImageChain(List.copyOf(images), end, complete);
  }

  static RomProblem pcirProblem(byte[] d, RomHeader h) {
    long at = h.pcirOffset();
    if (h.pcirPointer() == 0) {
      return RomProblem.error(
          h.offset(), "image header has PCIR pointer 0: no PCI data structure (an ISA-style ROM?)");
    }
    if (!Bytes.has(d, at, 0x18)) {
      return RomProblem.error(
          h.offset(),
          "PCIR pointer "
              + Bytes.hex(h.pcirPointer())
              + " points outside the file (to "
              + Bytes.hex(at)
              + ", file size "
              + Bytes.hex(d.length)
              + ")");
    }
    String sig = Bytes.sig4(d, at);
    return RomProblem.error(
        at,
        "bad PCIR signature "
            + printable(sig)
            + " (expected PCIR, NPDS or RGIS) at the header's PCIR pointer "
            + Bytes.hex(h.pcirPointer()));
  }

  static String printable(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c >= 0x20 && c < 0x7f) {
        b.append(c);
      } else {
        b.append(String.format("\\x%02x", (int) c));
      }
    }
    return b.append('"').toString();
  }

  private static RomImage image(byte[] d, RomHeader h, Pcir p, List<RomProblem> problems) {
    long off = h.offset();
    Npde n = p.codeType() == 0x70 ? null : Npde.after(d, p);
    long pcirLen = (long) p.imageLength() * 512;
    long length = n != null ? (long) n.subimageLength() * 512 : pcirLen;
    boolean last;
    if (p.codeType() == 0x70) {
      last = true;
    } else if (n != null && n.length() >= 0x0B) {
      last = n.lastFlag();
    } else if (n != null) {
      last = p.lastFlag() && !(n.subimageLength() < p.imageLength());
    } else {
      last = p.lastFlag();
    }
    EfiImageHeader efi = null;
    if (p.codeType() == 3 && h.signature() == RomHeader.PCI) {
      efi = EfiImageHeader.at(d, off);
      if (efi != null && !efi.valid()) {
        problems.add(
            RomProblem.error(
                off + 4,
                "EFI image signature is "
                    + Bytes.hex(efi.efiSignature())
                    + ", expected 0xef1: firmware will not load this EFI driver"));
      }
    }
    Boolean checksum = null;
    if (p.codeType() == 0 && h.signature() == RomHeader.PCI) {
      long init = (long) h.initSize() * 512;
      boolean disabled = n != null && (n.flags() & Npde.FLAG_CHECKSUM_DISABLED) != 0;
      if (init == 0) {
        problems.add(RomProblem.warning(off + 2, "x86 image header byte 2 (init size) is 0"));
      } else if (!Bytes.has(d, off, init)) {
        problems.add(
            RomProblem.error(
                off + 2,
                "x86 init size "
                    + Bytes.hex(init)
                    + " (header byte 2) runs past the end of the file: truncated image"));
      } else if (!disabled) {
        int sum = Bytes.sum8(d, off, init);
        checksum = sum == 0;
        if (sum != 0) {
          problems.add(
              RomProblem.error(
                  off,
                  String.format(
                      "checksum mismatch: the first 0x%x bytes (header byte 2 = %d blocks) sum to"
                          + " 0x%02x, not 0; SeaBIOS skips such a ROM (\"bad checksum\")",
                      init, h.initSize(), sum)));
        }
      }
      lengths(h, p, n, problems);
    }
    if (n != null && n.subimageLength() != p.imageLength() && p.codeType() != 0) {
      problems.add(
          RomProblem.info(
              n.offset() + 8,
              String.format(
                  "%s image: NPDE sub-image length 0x%x differs from PCIR image length 0x%x"
                      + " (normal in NVIDIA ROMs; the NPDE length is what the driver walks by)",
                  RomImage.codeTypeName(p.codeType()), (long) n.subimageLength() * 512, pcirLen)));
    }
    return new RomImage(
        off,
        length,
        p.codeType(),
        String.format("%04x", p.vendorId()),
        String.format("%04x", p.deviceId()),
        String.format("%06x", p.classCode()),
        last,
        h,
        p,
        n,
        efi,
        checksum);
  }

  /** Header byte 2 vs PCIR vs NPDE lengths of an x86 image (rom-structures.md §6.2). */
  private static void lengths(RomHeader h, Pcir p, Npde n, List<RomProblem> problems) {
    long init = (long) h.initSize() * 512;
    long pcirLen = (long) p.imageLength() * 512;
    if (n != null) {
      long sub = (long) n.subimageLength() * 512;
      if (init != pcirLen || sub != pcirLen) {
        problems.add(
            RomProblem.info(
                h.offset(),
                String.format(
                    "x86 image lengths differ: header byte 2 0x%x, PCIR 0x%x, NPDE sub-image 0x%x"
                        + " (normal in NVIDIA ROMs; the driver walks by NPDE, PCIR-only tools by"
                        + " PCIR and may see a single image)",
                    init, pcirLen, sub)));
      }
    } else if (init > pcirLen) {
      problems.add(
          RomProblem.warning(
              h.offset() + 2,
              String.format(
                  "x86 init size 0x%x (header byte 2) is larger than the PCIR image length 0x%x",
                  init, pcirLen)));
    }
  }
}
