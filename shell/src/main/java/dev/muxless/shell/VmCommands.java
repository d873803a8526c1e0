package dev.muxless.shell;

import dev.muxless.core.AtomicFiles;
import dev.muxless.core.CheckReport;
import dev.muxless.core.ExitStatus;
import dev.muxless.core.Json;
import dev.muxless.core.MuxlessException;
import dev.muxless.core.TextTable;
import dev.muxless.qemu.ProfilePaths;
import dev.muxless.qemu.ProfileReader;
import dev.muxless.qemu.QemuArgs;
import dev.muxless.qemu.QmpEvent;
import dev.muxless.qemu.ShellQuote;
import dev.muxless.qemu.VmCheck;
import dev.muxless.qemu.VmControl;
import dev.muxless.qemu.VmInit;
import dev.muxless.qemu.VmLauncher;
import dev.muxless.qemu.VmProfile;
import dev.muxless.qemu.VmRuntime;
import dev.muxless.qemu.VmXml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.jline.terminal.Terminal;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;
import org.springframework.shell.command.annotation.OptionValues;

/**
 * {@code vm ...}: VM profiles, the qemu command line, libvirt XML, preflight and launch. Thin: the
 * engines are in {@code dev.muxless.qemu}.
 */
@Command(command = "vm", group = "VM")
public class VmCommands {
  private final ShellSession session;
  private final Terminal terminal;

  public VmCommands(ShellSession session, Terminal terminal) {
    this.session = session;
    this.terminal = terminal;
  }

