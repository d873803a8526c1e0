package dev.muxless.shell;

import dev.muxless.core.AtomicFiles;
import dev.muxless.core.ExitStatus;
import dev.muxless.core.InputFiles;
import dev.muxless.core.Json;
import dev.muxless.core.MuxlessException;
import dev.muxless.rom.RomDump;
import dev.muxless.rom.RomField;
import dev.muxless.rom.RomHexdump;
import dev.muxless.rom.RomParser;
import dev.muxless.rom.RomParserFormat;
import dev.muxless.rom.RomReport;
import dev.muxless.rom.RomStrip;
import dev.muxless.rom.StrippedRom;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jline.terminal.Terminal;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.shell.command.CommandRegistration.OptionArity;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;
import org.springframework.shell.command.annotation.OptionValues;

/**
 * {@code rom ...}: parse, strip, explore and dump option ROMs. Engines: {@code dev.muxless.rom}.
 */
@Command(command = "rom", group = "ROM")
public class RomCommands {
  /** Larger than any option ROM or SPI flash image; guards against parsing a disk image. */
  static final long MAX_FILE = 64L << 20;

  private final ShellSession session;
  private final ObjectProvider<Terminal> terminal;

  public RomCommands(ShellSession session, ObjectProvider<Terminal> terminal) {
    this.session = session;
    this.terminal = terminal;
  }

  @Command(
      command = "parse",
      description =
          "Find the ROM in each file, walk every image (NVIDIA-aware), show the VBIOS version and"
              + " the problems.")
  @Example("rom parse vbios.rom")
  @Example("rom parse a.rom b.rom --format json")
  @Example("rom parse vbios.rom --format rom-parser")
  @Example("rom parse vbios.rom --device 01:00.0")
  public String parse(
      @Option(
              required = true,
              arity = OptionArity.ONE_OR_MORE,
              label = "FILE",
              description = "ROM files")
          @OptionValues(provider = "fileCompletion")
          String[] file,
      @Option(
              longNames = "format",
              defaultValue = "text",
              description = "text, rom-parser (byte-for-byte rom-parser output) or json")
          @OptionValues(provider = "romFormatCompletion")
          String format,
      @Option(
              longNames = "device",
              label = "DEVICE",
              description =
                  "the GPU the ROM must belong to: a PCI address of this host or vendor:device")
          @OptionValues(provider = "gpuCompletion")
          String device) {
    String[] expect = expectedIds(device);
    String fmt = format == null ? "text" : format;
    if (!List.of("text", "rom-parser", "json").contains(fmt)) {
      throw MuxlessException.badInput(
          "--format " + fmt + ": unknown format", "use text, rom-parser or json");
    }
    if (fmt.equals("rom-parser")) {
      return romParser(file);
    }
    List<Object> json = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    ExitStatus status = ExitStatus.OK;
    for (String f : file) {
      byte[] data;
      try {
        data = read(f);
      } catch (MuxlessException e) {
        status = status.worst(e.status());
        if (fmt.equals("json")) {
          Map<String, Object> err = new LinkedHashMap<>();
          err.put("file", f);
          err.put("error", e.getMessage());
          json.add(err);
        } else {
          text.append(Style.error("error: ")).append(e.getMessage()).append('\n');
        }
        continue;
      }
      RomReport r =
          expect == null
              ? RomParser.parse(data, f)
              : RomParser.parse(data, f, expect[0], expect[1]);
      if (r.hasErrors() || r.romStart() < 0) {
        status = status.worst(ExitStatus.PROBLEMS);
      }
      if (fmt.equals("json")) {
        json.add(r);
      } else {
        text.append(text.length() > 0 ? "\n" : "").append(RomText.format(r));
      }
    }
    session.report(status);
    return fmt.equals("json") ? Json.write(json) : text.toString().stripTrailing();
  }

  /**
   * {@code --device}: "10de:1c8d" as given, or a PCI address whose IDs are read from the host in
   * use; null when not given.
   */
  private String[] expectedIds(String device) {
    if (device == null || device.isBlank()) {
      return null;
    }
    String d = device.trim().toLowerCase(java.util.Locale.ROOT);
    if (d.matches("[0-9a-f]{4}:[0-9a-f]{4}")) {
      return d.split(":");
    }
    var pci =
        new dev.muxless.host.PciBus(session.host())
            .require(dev.muxless.host.PciAddress.parse(device));
    return new String[] {pci.vendor(), pci.device()};
  }

