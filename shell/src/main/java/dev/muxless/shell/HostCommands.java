package dev.muxless.shell;

import dev.muxless.core.ExitStatus;
import dev.muxless.core.Json;
import dev.muxless.core.TextTable;
import dev.muxless.host.DemoHost;
import dev.muxless.host.Gpu;
import dev.muxless.host.GpuInventory;
import dev.muxless.host.HostRoot;
import java.util.List;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;
import org.springframework.shell.command.annotation.OptionValues;

/** {@code host ...}: what the host has. Thin: the engine is {@link GpuInventory}. */
@Command(command = "host", group = "Host")
public class HostCommands {
  private final ShellSession session;

  public HostCommands(ShellSession session) {
    this.session = session;
  }

  @Command(
      command = "gpus",
      description = "List the display-class PCI devices and mark muxless NVIDIA GPUs.")
  @Example("host gpus")
  @Example("host gpus --json")
  public String gpus(
      @Option(longNames = "json", description = "print a JSON array instead of a table")
          boolean json) {
    List<Gpu> gpus = GpuInventory.list(session.host());
    if (json) {
      return Json.write(gpus);
    }
    if (gpus.isEmpty()) {
      return "No display-class PCI devices found under "
          + session.host().label()
          + " (a VM without a GPU, a container without /sys, or a fixture without PCI devices).";
    }
    TextTable t =
        new TextTable(
            "ADDRESS", "CLASS", "VENDOR:DEVICE", "SUBSYSTEM", "DRIVER", "BOOT", "GROUP", "NOTE");
    for (Gpu g : gpus) {
      t.row(
          g.address(),
          g.className(),
          g.vendorName() + " " + g.vendor() + ":" + g.device(),
          g.subsystemVendor() + ":" + g.subsystemDevice(),
          g.driver(),
          g.bootVga() ? "yes" : "no",
          g.iommuGroup(),
          g.muxless() ? "muxless (no display outputs)" : "");
    }
    return t.toString().stripTrailing();
  }

  @Command(
      command = "use",
      description =
          "Point muxless at another host root: 'demo' (the bundled laptop), '/' or a directory.")
  @Example("host use demo")
  @Example("host use /")
  public String use(
      @Option(
              required = true,
              description = "demo, / or a directory laid out like a root",
              label = "ROOT")
          @OptionValues(provider = "directoryCompletion")
          String root,
      @Option(longNames = "reset", description = "with demo: throw away changes made to it")
          boolean reset) {
    if (reset && "demo".equals(root)) {
      DemoHost.reset();
    }
    HostRoot h = HostRoot.select(root);
    session.use(h);
    session.report(ExitStatus.OK);
    return "Using host " + describe(h);
  }

  static String describe(HostRoot h) {
    if (h.isReal()) {
      return "/ (this machine)";
    }
    String name = h.read("/sys/class/dmi/id/product_name").orElse("");
    return h.label() + (name.isEmpty() ? "" : " (" + name + ")");
  }
}
