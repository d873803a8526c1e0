package dev.muxless.shell;

import dev.muxless.core.Json;
import dev.muxless.core.MuxlessException;
import dev.muxless.core.TextTable;
import dev.muxless.host.HostRoot;
import dev.muxless.host.HostWriter;
import dev.muxless.vfio.Gvt;
import dev.muxless.vfio.MdevType;
import dev.muxless.vfio.Vgpu;
import java.util.List;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;
import org.springframework.shell.command.annotation.OptionValues;

/** {@code gvt types|list|create|remove}: the iGPU's vGPUs. Thin: the engine is {@link Gvt}. */
@Command(command = "gvt", group = "GVT-g")
public class GvtCommands {
  private final ShellSession session;

  public GvtCommands(ShellSession session) {
    this.session = session;
  }

  @Command(
      command = "types",
      description = "List the vGPU types the iGPU offers and how many are left.")
  @Example("gvt types")
  @Example("gvt types --json")
  public String types(
      @Option(longNames = "json", description = "print JSON instead of text") boolean json) {
    List<MdevType> types = Gvt.types(session.host());
    if (json) {
      return Json.write(types);
    }
    if (types.isEmpty()) {
      return "No device offers mdev types: see 'host check' (gvt-i915, gvt-kvmgt).";
    }
    TextTable t = new TextTable("TYPE", "PARENT", "LEFT", "DESCRIPTION");
    for (MdevType m : types) {
      t.row(m.id(), m.parent(), m.availableInstances(), m.description().replace("\n", ", "));
    }
    String s = t.toString();
    return Gvt.choose(types)
        .map(c -> s + "Default: " + c.type().id() + ", " + c.reason())
        .orElse(s + "No type has an instance left.");
  }

  @Command(command = "list", description = "List the existing vGPUs (mediated devices).")
  @Example("gvt list")
  @Example("gvt list --json")
  public String list(
      @Option(longNames = "json", description = "print JSON instead of text") boolean json) {
    List<Vgpu> vs = Gvt.list(session.host());
    if (json) {
      return Json.write(vs);
    }
    if (vs.isEmpty()) {
      return "No vGPUs. Create one with 'gvt create'.";
    }
    TextTable t = new TextTable("UUID", "PARENT", "TYPE");
    vs.forEach(v -> t.row(v.uuid(), v.parent(), v.type()));
    return t.toString().stripTrailing();
  }

  @Command(
      command = "create",
      description =
          "Create a vGPU by writing a UUID into a type's create file; picks a type by default.")
  @Example("gvt create")
  @Example("gvt create --type i915-GVTg_V5_4 --uuid a297db4a-f4c2-11e6-90f6-d3b88d6c9525")
  public String create(
      @Option(
              longNames = "type",
              description = "mdev type id or name (default: the largest with room)")
          @OptionValues(provider = "mdevTypeCompletion")
          String type,
      @Option(longNames = "uuid", description = "the vGPU's UUID (default: a random one)")
          String uuid,
      @Option(longNames = "json", description = "print the vGPU as JSON") boolean json) {
    HostRoot host = session.host();
    MdevType t;
    String why;
    if (type != null) {
      t = Gvt.type(host, type);
      why = "as asked";
    } else {
      List<MdevType> types = Gvt.types(host);
      Gvt.Choice c =
          Gvt.choose(types)
              .orElseThrow(
                  () ->
                      types.isEmpty()
                          ? MuxlessException.environment(
                              "no device offers mdev types on host " + host.label(),
                              "see 'host check' (gvt-i915, gvt-kvmgt)")
                          : MuxlessException.environment(
                              "no mdev type has an instance left",
                              "remove a vGPU you no longer use ('gvt list', 'gvt remove UUID')"));
      t = c.type();
      why = c.reason();
    }
    Vgpu v = Gvt.create(host, HostWriter.forHost(host), t, uuid);
    if (json) {
      return Json.write(v);
    }
    return "Created vGPU "
        + v.uuid()
        + " of type "
        + v.type()
        + " on "
        + v.parent()
        + ".\nType chosen: "
        + why
        + ".\n"
        + "qemu: -device vfio-pci,sysfsdev=/sys/bus/mdev/devices/"
        + v.uuid()
        + ",display=on";
  }

  @Command(command = "remove", description = "Remove a vGPU by UUID.")
  @Example("gvt remove a297db4a-f4c2-11e6-90f6-d3b88d6c9525")
  public String remove(
      @Option(required = true, description = "the vGPU's UUID", label = "UUID")
          @OptionValues(provider = "vgpuCompletion")
          String uuid) {
    HostRoot host = session.host();
    Gvt.remove(host, HostWriter.forHost(host), uuid);
    return "Removed vGPU " + uuid + ". (Some kernels can't create a vGPU again until reboot.)";
  }
}
