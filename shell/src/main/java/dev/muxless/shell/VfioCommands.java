package dev.muxless.shell;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.muxless.core.ExitStatus;
import dev.muxless.core.Json;
import dev.muxless.core.TextTable;
import dev.muxless.host.HostRoot;
import dev.muxless.host.HostWriter;
import dev.muxless.host.PciAddress;
import dev.muxless.host.PciDevice;
import dev.muxless.vfio.ApplyResult;
import dev.muxless.vfio.BindExecutor;
import dev.muxless.vfio.BindPlan;
import dev.muxless.vfio.BindPlanner;
import dev.muxless.vfio.HostWrite;
import dev.muxless.vfio.IommuGroup;
import dev.muxless.vfio.IommuGroups;
import dev.muxless.vfio.Journal;
import dev.muxless.vfio.VfioRestore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.shell.command.CommandRegistration.OptionArity;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;
import org.springframework.shell.command.annotation.OptionValues;

/**
 * {@code vfio groups|bind|restore}: IOMMU groups and moving devices to vfio-pci and back. Thin: the
 * engines are {@link IommuGroups}, {@link BindPlanner}, {@link BindExecutor}, {@link VfioRestore}.
 */
@Command(command = "vfio", group = "VFIO")
public class VfioCommands {
  private final ShellSession session;

  public VfioCommands(ShellSession session) {
    this.session = session;
  }

  @Command(
      command = "groups",
      description = "List every IOMMU group with its devices and whether it can go to a guest.")
  @Example("vfio groups")
  @Example("vfio groups --json")
  public String groups(
      @Option(longNames = "json", description = "print a JSON array instead of text")
          boolean json) {
    List<IommuGroup> groups = IommuGroups.read(session.host());
    if (json) {
      return Json.write(groups.stream().map(GroupView::of).toList());
    }
    if (groups.isEmpty()) {
      return "No IOMMU groups under /sys/kernel/iommu_groups: the IOMMU is off (see 'host check').";
    }
    StringBuilder b = new StringBuilder();
    for (IommuGroup g : groups) {
      b.append("group ").append(g.number()).append(": ").append(g.verdict()).append('\n');
      TextTable t = new TextTable("ADDRESS", "CLASS", "IDS", "DRIVER", "ROLE");
      for (PciDevice d : g.devices()) {
        t.row(
            d.address(),
            d.className(),
            d.vendor() + ":" + d.device(),
            d.driver(),
            IommuGroups.role(d));
      }
      b.append(t);
    }
    return b.toString().stripTrailing();
  }

