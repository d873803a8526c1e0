package dev.muxless.firmware;

import dev.muxless.core.AtomicFiles;
import dev.muxless.core.InputFiles;
import dev.muxless.core.MuxlessException;
import dev.muxless.host.PciBus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The rom extract engine: finds every option ROM chain inside system firmware (flash dumps, BIOS
 * regions, capsules, flash-descriptor images, zips of those), through UEFI volumes and their
 * LZMA/EFI/Tiano-compressed sections, and writes the distinct ones out.
 */
public final class RomExtractor {
  private RomExtractor() {}

  /** Walks {@code data}; never throws for bad content (problems are in the result). */
  public static ExtractResult extract(
      byte[] data, String name, ExtractLimits limits, ExtractProgress progress) {
    Walk walk = new Walk(name, limits, progress);
    try {
      new FirmwareWalker(walk).any(data, Where.root(), true);
    } catch (RuntimeException e) {
      // A walker bug must not take the shell down: report it as a problem of this file.
      walk.problems.add(
          new FirmwareProblem(
              Where.root().label(),
              -1,
              "internal error while walking (" + e + "), please report it",
              false));
    }
    return new ExtractResult(
        name,
        data.length,
        List.copyOf(walk.containers),
        List.copyOf(walk.nodes),
        walk.roms(),
        List.copyOf(walk.problems),
        walk.budget.decompressed());
  }

  /** Reads {@code file} (bounded by {@link ExtractLimits#MAX_INPUT_BYTES}) and walks it. */
  public static ExtractResult extract(Path file, ExtractLimits limits, ExtractProgress progress) {
    return extract(read(file), file.getFileName().toString(), limits, progress);
  }

  static byte[] read(Path file) {
    return InputFiles.read(file, ExtractLimits.MAX_INPUT_BYTES, "firmware image");
  }

  /** The ROMs whose first image matches the filters (null or empty filter = any). */
  public static List<FoundRom> select(List<FoundRom> roms, String vendor, String device) {
    List<FoundRom> out = new ArrayList<>();
    for (FoundRom r : roms) {
      if (matches(vendor, r.vendorId()) && matches(device, r.deviceId())) {
        out.add(r);
      }
    }
    return out;
  }

  private static boolean matches(String want, String have) {
    return want == null || want.isBlank() || PciBus.sameId(want, have, 4);
  }

  /**
   * Writes each ROM as {@code outDir/VENDOR_DEVICE_<where>.rom} (atomically; names made unique with
   * a counter); refuses to overwrite {@code input}. Returns the paths written, in order.
   */
  public static List<Path> write(List<FoundRom> roms, Path outDir, Path input) {
    List<Path> written = new ArrayList<>();
    java.util.Set<String> names = new java.util.HashSet<>();
    for (FoundRom r : roms) {
      String base = r.fileName();
      String n = base;
      for (int i = 2; !names.add(n); i++) {
        n = base.replace(".rom", "-" + i + ".rom");
      }
      Path target = outDir.resolve(n);
      if (input != null && AtomicFiles.sameFile(target, input)) {
        throw MuxlessException.badInput(
            target + ": is the input file; refusing to overwrite it", "choose another --out-dir");
      }
      AtomicFiles.write(target, r.bytes());
      written.add(target);
    }
    return written;
  }
}
