package dev.muxless.shell;

import dev.muxless.core.CheckReport;
import dev.muxless.core.Json;
import dev.muxless.host.HostCheck;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;

/** {@code host check}: is the host ready? Thin: the engine is {@link HostCheck}. */
@Command(command = "host", group = "Host")
public class HostCheckCommands {
  private final ShellSession session;

  public HostCheckCommands(ShellSession session) {
    this.session = session;
  }

  @Command(
      command = "check",
      description =
          "Check the host step by step: virtualization, IOMMU, the GPUs and their group, driver,"
              + " reset, vfio, GVT-g, qemu and OVMF. Exit status 1 when a step fails.")
  @Example("host check")
  @Example("host check --json")
  public String check(
      @Option(longNames = "json", description = "print {\"steps\": [...]} instead of text")
          boolean json) {
    CheckReport r = HostCheck.run(session.host());
    session.report(r.exitStatus());
    return json ? Json.write(r) : CheckPrinter.format(r);
  }
}
