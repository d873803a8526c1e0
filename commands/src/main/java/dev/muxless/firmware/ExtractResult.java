package dev.muxless.firmware;

import java.util.List;

/**
 * Everything one extraction found.
 *
 * @param containers what the input was recognised as, outermost first ("AMI Aptio capsule
 *     (signed)", "Intel flash descriptor image", "zip archive", "Dell PFS update: not unpacked")
 * @param nodes every volume, file and section walked, in order (UEFIExtract-style)
 * @param roms every distinct option ROM chain, in order of discovery
 * @param problems what could not be opened, with where and why
 * @param decompressedBytes total bytes produced by decompression
 */
public record ExtractResult(
    String input,
    long size,
    List<String> containers,
    List<FirmwareNode> nodes,
    List<FoundRom> roms,
    List<FirmwareProblem> problems,
    long decompressedBytes) {

  /** The ROMs that are NVIDIA display-class VBIOS images. */
  public List<FoundRom> nvidiaRoms() {
    return roms.stream().filter(FoundRom::nvidiaVbios).toList();
  }

  /**
   * Why no NVIDIA VBIOS was found (null when one was): nothing found at all, containers not
   * unpacked, a limit hit, or only other vendors' ROMs.
   */
  public String whyNoNvidia() {
    if (!nvidiaRoms().isEmpty()) {
      return null;
    }
    StringBuilder why = new StringBuilder();
    List<String> notUnpacked = containers.stream().filter(c -> c.contains("not unpacked")).toList();
    if (!notUnpacked.isEmpty()) {
      why.append("the input is wrapped in a container muxless does not unpack (")
          .append(String.join("; ", notUnpacked))
          .append("); unpack it with the vendor's tool and run rom extract on the result. ");
    }
    long limits = problems.stream().filter(FirmwareProblem::limit).count();
    if (limits > 0) {
      why.append(limits).append(" region(s) were not opened because a limit was reached. ");
    }
    long other = problems.size() - limits;
    if (other > 0) {
      why.append(other).append(" region(s) could not be read (see problems). ");
    }
    if (nodes.stream().noneMatch(n -> n.type().equals("Volume"))) {
      why.append("No UEFI firmware volume was found: this may not be system firmware, or it is ")
          .append("encrypted or compressed in a format muxless does not know. ");
    }
    if (roms.isEmpty()) {
      why.append("No option ROM (55 AA + PCIR) was found in any raw or decompressed region.");
    } else {
      why.append(roms.size())
          .append(" option ROM(s) found, none of them an NVIDIA display device (vendor 10de, ")
          .append("class 03xxxx): the VBIOS may not be baked into this image.");
    }
    return why.toString().trim();
  }
}
