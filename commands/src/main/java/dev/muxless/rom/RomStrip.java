package dev.muxless.rom;

import dev.muxless.core.MuxlessException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts the PCI expansion ROM out of a file: from the first image to the end of the chain's last
 * image (NVIDIA-aware walk), dropping a firmware prefix, padding, copies and appended images. This
 * is what QEMU's {@code romfile=} and the guest driver expect, and what a sysfs dump gives.
 */
public final class RomStrip {
  private RomStrip() {}

  /**
   * The PCI expansion ROM alone. Throws MuxlessException (BAD_INPUT) naming the file when there is
   * no ROM or the chain is cut off.
   */
  public static StrippedRom strip(byte[] data, String fileName) {
    RomReport r = RomParser.parse(data, fileName);
    if (r.romStart() < 0 || r.images().isEmpty()) {
      String why =
          r.problems().isEmpty()
              ? "no ROM image found"
              : r.problems().get(r.problems().size() - 1).message();
      throw MuxlessException.badInput(
          fileName + ": " + why, "run 'rom parse " + fileName + "' to see what the file contains");
    }
    int start = r.romStart();
    int end = (int) r.chainEnd();
    RomImage lastImage = r.images().get(r.images().size() - 1);
    if (!lastImage.last() || lastImage.length() <= 0 || lastImage.end() > data.length) {
      throw MuxlessException.badInput(
          String.format(
              "%s: image chain at offset 0x%x is truncated or does not end (image at 0x%x not"
                  + " marked last, of length 0, or cut off)",
              fileName, start, lastImage.offset()),
          "the file is incomplete: dump the ROM again or get a complete copy");
    }
    List<String> removed = new ArrayList<>();
    if (start > 0) {
      removed.add(
          String.format(
              "0x%x bytes before the ROM (%s)",
              start,
              r.prefix() != null
                  ? "NVIDIA NVGI firmware prefix, IFR version " + r.prefix().version()
                  : "data before the first image"));
    }
    for (RomRegion g : r.regions()) {
      if (g.offset() >= end) {
        removed.add(
            String.format("0x%x bytes at 0x%x: %s", g.length(), g.offset(), g.description()));
      }
    }
    return new StrippedRom(Arrays.copyOfRange(data, start, end), start, end, List.copyOf(removed));
  }
}
