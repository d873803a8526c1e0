package dev.muxless.rom;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds the PCI expansion ROM in a file, walks its image chain the NVIDIA-aware way, reads the BIT
 * facts of an NVIDIA VBIOS and reports problems. Total: any bytes give a report, never an
 * exception; every read is bounded by the buffer; memory beyond the input is a few small lists.
 */
public final class RomParser {
  /** rom-parser and NVIDIA's BIT doc look for images on 512-byte boundaries. */
  public static final int BLOCK = 512;

  private static final int MAX_FALSE_HEADERS_REPORTED = 4;

  private RomParser() {}

  /** Total: any bytes give a report, never an exception, bounded time and memory. */
  public static RomReport parse(byte[] data, String fileName) {
    return parse(data, fileName, null, null);
  }

  /**
   * As {@link #parse(byte[], String)}, and an ERROR when the ROM's x86 (or first) image is for
   * another vendor/device than the one given (4 hex digits each, null to skip the check).
   */
  public static RomReport parse(
      byte[] data, String fileName, String expectVendor, String expectDevice) {
    byte[] d = data == null ? new byte[0] : data;
    try {
      return analyse(d, fileName, expectVendor, expectDevice);
    } catch (RuntimeException e) {
      // A parser bug must not take the shell down: report it as a problem of this file.
      return new RomReport(
          fileName,
          d.length,
          -1,
          List.of(),
          null,
          List.of(RomProblem.error(-1, "internal parser error (" + e + "), please report it")),
          null,
          0,
          List.of());
    }
  }

  /**
   * Every option ROM chain found in a buffer (55 AA at offsets that are multiples of alignment,
   * with a valid PCIR), each report's romStart the absolute offset; chains inside an earlier chain
   * are skipped.
   */
  public static List<RomReport> scan(byte[] data, String name, int alignment) {
    byte[] d = data == null ? new byte[0] : data;
    int step = alignment <= 0 ? BLOCK : alignment;
    List<RomReport> out = new ArrayList<>();
    long skipUntil = 0;
    for (long off = 0; off + 2 <= d.length; off += step) {
      if (off < skipUntil || Bytes.u16(d, off) != RomHeader.PCI || !validStart(d, off)) {
        continue;
      }
      try {
        List<RomProblem> problems = new ArrayList<>();
        ImageChain chain = ImageChain.walk(d, off, problems);
        NvidiaInfo nv = nvidia(d, chain, problems);
        out.add(
            new RomReport(
                name,
                d.length,
                (int) off,
                chain.images(),
                nv,
                List.copyOf(problems),
                null,
                chain.end(),
                List.of()));
        skipUntil = Math.max(off + step, chain.end());
      } catch (RuntimeException e) {
        skipUntil = off + step;
      }
    }
    return out;
  }

  /** A header with an accepted signature whose PCIR pointer leads to a PCIR/NPDS/RGIS. */
  static boolean validStart(byte[] d, long off) {
    RomHeader h = RomHeader.at(d, off);
    return h != null && Pcir.at(d, h.pcirOffset()) != null;
  }

