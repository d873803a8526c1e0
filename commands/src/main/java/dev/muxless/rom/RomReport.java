package dev.muxless.rom;

import java.util.List;

/**
 * Everything muxless found in one ROM file.
 *
 * @param size the file's size in bytes
 * @param romStart absolute offset of the first image, -1 when no ROM was found
 * @param images the chain as NVIDIA's walk sees it, offsets absolute
 * @param nvidia BIT facts, null when this is not an NVIDIA VBIOS
 * @param problems errors first is not guaranteed; each carries its offset
 * @param prefix the NVGI firmware prefix, or null
 * @param chainEnd absolute offset just after the last image (romStart when there is none)
 * @param regions data outside the chain: before it, padding, copies, appended images
 */
public record RomReport(
    String file,
    long size,
    int romStart,
    List<RomImage> images,
    NvidiaInfo nvidia,
    List<RomProblem> problems,
    FirmwarePrefix prefix,
    long chainEnd,
    List<RomRegion> regions) {

  /** The contract's six fields; no prefix, the chain ending at romStart, no regions. */
  public RomReport(
      String file,
      long size,
      int romStart,
      List<RomImage> images,
      NvidiaInfo nvidia,
      List<RomProblem> problems) {
    this(file, size, romStart, images, nvidia, problems, null, Math.max(0, romStart), List.of());
  }

  /** Any problem of severity ERROR. */
  public boolean hasErrors() {
    return problems.stream().anyMatch(p -> p.severity() == Severity.ERROR);
  }
}