  @Command(
      command = "init",
      description = "Write a VM profile for this host: GPU subsystem IDs, vGPU, OVMF, defaults.")
  @Example("vm init --out xps.json")
  @Example("vm init --out xps.json --gpu 01:00.0 --gvt-type i915-GVTg_V5_4 --rom vbios.rom")
  public String init(
      @Option(
              longNames = "out",
              required = true,
              description = "the profile to write",
              label = "FILE")
          @OptionValues(provider = "fileCompletion")
          String out,
      @Option(longNames = "gpu", description = "the GPU to pass through (default: the muxless one)")
          @OptionValues(provider = "gpuCompletion")
          String gpu,
      @Option(longNames = "gvt-type", description = "the GVT-g vGPU type (default: first free)")
          @OptionValues(provider = "gvtTypeCompletion")
          String gvtType,
      @Option(longNames = "name", description = "the VM's name (default: the file's name)")
          String name,
      @Option(longNames = "rom", description = "the VBIOS file for romfile")
          @OptionValues(provider = "fileCompletion")
          String rom,
      @Option(longNames = "acpi-tables", description = "ACPI tables (.aml), comma-separated")
          @OptionValues(provider = "fileCompletion")
          String acpiTables,
      @Option(longNames = "kernel", description = "guest kernel for direct boot")
          @OptionValues(provider = "fileCompletion")
          String kernel,
      @Option(longNames = "initrd", description = "guest initrd")
          @OptionValues(provider = "fileCompletion")
          String initrd,
      @Option(longNames = "append", description = "guest kernel command line") String append,
      @Option(longNames = "force", description = "overwrite an existing profile") boolean force,
      @Option(longNames = "json", description = "print the profile and notes as JSON")
          boolean json) {
    Path file = Path.of(out);
    if (Files.exists(file) && !force) {
      throw MuxlessException.badInput(
          out + " exists", "choose another --out, or add --force to overwrite it");
    }
    String vmName = name != null ? name : defaultName(file);
    List<String> tables =
        acpiTables == null
            ? List.of()
            : Arrays.stream(acpiTables.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(t -> ProfilePaths.forProfile(file, t))
                .toList();
    // the profile resolves paths against its own directory: store them so they name these files
    VmInit.Result r =
        VmInit.init(
            session.host(),
            new VmInit.Options(
                vmName,
                gpu,
                gvtType,
                ProfilePaths.forProfile(file, rom),
                tables,
                ProfilePaths.forProfile(file, kernel),
                ProfilePaths.forProfile(file, initrd),
                append));
    AtomicFiles.writeString(file, ProfileReader.write(r.profile()));
    session.report(ExitStatus.OK);
    if (json) {
      return Json.write(r);
    }
    StringBuilder b = new StringBuilder("Wrote " + out + " (VM '" + vmName + "')\n");
    r.notes().forEach(n -> b.append("  ").append(n).append('\n'));
    b.append("Next: 'vm check ").append(out).append("', then 'vm start ").append(out).append("'");
    return b.toString();
  }

  @Command(command = "args", description = "The full qemu argument list for a profile.")
  @Example("vm args xps.json")
  @Example("vm args xps.json --shell")
  public String args(
      @Option(required = true, description = "the VM profile", label = "FILE")
          @OptionValues(provider = "fileCompletion")
          String file,
      @Option(longNames = "shell", description = "one shell-quoted line to paste") boolean shell,
      @Option(longNames = "json", description = "a JSON array of arguments") boolean json) {
    List<String> argv = QemuArgs.build(ProfileReader.read(Path.of(file)));
    session.report(ExitStatus.OK);
    if (json) {
      return Json.write(argv);
    }
    return shell ? ShellQuote.join(argv) : String.join("\n", argv);
  }

  @Command(
      command = "xml",
      description = "An equivalent libvirt domain (virsh define) for a profile.")
  @Example("vm xml xps.json")
  @Example("vm xml xps.json --out xps.xml")
  public String xml(
      @Option(required = true, description = "the VM profile", label = "FILE")
          @OptionValues(provider = "fileCompletion")
          String file,
      @Option(longNames = "out", description = "write the XML here instead of printing it")
          @OptionValues(provider = "fileCompletion")
          String out) {
    String xml = VmXml.build(ProfileReader.read(Path.of(file)));
    session.report(ExitStatus.OK);
    if (out != null) {
      if (AtomicFiles.sameFile(Path.of(out), Path.of(file))) {
        throw MuxlessException.badInput(
            "--out " + out + " is the profile itself", "choose another file");
      }
      AtomicFiles.writeString(Path.of(out), xml);
      return "Wrote " + out;
    }
    return xml.stripTrailing();
  }

  @Command(
      command = "check",
      description = "Preflight a profile: qemu, OVMF, ROM, tables, vGPU, GPU.")
  @Example("vm check xps.json")
  @Example("vm check xps.json --json")
  public String check(
      @Option(required = true, description = "the VM profile", label = "FILE")
          @OptionValues(provider = "fileCompletion")
          String file,
      @Option(longNames = "json", description = "{\"steps\": [...]}") boolean json) {
    CheckReport r = VmCheck.run(ProfileReader.read(Path.of(file)), session.host());
    session.report(r.exitStatus());
    return json ? Json.write(r) : CheckPrinter.format(r);
  }

  @Command(
      command = "start",
      description = "Start qemu for a profile and wait until QMP reports it.")
  @Example("vm start xps.json")
  @Example("vm start xps.json --dry-run")
  @Example("vm start xps.json --follow")
  public String start(
      @Option(required = true, description = "the VM profile", label = "FILE")
          @OptionValues(provider = "fileCompletion")
          String file,
      @Option(longNames = "dry-run", description = "print what would run, start nothing")
          boolean dryRun,
      @Option(longNames = "follow", description = "then print events until qemu exits")
          boolean follow,
      @Option(longNames = "timeout", description = "seconds to wait for QMP", defaultValue = "30")
          int timeout,
      @Option(longNames = "json", description = "print the result as JSON") boolean json) {
    VmProfile p = ProfileReader.read(Path.of(file));
    if (dryRun) {
      List<String> argv = VmLauncher.plan(p);
      session.report(ExitStatus.OK);
      return json ? Json.write(argv) : "Would run (dry run):\n" + ShellQuote.join(argv);
    }
    VmLauncher.Started s = VmLauncher.start(p, Duration.ofSeconds(Math.max(1, timeout)));
    session.report(ExitStatus.OK);
    if (json) {
      return Json.write(s);
    }
    StringBuilder b = new StringBuilder();
    s.notes().forEach(n -> b.append("note: ").append(n).append('\n'));
    b.append("VM '")
        .append(s.name())
        .append("' is ")
        .append(s.status())
        .append(" (pid ")
        .append(s.pid())
        .append(", QEMU ")
        .append(s.qemuVersion())
        .append(")\n  runtime ")
        .append(s.runtimeDir())
        .append("\n  log     ")
        .append(s.log());
    if (!follow) {
      return b.toString();
    }
    print(b.toString());
    return "watch ended: " + VmControl.watch(s.name(), null, printer());
  }

  @Command(command = "status", description = "Whether a VM runs (QMP status), or every VM's state.")
  @Example("vm status")
  @Example("vm status xps --json")
  public String status(
      @Option(description = "the VM name (default: every VM)", label = "NAME")
          @OptionValues(provider = "vmNameCompletion")
          String name,
      @Option(longNames = "json", description = "print JSON") boolean json) {
    List<VmControl.VmStatus> all =
        name == null ? VmControl.statusAll() : List.of(VmControl.status(name));
    if (name != null) {
      session.report(all.get(0).state().equals("running") ? ExitStatus.OK : ExitStatus.PROBLEMS);
    }
    if (json) {
      return Json.write(name == null ? all : all.get(0));
    }
    if (all.isEmpty()) {
      return "No VMs yet (start one with 'vm start FILE').";
    }
    TextTable t = new TextTable("NAME", "STATE", "PID", "QMP", "DETAIL");
    for (VmControl.VmStatus s : all) {
      t.row(
          s.name(),
          s.state(),
          s.pid(),
          s.qmpStatus(),
          s.state().equals("running") ? s.log() : s.explanation());
    }
    return t.toString().stripTrailing();
  }

  @Command(command = "stop", description = "Power a VM down (ACPI), quit qemu after a timeout.")
  @Example("vm stop xps")
  @Example("vm stop xps --force")
  public String stop(
      @Option(description = "the VM name (default: the only running one)", label = "NAME")
          @OptionValues(provider = "vmNameCompletion")
          String name,
      @Option(longNames = "force", description = "quit qemu at once") boolean force,
      @Option(
              longNames = "timeout",
              description = "seconds to wait for the guest",
              defaultValue = "60")
          int timeout,
      @Option(longNames = "json", description = "print the result as JSON") boolean json) {
    String vm = name != null ? name : onlyRunning();
    VmControl.Stopped s =
        VmControl.stop(
            vm, force, Duration.ofSeconds(Math.max(0, timeout)), json ? e -> {} : printer());
    session.report(ExitStatus.OK);
    return json ? Json.write(s) : "VM '" + vm + "' stopped: " + s.how();
  }

  @Command(command = "watch", description = "Print a running VM's QMP events as they happen.")
  @Example("vm watch xps")
  @Example("vm watch xps --seconds 60")
  public String watch(
      @Option(description = "the VM name (default: the only running one)", label = "NAME")
          @OptionValues(provider = "vmNameCompletion")
          String name,
      @Option(
              longNames = "seconds",
              description = "stop watching after this long (0: until exit)",
              defaultValue = "0")
          int seconds) {
    String vm = name != null ? name : onlyRunning();
    String end = VmControl.watch(vm, seconds > 0 ? Duration.ofSeconds(seconds) : null, printer());
    session.report(ExitStatus.OK);
    return "watch ended: " + end;
  }

  private Consumer<QmpEvent> printer() {
    return e -> print(e.time() + "  " + e.describe());
  }

  private void print(String line) {
    terminal.writer().println(line);
    terminal.flush();
  }

  private static String onlyRunning() {
    List<String> running =
        VmRuntime.all().stream().filter(r -> r.process().isPresent()).map(VmRuntime::name).toList();
    if (running.size() == 1) {
      return running.get(0);
    }
    throw MuxlessException.badInput(
        running.isEmpty() ? "no VM is running" : "several VMs run: " + String.join(", ", running),
        "name one: 'vm stop NAME' (see 'vm status')");
  }

  static String defaultName(Path file) {
    String n = file.getFileName().toString().replaceFirst("\\.json$", "");
    n = n.replaceAll("[^A-Za-z0-9._-]", "-");
    return n.isEmpty() || !Character.isLetterOrDigit(n.charAt(0)) ? "vm" + n : n;
  }
}
