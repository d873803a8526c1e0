package dev.muxless.shell;

import dev.muxless.acpi.AcpiPath;
import dev.muxless.acpi.AmlObject;
import dev.muxless.acpi.AmlReader;
import dev.muxless.acpi.BatteryTable;
import dev.muxless.acpi.DefinitionBlock;
import dev.muxless.acpi.InspectedTable;
import dev.muxless.acpi.RomTableFiles;
import dev.muxless.acpi.RomTableGenerator;
import dev.muxless.acpi.RomTableMode;
import dev.muxless.acpi.TableHeader;
import dev.muxless.core.AtomicFiles;
import dev.muxless.core.ExitStatus;
import dev.muxless.core.InputFiles;
import dev.muxless.core.Json;
import dev.muxless.core.MuxlessException;
import dev.muxless.qemu.QemuArgs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.shell.command.CommandRegistration.OptionArity;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;
import org.springframework.shell.command.annotation.OptionValues;

/**
 * {@code acpi ...}: the VBIOS {@code _ROM} tables, the fake battery, and table inspection. Thin:
 * the engines are {@link RomTableFiles}, {@link BatteryTable} and {@link AmlReader}.
 */
@Command(command = "acpi", group = "ACPI")
public class AcpiCommands {
  /** The largest table file read: real DSDTs are well under 1 MiB. */
  static final long MAX_TABLE_FILE = 16L << 20;

  private final ShellSession session;

  public AcpiCommands(ShellSession session) {
    this.session = session;
  }

  @Command(
      command = "rom-table",
      description =
          "Write SSDTs giving the guest GPU's ACPI node a _ROM method that serves the VBIOS.")
  @Example("acpi rom-table --rom vbios.rom --out-dir acpi/")
  @Example("acpi rom-table --rom vbios.rom --out-dir acpi/ --root-port 2 --asl")
  @Example("acpi rom-table --rom vbios.rom --out-dir acpi/ --mode fw-cfg")
  public String romTable(
      @Option(
              longNames = "rom",
              required = true,
              description = "the VBIOS (a firmware prefix is stripped as 'rom strip' does)",
              label = "FILE")
          @OptionValues(provider = "fileCompletion")
          String rom,
      @Option(
              longNames = "out-dir",
              required = true,
              description = "directory to write the tables into",
              label = "DIR")
          @OptionValues(provider = "directoryCompletion")
          String outDir,
      @Option(
              longNames = "path",
              description = "ACPI path of the GPU node (default \\_SB.PCI0.S08.S00)",
              label = "ACPI_PATH")
          @OptionValues(provider = "acpiPathCompletion")
          String path,
      @Option(
              longNames = "root-port",
              description =
                  "guest slot of the GPU's root port, hex as in QEMU addr= (GPU at function 0 behind it)",
              label = "SLOT")
          @OptionValues(provider = "rootPortCompletion")
          String rootPort,
      @Option(
              longNames = "mode",
              defaultValue = "embedded",
              description = "embedded (ROM in the tables) or fw-cfg (read from a QEMU fw_cfg file)",
              label = "MODE")
          @OptionValues(provider = "acpiModeCompletion")
          String mode,
      @Option(longNames = "asl", description = "also write the ASL source of each table")
          boolean asl,
      @Option(longNames = "json", description = "print the report as JSON") boolean json) {
    if (path != null && rootPort != null) {
      throw MuxlessException.badInput(
          "--path and --root-port both given",
          "use --root-port for QEMU's q35 naming, or --path for any other layout");
    }
    AcpiPath where =
        path != null
            ? new AcpiPath(path)
            : rootPort != null ? AcpiPath.parseRootPort(rootPort) : AcpiPath.DEFAULT;
    requireNoColon("--out-dir", outDir);
    RomTableMode m = RomTableMode.parse(mode);
    RomTableGenerator.Options o =
        m == RomTableMode.EMBEDDED
            ? RomTableGenerator.Options.embedded(where)
            : RomTableGenerator.Options.fwCfg(where);
    RomTableFiles.Report r = RomTableFiles.write(Path.of(rom), Path.of(outDir), o, asl);
    session.report(ExitStatus.OK);
    if (json) {
      return Json.write(r);
    }
    StringBuilder sb = new StringBuilder();
    sb.append("ROM: ").append(r.rom()).append(" (").append(r.romFileBytes()).append(" bytes)");
    if (r.stripped().isEmpty()) {
      sb.append(", served whole: no firmware prefix or padding to strip\n");
    } else {
      sb.append(", stripped as 'rom strip' does to ")
          .append(r.romBytes())
          .append(" bytes: ")
          .append(String.join("; ", r.stripped()))
          .append('\n');
    }
    sb.append("_ROM at ").append(r.acpiPath()).append(", ").append(r.mode()).append(" mode\n");
    sb.append("Wrote:\n");
    for (RomTableFiles.WrittenFile f : r.files()) {
      sb.append(
          String.format(
              "  %-48s %9d bytes%s%n",
              f.path(), f.bytes(), f.kind().equals("table") ? "" : "  (" + f.kind() + ")"));
    }
    sb.append("Total: ")
        .append(r.totalTableBytes())
        .append(" bytes in ")
        .append(r.tables())
        .append(r.tables() == 1 ? " table" : " tables")
        .append(" (each at most 65535, QEMU's -acpitable limit)\n");
    if (!r.staleFiles().isEmpty()) {
      sb.append("Note: tables from an earlier run are still there and are not part of this set: ")
          .append(String.join(", ", r.staleFiles()))
          .append(" (remove them)\n");
    }
    sb.append("QEMU arguments, in this order:\n ");
    for (int i = 0; i < r.qemuArgs().size(); i += 2) {
      sb.append(' ').append(r.qemuArgs().get(i)).append(' ').append(r.qemuArgs().get(i + 1));
    }
    return sb.toString();
  }

