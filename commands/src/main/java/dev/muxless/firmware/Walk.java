package dev.muxless.firmware;

import dev.muxless.rom.RomParser;
import dev.muxless.rom.RomReport;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The state of one extraction: budget, what was found so far, and the ROM collector. */
final class Walk {
  /** Leaves (sections, raw files) are scanned at this alignment relative to their start. */
  static final int LEAF_ALIGNMENT = 16;

  /** Raw regions (a flash dump, the gaps between volumes) are scanned at 512-byte boundaries. */
  static final int RAW_ALIGNMENT = 512;

  final Budget budget;
  final String inputName;
  final List<String> containers = new ArrayList<>();
  final List<FirmwareNode> nodes = new ArrayList<>();
  final List<FirmwareProblem> problems = new ArrayList<>();
  private final Map<String, FoundRom> roms = new LinkedHashMap<>();
  private final java.util.Set<Long> seenAt = new java.util.HashSet<>();
  final ExtractProgress progress;

  Walk(String inputName, ExtractLimits limits, ExtractProgress progress) {
    this.inputName = inputName;
    this.budget = new Budget(limits);
    this.progress = progress == null ? ExtractProgress.NONE : progress;
  }

  void node(Where w, String type, String subtype, String name, long off, long size) {
    nodes.add(
        new FirmwareNode(w.level() + 1, type, subtype, name, off < 0 ? -1 : w.abs(off), size));
  }

  void problem(Where w, long off, FirmwareFormatException e) {
    // exceptions carry an absolute offset when the thrower knew one, else -1
    long at = e.offset() >= 0 ? e.offset() : w.abs(off);
    problems.add(
        new FirmwareProblem(w.label(), at, e.getMessage(), e instanceof FirmwareLimitException));
  }

  void problem(Where w, long off, String message) {
    problems.add(new FirmwareProblem(w.label(), w.abs(off), message, false));
  }

  /**
   * Hands a region to the rom engine and keeps each distinct chain once. A copy is counted once per
   * absolute offset (the raw 512-byte scan of a flash image finds again the ROMs already found in
   * its uncompressed volumes); copies in decompressed data (offset -1) always count.
   */
  void scanForRoms(byte[] d, int off, int len, Where w, int alignment) {
    if (len < 0x1A) {
      return;
    }
    byte[] region =
        off == 0 && len == d.length ? d : java.util.Arrays.copyOfRange(d, off, off + len);
    for (RomReport r : RomParser.scan(region, w.label(), alignment)) {
      if (r.romStart() < 0
          || r.images().isEmpty()
          || r.images().stream().anyMatch(img -> img.length() <= 0)) {
        continue; // a zero-length image: the chain is incomplete, not a ROM to write out
      }
      int end = (int) Math.min(r.chainEnd(), region.length);
      if (end <= r.romStart()) {
        continue;
      }
      byte[] bytes = java.util.Arrays.copyOfRange(region, r.romStart(), end);
      long abs = w.base() < 0 ? -1 : w.base() + off + r.romStart();
      String sha = sha256(bytes);
      boolean newPlace = abs < 0 || seenAt.add(abs);
      FoundRom seen = roms.get(sha);
      if (seen != null) {
        if (newPlace) {
          roms.put(sha, seen.withCopies(seen.copies() + 1));
        }
        continue;
      }
      RomReport own = RomParser.parse(bytes, inputName);
      RomLocation loc =
          new RomLocation(w.label(), w.volume(), w.file(), w.section(), r.romStart(), abs);
      roms.put(sha, new FoundRom(sha, bytes, own, loc, 1));
    }
  }

  List<FoundRom> roms() {
    return List.copyOf(roms.values());
  }

  static String sha256(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