  /** rom-parser's bytes go to the terminal's byte stream unchanged (they may not be UTF-8). */
  private String romParser(String[] files) {
    ExitStatus status = ExitStatus.OK;
    java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
    for (String f : files) {
      if (files.length > 1) {
        all.writeBytes(("==> " + f + " <==\n").getBytes(StandardCharsets.UTF_8));
      }
      RomParserFormat.Output out;
      try {
        out = RomParserFormat.render(read(f));
      } catch (MuxlessException e) {
        out =
            RomParserFormat.statError(
                e.getMessage().contains("no such file")
                    ? "No such file or directory"
                    : e.getMessage());
        status = status.worst(ExitStatus.BAD_INPUT);
      }
      all.writeBytes(out.bytes());
      if (out.exitCode() != 0) {
        status = status.worst(ExitStatus.PROBLEMS);
      }
    }
    session.report(status);
    Terminal t = terminal.getIfAvailable();
    if (t == null) {
      return all.toString(StandardCharsets.ISO_8859_1);
    }
    try {
      t.writer().flush();
      OutputStream os = t.output();
      os.write(all.toByteArray());
      os.flush();
    } catch (IOException e) {
      throw MuxlessException.environment("cannot write to the terminal: " + e.getMessage(), null);
    }
    return null;
  }

