package dev.muxless.shell;

import dev.muxless.firmware.ExtractResult;
import dev.muxless.firmware.FirmwareProblem;
import dev.muxless.firmware.FoundRom;
import dev.muxless.firmware.HostMatch;
import dev.muxless.host.Gpu;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How {@code rom extract} shows an {@link ExtractResult}: text for people, a map for --json. */
final class ExtractReport {
  private ExtractReport() {}

  static String text(ExtractResult r, List<FoundRom> selected, List<Path> written, List<Gpu> gpus) {
    StringBuilder sb = new StringBuilder();
    long volumes = r.nodes().stream().filter(n -> n.type().equals("Volume")).count();
    long files = r.nodes().stream().filter(n -> n.type().equals("File")).count();
    long sections = r.nodes().stream().filter(n -> n.type().equals("Section")).count();
    sb.append(String.format("%s: %,d bytes", r.input(), r.size()));
    if (!r.containers().isEmpty()) {
      sb.append(", ").append(String.join(" > ", r.containers()));
    }
    sb.append(
        String.format(
            "%nWalked %d volumes, %d files, %d sections; decompressed %,d bytes.%n",
            volumes, files, sections, r.decompressedBytes()));
    sb.append(
        String.format(
            "Found %d distinct option ROM(s)%s.%n",
            r.roms().size(),
            selected.size() == r.roms().size()
                ? ""
                : ", " + selected.size() + " match the filter"));
    for (int i = 0; i < selected.size(); i++) {
      FoundRom f = selected.get(i);
      Gpu g = HostMatch.gpuFor(f, gpus);
      sb.append(
          String.format(
              "%n%s:%s  class %s  images: %s%s%s%s%n",
              f.vendorId(),
              f.deviceId(),
              f.classCode(),
              imageTypes(f),
              f.report().nvidia() != null
                  ? "  NVIDIA VBIOS "
                      + f.report().nvidia().version()
                      + (f.report().nvidia().mobile() ? " (mobile)" : "")
                  : "",
              f.copies() > 1 ? "  (" + f.copies() + " copies)" : "",
              g != null ? "  matches this host's GPU " + g.address() : ""));
      sb.append("  found in: ").append(f.location().path());
      sb.append(
          f.location().absoluteOffset() >= 0
              ? String.format(" at file offset 0x%x%n", f.location().absoluteOffset())
              : String.format(
                  " at offset 0x%x of the decompressed data%n", f.location().offsetInRegion()));
      sb.append(
          String.format(
              "  wrote:    %s (%,d bytes, sha256 %s)%n", written.get(i), f.size(), f.sha256()));
    }
    if (!r.problems().isEmpty()) {
      sb.append(String.format("%nProblems (%d):%n", r.problems().size()));
      for (FirmwareProblem p : r.problems().subList(0, Math.min(20, r.problems().size()))) {
        sb.append("  ")
            .append(p.offset() >= 0 ? String.format("0x%x ", p.offset()) : "")
            .append(p.where())
            .append(": ")
            .append(p.message())
            .append('\n');
      }
    }
    String why = r.whyNoNvidia();
    if (why != null) {
      sb.append("\nNo NVIDIA VBIOS: ").append(why).append('\n');
    }
    return sb.toString().stripTrailing();
  }

  /** Code types of the chain's images (PCI Firmware spec 3.0 CodeType; NVIDIA's 0x70 and 0xE0). */
  static String imageTypes(FoundRom f) {
    List<String> t = new ArrayList<>();
    for (var img : f.report().images()) {
      t.add(
          switch (img.codeType()) {
            case 0x00 -> "x86";
            case 0x03 -> "EFI";
            case 0x70 -> "NBSI";
            case 0xE0 -> "0xE0 (FwSec)";
            default -> String.format("0x%02X", img.codeType());
          });
    }
    return t.isEmpty() ? "none" : String.join(", ", t);
  }

  static Map<String, Object> json(
      ExtractResult r, List<FoundRom> selected, List<Path> written, List<Gpu> gpus) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("input", r.input());
    m.put("size", r.size());
    m.put("containers", r.containers());
    m.put("volumes", r.nodes().stream().filter(n -> n.type().equals("Volume")).count());
    m.put("files", r.nodes().stream().filter(n -> n.type().equals("File")).count());
    m.put("sections", r.nodes().stream().filter(n -> n.type().equals("Section")).count());
    m.put("decompressedBytes", r.decompressedBytes());
    m.put("romsFound", r.roms().size());
    List<Map<String, Object>> roms = new ArrayList<>();
    for (int i = 0; i < selected.size(); i++) {
      FoundRom f = selected.get(i);
      Gpu g = HostMatch.gpuFor(f, gpus);
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("file", written.get(i).toString());
      o.put("vendor", f.vendorId());
      o.put("device", f.deviceId());
      o.put("class", f.classCode());
      o.put("size", f.size());
      o.put("sha256", f.sha256());
      o.put("nvidiaVbios", f.nvidiaVbios());
      o.put("version", f.report().nvidia() == null ? null : f.report().nvidia().version());
      o.put("images", f.report().images());
      o.put("location", f.location());
      o.put("copies", f.copies());
      o.put("hostGpu", g == null ? null : g.address());
      roms.add(o);
    }
    m.put("roms", roms);
    m.put("problems", r.problems());
    m.put("whyNoNvidia", r.whyNoNvidia());
    return m;
  }
}