  private static RomReport analyse(byte[] d, String file, String expVendor, String expDevice) {
    List<RomProblem> problems = new ArrayList<>();
    if (d.length == 0) {
      problems.add(RomProblem.error(0, "empty file: no ROM"));
      return new RomReport(file, 0, -1, List.of(), null, problems, null, 0, List.of());
    }
    FirmwarePrefix prefix = FirmwarePrefix.find(d);
    long start = findStart(d, prefix, problems);
    if (start < 0) {
      return new RomReport(
          file, d.length, -1, List.of(), null, List.copyOf(problems), prefix, 0, List.of());
    }
    List<RomRegion> regions = new ArrayList<>();
    if (start > 0) {
      if (prefix != null) {
        regions.add(
            new RomRegion(
                0,
                start,
                "prefix",
                "NVIDIA NVGI firmware prefix, IFR version " + prefix.version()));
        problems.add(
            RomProblem.warning(
                0,
                String.format(
                    "NVGI firmware prefix (IFR version %d) of 0x%x bytes before the ROM: QEMU's"
                        + " romfile and the guest driver want the PCI expansion ROM alone;"
                        + " 'rom strip' removes it",
                    prefix.version(), start)));
      } else {
        regions.add(new RomRegion(0, start, "before", "data before the first image"));
        problems.add(
            RomProblem.warning(
                0,
                String.format(
                    "0x%x bytes before the first image at 0x%x: not a bare PCI expansion ROM;"
                        + " 'rom strip' removes them",
                    start, start)));
      }
    }
    ImageChain chain = ImageChain.walk(d, start, problems);
    List<RomImage> appended = new ArrayList<>();
    trailing(d, start, chain, regions, problems, appended);
    NvidiaInfo nv = nvidia(d, chain, problems);
    checkEfi(chain, appended, problems, start);
    checkDevice(chain, expVendor, expDevice, problems);
    return new RomReport(
        file,
        d.length,
        (int) start,
        chain.images(),
        nv,
        List.copyOf(problems),
        prefix,
        chain.end(),
        List.copyOf(regions));
  }

  /**
   * Where the ROM starts: 0; else where an NVGI prefix says; else the first 512-byte boundary whose
   * 55 AA leads to a valid PCIR (NVIDIA BIT doc), reporting false 55 AA headers on the way.
   */
  static long findStart(byte[] d, FirmwarePrefix prefix, List<RomProblem> problems) {
    if (validStart(d, 0)) {
      return 0;
    }
    if (prefix != null) {
      long at = prefix.romOffset();
      if (at > 0 && at < d.length && validStart(d, at)) {
        return at;
      }
      problems.add(
          RomProblem.warning(
              0,
              "NVGI firmware prefix could not be followed ("
                  + prefix.detail()
                  + "); scanning 512-byte boundaries instead"));
    }
    RomProblem atZero = null;
    RomHeader h0 = RomHeader.at(d, 0);
    if (h0 != null) {
      atZero = ImageChain.pcirProblem(d, h0);
    }
    int falseHeaders = 0;
    for (long off = BLOCK; off + 2 <= d.length; off += BLOCK) {
      if (Bytes.u16(d, off) != RomHeader.PCI) {
        continue;
      }
      if (validStart(d, off)) {
        if (atZero != null) {
          problems.add(atZero);
        }
        return off;
      }
      if (falseHeaders++ < MAX_FALSE_HEADERS_REPORTED) {
        RomProblem p = ImageChain.pcirProblem(d, RomHeader.at(d, off));
        problems.add(
            RomProblem.warning(
                off, "false 55 AA header skipped (rom-parser stops here): " + p.message()));
      }
    }
    if (atZero != null) {
      problems.add(atZero);
      problems.add(
          RomProblem.error(
              0,
              "not a PCI expansion ROM: 55 AA at 0 without a PCI data structure (an ISA-style"
                  + " option ROM), and no other image on a 512-byte boundary"));
    } else {
      problems.add(
          RomProblem.error(
              -1,
              "no PCI expansion ROM found: no 55 AA header with a valid PCIR at offset 0 or on"
                  + " any 512-byte boundary"));
    }
    return -1;
  }