  /** One group as {@code vfio groups --json} prints it. */
  @JsonPropertyOrder({"group", "viable", "verdict", "devices"})
  record GroupView(int group, boolean viable, String verdict, List<Map<String, Object>> devices) {
    static GroupView of(IommuGroup g) {
      List<Map<String, Object>> ds = new ArrayList<>();
      for (PciDevice d : g.devices()) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("address", d.address().toString());
        m.put("class", d.classCode());
        m.put("className", d.className());
        m.put("vendor", d.vendor());
        m.put("device", d.device());
        m.put("driver", d.driver());
        m.put("role", IommuGroups.role(d));
        ds.add(m);
      }
      return new GroupView(g.number(), g.viable(), g.verdict(), ds);
    }
  }

  @Command(
      command = "bind",
      description =
          "Plan moving devices (and the other functions of their slot) to vfio-pci; --apply does"
              + " it with a journal, checks each write and rolls back on failure.")
  @Example("vfio bind 01:00.0")
  @Example("vfio bind 01:00.0 --json")
  @Example("vfio bind 01:00.0 --apply")
  public String bind(
      @Option(
              required = true,
              arity = OptionArity.ONE_OR_MORE,
              description = "PCI addresses, e.g. 01:00.0",
              label = "DEVICE...")
          @OptionValues(provider = "pciDeviceCompletion")
          String[] devices,
      @Option(longNames = "apply", description = "make the changes (default: only print the plan)")
          boolean apply,
      @Option(longNames = "force", description = "allow the boot display device") boolean force,
      @Option(longNames = "json", description = "print the plan as JSON") boolean json) {
    HostRoot host = session.host();
    List<PciAddress> addrs = Arrays.stream(devices).map(PciAddress::parse).toList();
    BindPlan plan = BindPlanner.plan(host, addrs, force);
    if (plan.isRefused()) {
      session.report(ExitStatus.PROBLEMS);
      return json ? Json.write(plan) : "Refused: " + plan.refused();
    }
    Path journal = Journal.fileFor(host);
    if (!apply) {
      return json ? Json.write(plan) : describe(plan, journal);
    }
    ApplyResult r = BindExecutor.apply(host, HostWriter.forHost(host), plan, journal);
    if (!r.ok()) {
      // a write that went through but did not take effect is a failed check (1); a write the host
      // refused (I/O error, permission) is the environment (3)
      session.report(r.verificationFailed() ? ExitStatus.PROBLEMS : ExitStatus.ENVIRONMENT);
    }
    if (json) {
      return Json.write(new AppliedPlan(plan.device(), plan.steps(), null, r));
    }
    return outcome(plan, r, journal);
  }

  /** {@code vfio bind --apply --json}: the plan's fields plus what applying it did. */
  @JsonPropertyOrder({"device", "steps", "refused", "applied"})
  record AppliedPlan(String device, List<HostWrite> steps, String refused, ApplyResult applied) {}

  static String describe(BindPlan p, Path journal) {
    if (p.steps().isEmpty()) {
      return p.device() + " and its slot's functions are already on vfio-pci: nothing to do.";
    }
    StringBuilder b = new StringBuilder("Plan for " + p.device() + ":\n");
    numbered(b, p.steps());
    b.append("Dry run: nothing changed. Add --apply to do it (journal: ")
        .append(journal)
        .append(").");
    return b.toString();
  }

  static String outcome(BindPlan p, ApplyResult r, Path journal) {
    StringBuilder b = new StringBuilder();
    if (r.ok()) {
      if (r.done().isEmpty()) {
        return p.device() + " is already on vfio-pci: nothing to do.";
      }
      numbered(b, r.done());
      b.append("Bound ")
          .append(p.device())
          .append(" to vfio-pci (verified). Journal: ")
          .append(journal)
          .append("; undo with 'vfio restore --apply'.");
      return b.toString();
    }
    b.append("Failed after ").append(r.done().size()).append(" of ").append(p.steps().size());
    b.append(" steps: ").append(r.failure()).append('\n');
    if (!r.rollback().isEmpty()) {
      b.append("Rolled back:\n");
      numbered(b, r.rollback());
    }
    b.append(
        r.restored()
            ? "The devices are back as they were before."
            : "The devices are NOT all back: run 'vfio restore --apply' (journal: "
                + journal
                + ").");
    return b.toString();
  }

  static void numbered(StringBuilder b, List<HostWrite> steps) {
    int i = 1;
    for (HostWrite w : steps) {
      b.append("  ").append(i++).append(". ").append(w).append('\n');
    }
  }

  @Command(
      command = "restore",
      description =
          "Put devices back on the drivers the journal recorded (after a bind, a crash or a"
              + " reboot); idempotent.")
  @Example("vfio restore")
  @Example("vfio restore --apply")
  @Example("vfio restore --json")
  public String restore(
      @Option(longNames = "apply", description = "make the changes (default: only print them)")
          boolean apply,
      @Option(longNames = "json", description = "print the plan (or what was done) as JSON")
          boolean json) {
    HostRoot host = session.host();
    Path journal = Journal.fileFor(host);
    List<VfioRestore.DeviceRestore> plan = VfioRestore.plan(host, journal);
    if (json) {
      return restoreJson(host, journal, plan, apply);
    }
    if (plan.isEmpty()) {
      return "Nothing to restore: no journal at " + journal + ".";
    }
    if (!apply) {
      StringBuilder b = new StringBuilder();
      for (VfioRestore.DeviceRestore d : plan) {
        b.append(d.recorded().address())
            .append(" back to driver ")
            .append(d.recorded().driver() == null ? "none" : d.recorded().driver())
            .append(
                d.absent()
                    ? ": absent, kept in the journal\n"
                    : d.steps().isEmpty() ? ": already there\n" : ":\n");
        numbered(b, d.steps());
      }
      b.append("Dry run: nothing changed. Add --apply to do it.");
      return b.toString();
    }
    VfioRestore.Result r = VfioRestore.apply(host, HostWriter.forHost(host), journal);
    StringBuilder b = new StringBuilder();
    numbered(b, r.done());
    report(r);
    for (String a : r.absent()) {
      b.append("absent, kept: ").append(a).append('\n');
    }
    if (r.problems().isEmpty()) {
      int already = plan.size() - r.restored().size() - r.absent().size();
      b.append("Restored ")
          .append(r.restored().size())
          .append(r.restored().size() == 1 ? " device" : " devices");
      if (already > 0) {
        b.append(" (").append(already).append(" already back)");
      }
      b.append(
          r.absent().isEmpty()
              ? "; journal cleared."
              : "; the journal keeps the absent devices: run 'vfio restore --apply' again when"
                  + " they are back on the bus.");
    } else {
      for (String p : r.problems()) {
        b.append("not restored: ").append(p).append('\n');
      }
      b.append(
          "The journal keeps these devices; fix the cause and run 'vfio restore --apply' again.");
    }
    return b.toString();
  }

  /**
   * Exit status of a restore: 3 when a write failed (I/O or permission), 1 when a device is not
   * back after its writes or is absent (its entry stays in the journal), else 0.
   */
  private void report(VfioRestore.Result r) {
    if (r.writeFailed()) {
      session.report(ExitStatus.ENVIRONMENT);
    } else if (!r.problems().isEmpty() || !r.absent().isEmpty()) {
      session.report(ExitStatus.PROBLEMS);
    }
  }

  /**
   * {@code {"journal", "devices": [{"address", "driver", "steps": [{"path", "value"}]}], "applied",
   * "done", "problems"}}: the same facts as the text, for scripts.
   */
  private String restoreJson(
      HostRoot host, Path journal, List<VfioRestore.DeviceRestore> plan, boolean apply) {
    java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
    out.put("journal", journal.toString());
    List<Object> devices = new java.util.ArrayList<>();
    for (VfioRestore.DeviceRestore d : plan) {
      java.util.Map<String, Object> dev = new java.util.LinkedHashMap<>();
      dev.put("address", d.recorded().address());
      dev.put("driver", d.recorded().driver());
      dev.put("steps", d.steps());
      dev.put("absent", d.absent());
      devices.add(dev);
    }
    out.put("devices", devices);
    out.put("applied", apply && !plan.isEmpty());
    if (apply && !plan.isEmpty()) {
      VfioRestore.Result r = VfioRestore.apply(host, HostWriter.forHost(host), journal);
      out.put("done", r.done());
      out.put("restored", r.restored());
      out.put("absent", r.absent());
      out.put("problems", r.problems());
      report(r);
    }
    return dev.muxless.core.Json.write(out);
  }
}
