package dev.muxless.shell;

import dev.muxless.core.ExitStatus;
import dev.muxless.core.Json;
import dev.muxless.core.MuxlessException;
import dev.muxless.firmware.ExtractLimits;
import dev.muxless.firmware.ExtractProgress;
import dev.muxless.firmware.ExtractResult;
import dev.muxless.firmware.FoundRom;
import dev.muxless.firmware.RomExtractor;
import dev.muxless.host.Gpu;
import dev.muxless.host.GpuInventory;
import dev.muxless.host.PciBus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jline.terminal.Terminal;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;
import org.springframework.shell.command.annotation.OptionValues;

/**
 * {@code rom extract}: the VBIOS inside system firmware. Thin: the engine is {@link RomExtractor}.
 */
@Command(command = "rom", group = "ROM")
public class ExtractCommands {
  static final long PROGRESS_ABOVE = 8L << 20;

  private final ShellSession session;
  private final Terminal terminal;

  public ExtractCommands(ShellSession session, Terminal terminal) {
    this.session = session;
    this.terminal = terminal;
  }

  @Command(
      command = "extract",
      description =
          "Find the option ROMs (the NVIDIA VBIOS) inside a flash dump, BIOS region, UEFI capsule"
              + " or firmware update zip, and write each distinct one to a directory.")
  @Example("rom extract bios.bin --out-dir roms")
  @Example("rom extract X570.CAP --out-dir roms --vendor 10de --json")
  public String extract(
      @Option(
              required = true,
              description = "firmware file: flash dump, capsule, .zip",
              label = "FILE")
          @OptionValues(provider = "fileCompletion")
          String file,
      @Option(
              longNames = "out-dir",
              required = true,
              description = "directory to write VENDOR_DEVICE_<where>.rom files into",
              label = "DIR")
          @OptionValues(provider = "outDirCompletion")
          String outDir,
      @Option(
              longNames = "vendor",
              description = "keep only ROMs of this PCI vendor ID (e.g. 10de)")
          @OptionValues(provider = "pciVendorIdCompletion")
          String vendor,
      @Option(
              longNames = "device",
              description = "keep only ROMs of this PCI device ID (e.g. 1c8d)")
          @OptionValues(provider = "pciDeviceIdCompletion")
          String device,
      @Option(longNames = "json", description = "print a JSON report instead of text")
          boolean json) {
    checkId("--vendor", vendor);
    checkId("--device", device);
    Path input = Path.of(file);
    Path out = Path.of(outDir);
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw MuxlessException.badInput(
          outDir + ": --out-dir exists and is not a directory", "give a directory (it is created)");
    }
    ExtractResult r =
        RomExtractor.extract(input, ExtractLimits.defaults(), progressFor(input, json));
    List<FoundRom> selected = RomExtractor.select(r.roms(), vendor, device);
    List<Path> written = RomExtractor.write(selected, out, input);
    List<Gpu> gpus = hostGpus();
    session.report(selected.isEmpty() ? ExitStatus.PROBLEMS : ExitStatus.OK);
    return json
        ? Json.write(ExtractReport.json(r, selected, written, gpus))
        : ExtractReport.text(r, selected, written, gpus);
  }

  private static void checkId(String option, String id) {
    if (id != null
        && !id.isBlank()
        && (PciBus.hex(id, 4).isEmpty() || id.trim().replaceFirst("^0[xX]", "").length() != 4)) {
      throw MuxlessException.badInput(
          option + " " + id + ": not a 4-digit hex PCI ID", "for example --vendor 10de");
    }
  }

  private ExtractProgress progressFor(Path input, boolean json) {
    try {
      boolean big = Files.size(input) > PROGRESS_ABOVE;
      boolean tty = !Terminal.TYPE_DUMB.equals(terminal.getType()) && !json;
      if (big && tty) {
        ProgressBar bar = new ProgressBar(terminal.writer(), "scanning " + input.getFileName());
        return (done, total) -> {
          bar.at(done, total);
          if (done >= total) {
            bar.done();
          }
        };
      }
    } catch (java.io.IOException | RuntimeException e) {
      // no size, no bar: the engine reports the file problem itself
    }
    return ExtractProgress.NONE;
  }

  private List<Gpu> hostGpus() {
    try {
      return GpuInventory.list(session.host());
    } catch (RuntimeException e) {
      return List.of(); // not on a host with /sys: no match to report
    }
  }
}
