package dev.muxless.shell;

import dev.muxless.core.Json;
import dev.muxless.host.HostRoot;
import dev.muxless.host.PciAddress;
import dev.muxless.vfio.PersistFile;
import dev.muxless.vfio.PersistPlan;
import dev.muxless.vfio.VfioPersist;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.shell.command.CommandRegistration.OptionArity;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;
import org.springframework.shell.command.annotation.OptionValues;

/** {@code vfio persist}: the boot-time setup. Thin: the engine is {@link VfioPersist}. */
@Command(command = "vfio", group = "VFIO")
public class VfioPersistCommands {
  private final ShellSession session;

  public VfioPersistCommands(ShellSession session) {
    this.session = session;
  }

  @Command(
      command = "persist",
      description =
          "Print the boot-time setup that makes vfio-pci claim devices (modprobe options and"
              + " softdeps, or vfio-pci.ids= when built in; initramfs; kernel parameters);"
              + " --write writes the files, backing up what they replace.")
  @Example("vfio persist 01:00.0")
  @Example("vfio persist 01:00.0 --write")
  public String persist(
      @Option(
              required = true,
              arity = OptionArity.ONE_OR_MORE,
              description = "PCI addresses, e.g. 01:00.0",
              label = "DEVICE...")
          @OptionValues(provider = "gpuCompletion")
          String[] devices,
      @Option(longNames = "write", description = "write the files (default: only print them)")
          boolean write,
      @Option(longNames = "json", description = "print the plan as JSON") boolean json) {
    HostRoot host = session.host();
    List<PciAddress> addrs = Arrays.stream(devices).map(PciAddress::parse).toList();
    PersistPlan p = VfioPersist.plan(host, addrs);
    StringBuilder b = new StringBuilder();
    if (write) {
      String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss"));
      List<VfioPersist.Written> done = VfioPersist.write(host, p, stamp);
      if (json) {
        return Json.write(done);
      }
      for (PersistFile f : p.files()) {
        if (f.unchanged()) {
          b.append("unchanged ").append(f.path()).append('\n');
        }
      }
      for (VfioPersist.Written w : done) {
        b.append("wrote ").append(w.path());
        b.append(w.backup() == null ? " (new file)" : " (previous content in " + w.backup() + ")");
        b.append('\n');
        PersistFile f = p.files().stream().filter(x -> x.path().equals(w.path())).findFirst().get();
        diff(b, f);
      }
      tail(b, p);
      return b.toString().stripTrailing();
    }
    if (json) {
      return Json.write(p);
    }
    b.append("Boot-time vfio-pci for ").append(String.join(", ", p.ids()));
    b.append(p.vfioBuiltin() ? " (vfio-pci is built into the kernel)\n" : "\n");
    for (PersistFile f : p.files()) {
      b.append('\n').append(f.path()).append(": ").append(f.why());
      b.append(f.unchanged() ? " (already so)\n" : f.previous() == null ? " (new file)\n" : "\n");
      if (f.previous() == null) {
        f.content().lines().forEach(l -> b.append("  ").append(l).append('\n'));
      } else {
        diff(b, f);
      }
    }
    b.append('\n');
    tail(b, p);
    b.append("Dry run: nothing written. Add --write to write the files above (with backups).");
    return b.toString();
  }

  /** The lines a file loses (-) and gains (+), so a bootloader change is shown exactly. */
  static void diff(StringBuilder b, PersistFile f) {
    if (f.previous() == null || f.unchanged()) {
      return;
    }
    Set<String> old = new LinkedHashSet<>(f.previous().lines().toList());
    Set<String> now = new LinkedHashSet<>(f.content().lines().toList());
    old.stream()
        .filter(l -> !now.contains(l))
        .forEach(l -> b.append("  - ").append(l).append('\n'));
    now.stream()
        .filter(l -> !old.contains(l))
        .forEach(l -> b.append("  + ").append(l).append('\n'));
  }

  static void tail(StringBuilder b, PersistPlan p) {
    b.append("Bootloader: ").append(p.bootloader()).append('\n');
    b.append("Kernel parameters to add: ")
        .append(
            p.kernelParameters().isEmpty()
                ? "none (all present)"
                : String.join(" ", p.kernelParameters()))
        .append('\n');
    for (String c : p.commands()) {
      b.append("Then run: ").append(c).append('\n');
    }
    for (String n : p.notes()) {
      b.append("Note: ").append(n).append('\n');
    }
  }
}