  @Command(
      command = "battery",
      description = "Write a fake battery SSDT for NVIDIA mobile drivers that require one.")
  @Example("acpi battery --out battery.aml")
  @Example("acpi battery --out battery.aml --asl")
  public String battery(
      @Option(
              longNames = "out",
              required = true,
              description = "the table file to write",
              label = "FILE")
          @OptionValues(provider = "fileCompletion")
          String out,
      @Option(longNames = "asl", description = "also write the ASL source next to it") boolean asl,
      @Option(longNames = "json", description = "print the report as JSON") boolean json) {
    DefinitionBlock b = BatteryTable.build();
    requireNoColon("--out", out);
    Path f = Path.of(out);
    byte[] aml = b.toAml();
    AtomicFiles.write(f, aml);
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("file", f.toString());
    report.put("bytes", aml.length);
    report.put("acpiPath", BatteryTable.PATH);
    if (asl) {
      Path a = Path.of(out.replaceFirst("\\.(aml|dat)$", "") + ".asl");
      AtomicFiles.writeString(a, b.toAsl());
      report.put("asl", a.toString());
    }
    String acpitable = "file=" + QemuArgs.opt(f.toString());
    report.put("qemuArgs", List.of("-acpitable", acpitable));
    session.report(ExitStatus.OK);
    if (json) {
      return Json.write(report);
    }
    return "Wrote "
        + f
        + " ("
        + aml.length
        + " bytes): battery "
        + BatteryTable.PATH
        + ", _STA 0x1F (present), _BIF technology 1 (rechargeable)"
        + (asl ? "\nWrote " + report.get("asl") : "")
        + "\nQEMU argument:\n  -acpitable "
        + acpitable;
  }

  @Command(
      command = "inspect",
      description = "Show an ACPI table's header, checksum verdict and object tree.")
  @Example("acpi inspect acpi/ssdt-vbios-00.aml")
  @Example("acpi inspect /sys/firmware/acpi/tables/SSDT1 --json")
  public String inspect(
      @Option(
              required = true,
              arity = OptionArity.ONE_OR_MORE,
              description = "table files (.aml, .dat, /sys/firmware/acpi/tables/*)",
              label = "FILE")
          @OptionValues(provider = "fileCompletion")
          String[] files,
      @Option(longNames = "json", description = "print the reports as JSON") boolean json) {
    List<InspectedTable> tables = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (String name : files) {
      try {
        tables.add(AmlReader.inspect(read(Path.of(name)), name));
      } catch (MuxlessException e) {
        if (files.length == 1) {
          throw e;
        }
        errors.add(e.getMessage());
        session.report(e.status());
      }
    }
    boolean problems = tables.stream().anyMatch(InspectedTable::hasProblems);
    session.report(problems ? ExitStatus.PROBLEMS : ExitStatus.OK);
    if (json) {
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("tables", tables);
      report.put("errors", errors);
      return Json.write(report);
    }
    StringBuilder sb = new StringBuilder();
    for (InspectedTable t : tables) {
      TableHeader h = t.header();
      sb.append(h.file()).append('\n');
      sb.append(
          String.format(
              "  %s rev %d, %d bytes, OEM \"%s\" \"%s\" rev %d, creator \"%s\" 0x%08X%n",
              h.signature(),
              h.revision(),
              h.length(),
              h.oemId(),
              h.oemTableId(),
              h.oemRevision(),
              h.creatorId(),
              h.creatorRevision()));
      sb.append(
          String.format(
              "  checksum 0x%02X: %s%n",
              h.checksum(),
              (h.checksumValid()
                      ? "valid"
                      : String.format("INVALID, should be 0x%02X", h.expectedChecksum()))
                  + (h.lengthMatches()
                      ? ""
                      : String.format(
                          " over the %d bytes the length field covers (the file has %d)",
                          Math.min(h.length(), h.actualLength()), h.actualLength()))));
      tree(sb, t.objects(), 1);
      for (String p : t.problems()) {
        sb.append("  problem: ").append(p).append('\n');
      }
    }
    for (String e : errors) {
      sb.append("error: ").append(e).append('\n');
    }
    return sb.toString().stripTrailing();
  }

  private static void tree(StringBuilder sb, List<AmlObject> objects, int depth) {
    for (AmlObject o : objects) {
      sb.append("  ".repeat(depth + 1)).append(o.kind());
      if (o.path() != null) {
        sb.append(' ').append(o.path());
      }
      if (!o.detail().isEmpty()) {
        sb.append("  ").append(o.detail());
      }
      sb.append(String.format("  [0x%X, %d bytes]%n", o.offset(), o.length()));
      tree(sb, o.children(), depth + 1);
    }
  }

  private static byte[] read(Path f) {
    return InputFiles.read(f, MAX_TABLE_FILE, "ACPI table");
  }

  /** qemu's {@code -acpitable file=} takes a ':'-separated list, so a ':' in a path can't work. */
  private static void requireNoColon(String option, String path) {
    if (path.contains(":")) {
      throw MuxlessException.badInput(
          option
              + " "
              + path
              + ": contains ':', which qemu's -acpitable file= reads as a list separator",
          "choose a path without ':'");
    }
  }
}