  @Command(
      command = "strip",
      description =
          "Write the PCI expansion ROM alone: drop a firmware prefix, padding and anything after"
              + " the chain's last image.")
  @Example("rom strip nvflash-dump.rom --out vbios.rom")
  public String strip(
      @Option(required = true, label = "FILE", description = "the ROM or firmware dump to read")
          @OptionValues(provider = "fileCompletion")
          String file,
      @Option(
              longNames = "out",
              required = true,
              label = "OUT",
              description = "where to write the ROM")
          @OptionValues(provider = "fileCompletion")
          String out,
      @Option(longNames = "json", description = "print what was done as JSON") boolean json) {
    Path in = Path.of(file);
    Path dst = Path.of(out);
    if (AtomicFiles.sameFile(in, dst)
        || in.toAbsolutePath().normalize().equals(dst.toAbsolutePath().normalize())) {
      throw MuxlessException.badInput(
          "--out " + out + " is the input file: rom strip never overwrites its input",
          "choose another output name, e.g. " + file + ".stripped.rom");
    }
    StrippedRom s = RomStrip.strip(read(file), file);
    AtomicFiles.write(dst, s.bytes());
    session.report(ExitStatus.OK);
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("file", file);
      m.put("out", out);
      m.put("start", s.start());
      m.put("end", s.end());
      m.put("size", s.bytes().length);
      m.put("removed", s.removed());
      return Json.write(m);
    }
    StringBuilder b =
        new StringBuilder(
            String.format(
                "wrote %s: 0x%x bytes (the ROM from 0x%x to 0x%x of %s)",
                out, s.bytes().length, s.start(), s.end(), file));
    if (s.removed().isEmpty()) {
      b.append("\nnothing removed: the input was already a bare ROM");
    }
    for (String r : s.removed()) {
      b.append("\nremoved ").append(r);
    }
    return b.toString();
  }

  @Command(
      command = "hexdump",
      description =
          "Hex and ASCII with every header, PCIR, NPDE, EFI and BIT field named alongside.")
  @Example("rom hexdump vbios.rom")
  @Example("rom hexdump vbios.rom --offset 0x1a0 --length 64")
  public String hexdump(
      @Option(required = true, label = "FILE", description = "the ROM file")
          @OptionValues(provider = "fileCompletion")
          String file,
      @Option(
              longNames = "offset",
              label = "N",
              description = "first byte (decimal or 0x hex; default: the ROM start)")
          String offset,
      @Option(
              longNames = "length",
              label = "N",
              defaultValue = "512",
              description = "bytes to show (decimal or 0x hex)")
          String length,
      @Option(longNames = "json", description = "print the named fields in range as JSON")
          boolean json) {
    byte[] data = read(file);
    RomReport r = RomParser.parse(data, file);
    long off = offset == null ? Math.max(0, r.romStart()) : number(offset, "--offset");
    long len = number(length == null ? "512" : length, "--length");
    if (off >= data.length && data.length > 0) {
      throw MuxlessException.badInput(
          String.format("--offset 0x%x is past the end of %s (0x%x bytes)", off, file, data.length),
          "give an offset below the file size");
    }
    session.report(ExitStatus.OK);
    if (json) {
      List<RomField> in = new ArrayList<>();
      for (RomField f : RomHexdump.fields(data, r)) {
        if (f.offset() >= off && f.offset() - off < len) { // off + len overflows for huge --length
          in.add(f);
        }
      }
      return Json.write(in);
    }
    return RomHexdump.render(data, r, off, len).stripTrailing();
  }

  @Command(
      command = "dump",
      description =
          "Read the GPU's VBIOS from the host (sysfs rom, nouveau debugfs, or the firmware's ACPI"
              + " _ROM via acpi_call), validate it and write it.")
  @Example("rom dump --device 0000:01:00.0 --out vbios.rom")
  @Example("rom dump --device 0000:01:00.0 --out vbios.rom --method acpi")
  public String dump(
      @Option(
              longNames = "device",
              required = true,
              label = "BDF",
              description = "the GPU's PCI address")
          @OptionValues(provider = "gpuCompletion")
          String device,
      @Option(
              longNames = "out",
              required = true,
              label = "FILE",
              description = "where to write the VBIOS")
          @OptionValues(provider = "fileCompletion")
          String out,
      @Option(
              longNames = "method",
              defaultValue = "all",
              label = "METHOD",
              description = "sysfs, nouveau, acpi or all")
          @OptionValues(provider = "romDumpMethodCompletion")
          String method,
      @Option(longNames = "json", description = "print the attempts as JSON") boolean json) {
    List<RomDump.Method> methods = RomDump.Method.parse(method);
    RomDump.Result res = new RomDump(session.host()).dump(device, methods);
    if (res.ok()) {
      AtomicFiles.write(Path.of(out), res.rom());
    }
    session.report(res.ok() ? ExitStatus.OK : ExitStatus.PROBLEMS);
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("device", device);
      m.put("ok", res.ok());
      m.put("method", res.method());
      m.put("out", res.ok() ? out : null);
      m.put("size", res.ok() ? res.rom().length : 0);
      m.put(
          "version",
          res.ok() && res.report().nvidia() != null ? res.report().nvidia().version() : null);
      m.put("attempts", res.attempts());
      return Json.write(m);
    }
    StringBuilder b = new StringBuilder();
    for (RomDump.Attempt a : res.attempts()) {
      b.append(a.ok() ? Style.good("OK  ") : Style.bad("FAIL"))
          .append(' ')
          .append(String.format("%-8s", a.method()))
          .append(a.source())
          .append(": ")
          .append(a.message())
          .append('\n');
      if (!a.ok() && a.hint() != null) {
        b.append("              ").append(Style.dim("next: " + a.hint())).append('\n');
      }
    }
    if (res.ok()) {
      b.append(String.format("wrote %s: 0x%x bytes from %s", out, res.rom().length, res.source()));
      if (res.report().nvidia() != null) {
        b.append(", NVIDIA VBIOS ").append(res.report().nvidia().version());
      }
    } else {
      b.append("no method gave a valid VBIOS; nothing written");
    }
    return b.toString();
  }

  /** A file's bytes, or one clear error naming it. */
  static byte[] read(String file) {
    return InputFiles.read(Path.of(file), MAX_FILE, "ROM file");
  }

  static long number(String s, String option) {
    try {
      String t = s.trim().toLowerCase();
      long v = t.startsWith("0x") ? Long.parseLong(t.substring(2), 16) : Long.parseLong(t);
      if (v < 0) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw MuxlessException.badInput(
          option + " " + s + ": not a number",
          "give a decimal number or 0x-prefixed hex, e.g. 0x1a0");
    }
  }
}