  /** Classifies what follows the chain: padding, a second copy, appended images, other data. */
  private static void trailing(
      byte[] d,
      long start,
      ImageChain chain,
      List<RomRegion> regions,
      List<RomProblem> problems,
      List<RomImage> appended) {
    long pos = chain.end();
    if (!chain.complete() || pos >= d.length) {
      return;
    }
    long first = ((pos + BLOCK - 1) / BLOCK) * BLOCK;
    for (long off = first; off + 2 <= d.length; off += BLOCK) {
      if (Bytes.u16(d, off) != RomHeader.PCI || !validStart(d, off)) {
        continue;
      }
      gap(d, pos, off, regions, problems);
      ImageChain extra = ImageChain.walk(d, off, new ArrayList<>());
      long extraEnd = Math.max(off + BLOCK, extra.end());
      long romLen = chain.end() - start;
      if (extraEnd - off == romLen
          && Arrays.equals(
              d,
              (int) start,
              (int) chain.end(),
              d,
              (int) off,
              (int) Math.min(d.length, off + romLen))) {
        regions.add(new RomRegion(off, romLen, "copy", "a second copy of the ROM"));
        problems.add(RomProblem.info(off, "a second copy of the ROM follows the chain"));
      } else {
        StringBuilder types = new StringBuilder();
        for (RomImage i : extra.images()) {
          types.append(types.length() == 0 ? "" : ", ").append(RomImage.codeTypeName(i.codeType()));
          appended.add(i);
        }
        regions.add(new RomRegion(off, extraEnd - off, "appended", "images: " + types));
        problems.add(
            RomProblem.warning(
                off,
                "image(s) appended after the chain's last image ("
                    + types
                    + "): firmware and the NVIDIA driver stop at the last image and never see"
                    + " them; rom-parser, which scans every 512 bytes, does"));
      }
      pos = Math.min(d.length, extraEnd);
      off = ((pos + BLOCK - 1) / BLOCK) * BLOCK - BLOCK;
    }
    gap(d, pos, d.length, regions, problems);
  }

  private static void gap(
      byte[] d, long from, long to, List<RomRegion> regions, List<RomProblem> problems) {
    if (to <= from) {
      return;
    }
    long lastData = -1;
    for (long i = to - 1; i >= from; i--) {
      int b = d[(int) i] & 0xff;
      if (b != 0xff && b != 0x00) {
        lastData = i;
        break;
      }
    }
    if (lastData >= 0) {
      long len = lastData + 1 - from;
      regions.add(new RomRegion(from, len, "data", "other data after the chain"));
      problems.add(
          RomProblem.info(
              from,
              String.format(
                  "0x%x bytes of other data after the chain (other firmware in a full flash"
                      + " dump?); 'rom strip' drops them",
                  len)));
      from = lastData + 1;
    }
    if (to > from) {
      regions.add(new RomRegion(from, to - from, "padding", "padding (0xff/0x00)"));
    }
  }

