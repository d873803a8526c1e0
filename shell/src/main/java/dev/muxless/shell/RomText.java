package dev.muxless.shell;

import dev.muxless.core.TextTable;
import dev.muxless.rom.NvidiaInfo;
import dev.muxless.rom.RomImage;
import dev.muxless.rom.RomProblem;
import dev.muxless.rom.RomRegion;
import dev.muxless.rom.RomReport;

/** The readable form of a {@link RomReport}: images, NVIDIA facts, other regions, problems last. */
final class RomText {
  private RomText() {}

  static String format(RomReport r) {
    StringBuilder b = new StringBuilder();
    b.append(Style.bold(r.file())).append(String.format("  %d bytes (0x%x)", r.size(), r.size()));
    if (r.romStart() >= 0) {
      b.append(String.format(", ROM at 0x%x", r.romStart()));
    }
    b.append('\n');
    if (!r.images().isEmpty()) {
      TextTable t =
          new TextTable(
              "#", "OFFSET", "LENGTH", "TYPE", "SIG", "VENDOR:DEVICE", "CLASS", "LAST", "NOTES");
      int n = 0;
      for (RomImage i : r.images()) {
        t.row(
            String.valueOf(n++),
            String.format("0x%x", i.offset()),
            String.format("0x%x", i.length()),
            String.format("%02x %s", i.codeType(), RomImage.codeTypeName(i.codeType())),
            i.header() == null || i.pcir() == null
                ? ""
                : i.header().signatureName() + "/" + i.pcir().signature(),
            i.vendorId() + ":" + i.deviceId(),
            i.classCode(),
            i.last() ? "yes" : "no",
            notes(i));
      }
      b.append(t.toString().stripTrailing()).append('\n');
    }
    NvidiaInfo nv = r.nvidia();
    if (nv != null) {
      b.append("NVIDIA VBIOS ")
          .append(Style.bold(nv.version() == null ? "(no version)" : nv.version()))
          .append(nv.mobile() ? ", MOBILE" : ", not mobile")
          .append(
              nv.bit() == null
                  ? ", no BIT"
                  : String.format(
                      ", BIT %s at 0x%x with %d tokens",
                      nv.bit().versionText(), nv.bit().offset(), nv.bit().tokens().size()))
          .append('\n');
      if (nv.signOn() != null) {
        b.append("  sign-on: ").append(nv.signOn()).append('\n');
      }
      if (nv.versionString() != null) {
        b.append("  version string: ").append(nv.versionString()).append('\n');
      }
    }
    for (RomRegion g : r.regions()) {
      b.append(
          String.format(
              "  0x%x..0x%x %s: %s%n",
              g.offset(), g.offset() + g.length(), g.kind(), g.description()));
    }
    if (r.problems().isEmpty()) {
      b.append(Style.good("no problems")).append('\n');
    }
    for (RomProblem p : r.problems()) {
      String sev =
          switch (p.severity()) {
            case ERROR -> Style.bad("ERROR  ");
            case WARNING -> Style.warn("WARNING");
            case INFO -> Style.dim("INFO   ");
          };
      b.append(sev)
          .append(p.offset() < 0 ? "         " : String.format(" 0x%-6x ", p.offset()))
          .append(p.message())
          .append('\n');
    }
    return b.toString();
  }

  private static String notes(RomImage i) {
    StringBuilder s = new StringBuilder();
    if (i.npde() != null) {
      s.append(
          String.format(
              "NPDE %d blocks%s", i.npde().subimageLength(), i.npde().lastFlag() ? " last" : ""));
      if (i.pcir() != null) {
        s.append(String.format(", PCIR %d blocks", i.pcir().imageLength()));
      }
    }
    if (i.efi() != null) {
      s.append(s.length() > 0 ? ", " : "")
          .append("EFI ")
          .append(dev.muxless.rom.EfiImageHeader.machineName(i.efi().machineType()))
          .append(i.efi().compressed() ? " compressed" : "");
    }
    if (i.checksumOk() != null) {
      s.append(s.length() > 0 ? ", " : "").append(i.checksumOk() ? "checksum ok" : "BAD checksum");
    }
    return s.toString();
  }
}