  /** BIT facts when the chain looks like an NVIDIA VBIOS (rom-structures.md §5). */
  static NvidiaInfo nvidia(byte[] d, ImageChain chain, List<RomProblem> problems) {
    List<RomImage> imgs = chain.images();
    if (imgs.isEmpty()) {
      return null;
    }
    boolean nvidia = imgs.stream().anyMatch(i -> i.vendorId().equals("10de") || i.npde() != null);
    RomImage x86 = primaryImage(imgs);
    int x86Index = imgs.indexOf(x86);
    RomImage next = x86Index + 1 < imgs.size() ? imgs.get(x86Index + 1) : null;
    long x86Len = x86.length();
    long efiLen = next != null && next.codeType() == 3 ? next.length() : 0;
    BitTable.Relocator reloc = p -> p >= x86Len ? p + efiLen : p;
    long base = x86.offset();
    BitTable bit =
        BitTable.find(
            d, base, base + Math.max(x86Len, x86.header().initSize() * 512L), base, reloc);
    if (bit == null && nvidia) {
      bit = BitTable.find(d, imgs.get(0).offset(), chain.end(), base, reloc);
    }
    if (bit == null) {
      if (nvidia) {
        problems.add(
            RomProblem.warning(
                base,
                "NVIDIA image without a BIT table (no FF B8 \"BIT\" header with a good checksum):"
                    + " the driver cannot read this VBIOS"));
      }
      return null;
    }
    String bVersion = null;
    BitToken b = bit.token('B');
    if (b != null && b.size() >= 5 && Bytes.has(d, b.absoluteOffset(), 5)) {
      long v = Bytes.u32(d, b.absoluteOffset());
      int oem = Bytes.u8(d, b.absoluteOffset() + 4);
      bVersion =
          String.format(
              "%02x.%02x.%02x.%02x.%02x",
              (v >> 24) & 0xff, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff, oem);
    }
    String iVersion = null;
    boolean mobile = false;
    BitToken i = bit.token('i');
    if (i != null && Bytes.has(d, i.absoluteOffset(), 7)) {
      long o = i.absoluteOffset();
      iVersion =
          String.format(
              "%02x.%02x.%02x.%02x.%02x",
              Bytes.u8(d, o + 3),
              Bytes.u8(d, o + 2),
              Bytes.u8(d, o + 1),
              Bytes.u8(d, o),
              Bytes.u8(d, o + 4));
      mobile = (Bytes.u16(d, o + 5) & 0x10) != 0;
    }
    String signOn = null;
    String versionString = null;
    BitToken s = bit.token('S');
    if (s != null && Bytes.has(d, s.absoluteOffset(), 5)) {
      long o = s.absoluteOffset();
      int signPtr = Bytes.u16(d, o);
      int verPtr = Bytes.u16(d, o + 3);
      signOn = signPtr == 0 ? null : Bytes.cstring(d, base + reloc.relocate(signPtr), 128);
      versionString = verPtr == 0 ? null : Bytes.cstring(d, base + reloc.relocate(verPtr), 64);
    }
    String version = bVersion != null ? bVersion : iVersion;
    if (bVersion != null && iVersion != null && !bVersion.equals(iVersion)) {
      problems.add(
          RomProblem.warning(
              i.absoluteOffset(),
              "BIT tokens disagree on the version: BIOSDATA says "
                  + bVersion
                  + ", token 'i' says "
                  + iVersion));
    }
    if (version != null
        && versionString != null
        && !versionString.toLowerCase().contains(version)) {
      problems.add(
          RomProblem.info(
              s.absoluteOffset(),
              "the version string \""
                  + versionString
                  + "\" differs from the binary version "
                  + version
                  + " (a modified ROM?)"));
    }
    return new NvidiaInfo(version, mobile, signOn, versionString, iVersion, bit);
  }

  private static void checkEfi(
      ImageChain chain, List<RomImage> appended, List<RomProblem> problems, long start) {
    if (chain.images().isEmpty() || chain.images().stream().anyMatch(i -> i.codeType() == 3)) {
      return;
    }
    boolean outside = appended.stream().anyMatch(i -> i.codeType() == 3);
    problems.add(
        RomProblem.warning(
            start,
            outside
                ? "no EFI image in the chain (there is one appended after its last image): OVMF"
                    + " stops at the last image, so the GPU gets no UEFI driver (GOP); harmless"
                    + " for a muxless GPU, which has no outputs"
                : "no EFI image (code type 3): under OVMF the GPU gets no UEFI driver (GOP), so"
                    + " firmware shows nothing on it; harmless for a muxless GPU, which has no"
                    + " outputs, but a display GPU needs a ROM with an EFI image"));
  }

  /** The image whose IDs and BIT count: the x86 (code type 0) image, else the first; non-empty. */
  private static RomImage primaryImage(List<RomImage> images) {
    return images.stream().filter(i -> i.codeType() == 0).findFirst().orElse(images.get(0));
  }

  private static void checkDevice(
      ImageChain chain, String vendor, String device, List<RomProblem> problems) {
    if (vendor == null || device == null || chain.images().isEmpty()) {
      return;
    }
    RomImage first = primaryImage(chain.images());
    String want = vendor.toLowerCase() + ":" + device.toLowerCase();
    String got = first.vendorId() + ":" + first.deviceId();
    if (!want.equals(got)) {
      problems.add(
          RomProblem.error(
              first.pcir().offset() + 4,
              "the ROM is for PCI device "
                  + got
                  + ", not "
                  + want
                  + ": the guest driver may reject it; use this GPU's own VBIOS"));
    }
  }
}
