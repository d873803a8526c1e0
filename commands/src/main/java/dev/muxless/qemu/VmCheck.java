package dev.muxless.qemu;

import dev.muxless.core.CheckReport;
import dev.muxless.core.CheckStep;
import dev.muxless.host.HostRoot;
import dev.muxless.host.PciAddress;
import dev.muxless.host.PciBus;
import dev.muxless.host.PciDevice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code vm check}: the preflight of one profile, each step PASS/WARN/FAIL with a fix. Files the
 * profile names are checked on this machine's file system (qemu opens them here); devices and
 * drivers through the host root. Steps, in order: qemu, qemu-properties, kvm, ovmf-code, ovmf-vars,
 * rom, acpi-tables, kernel, vgpu, gpu, gpu-driver, gpu-group.
 */
public final class VmCheck {
  /** QEMU hw/acpi/core.c: an {@code -acpitable} table (header included) is at most 65535 bytes. */
  static final int ACPITABLE_MAX = 65535;

  /** QEMU hw/acpi/utils.c: all ACPI tables together must fit 2 MiB (an assertion, exit 134). */
  static final int ACPI_TOTAL_MAX = 0x200000;

  private final VmProfile p;
  private final HostRoot host;
  private final QemuProbe qemu;
  private final List<CheckStep> steps = new ArrayList<>();

  private VmCheck(VmProfile p, HostRoot host) {
    this.p = p;
    this.host = host;
    this.qemu = new QemuProbe(p.qemuBinary());
  }

  public static CheckReport run(VmProfile p, HostRoot host) {
    VmCheck c = new VmCheck(p, host);
    c.all();
    return new CheckReport(c.steps);
  }

  private void all() {
    boolean haveQemu = qemuBinary();
    if (haveQemu) {
      qemuProperties();
    } else {
      steps.add(CheckStep.skip("qemu-properties", "no qemu binary to ask"));
    }
    kvm();
    firmware();
    rom();
    acpiTables();
    kernel();
    vgpu();
    gpu();
    display();
  }

  /** SPICE with gl=on (the vGPU's dmabuf display) needs a DRM render node, else qemu exits. */
  private void display() {
    VmProfile.Display d = p.display();
    if (d == null || !d.type().equals("spice") || !QemuArgs.spiceGl(p)) {
      steps.add(CheckStep.skip("display-gl", "no SPICE OpenGL display"));
      return;
    }
    boolean node = host.list("/dev/dri").stream().anyMatch(n -> n.startsWith("renderD"));
    if (node) {
      steps.add(CheckStep.pass("display-gl", "a DRM render node exists for SPICE gl=on"));
    } else {
      steps.add(
          CheckStep.fail(
              "display-gl",
              "SPICE gl=on needs a DRM render node and /dev/dri has none"
                  + " (qemu: \"egl: no drm render node available\")",
              "load i915 on the host, or set display.gl to false (no vGPU picture then)"));
    }
  }

  private boolean qemuBinary() {
    Optional<Path> bin = qemu.locate();
    if (bin.isEmpty()) {
      steps.add(
          CheckStep.fail(
              "qemu",
              p.qemuBinary() + " not found",
              "apt install qemu-system-x86 (or set \"qemu\" in the profile to its path)"));
      return false;
    }
    Optional<int[]> v = qemu.version();
    if (v.isEmpty()) {
      steps.add(
          CheckStep.fail(
              "qemu", bin.get() + " -version did not answer", "run it by hand to see why"));
      return false;
    }
    String ver = v.get()[0] + "." + v.get()[1];
    if (v.get()[0] < 4) {
      steps.add(
          CheckStep.warn(
              "qemu",
              bin.get() + " is QEMU " + ver + ": older than 4.0, untested",
              "use QEMU 7.2 or newer"));
    } else {
      steps.add(CheckStep.pass("qemu", bin.get() + " is QEMU " + ver));
    }
    return true;
  }

  /**
   * Asks qemu for each device's properties the profile uses, e.g. {@code -device vfio-pci,help}.
   */
  private void qemuProperties() {
    List<String> missing = new ArrayList<>();
    List<String> asked = new ArrayList<>();
    if (p.gpu() != null) {
      need(
          "vfio-pci",
          Set.of("host", "x-pci-sub-vendor-id", "x-pci-sub-device-id", "romfile"),
          missing,
          asked);
      need("pcie-root-port", Set.of("hotplug", "chassis", "port"), missing, asked);
    }
    if (p.vgpu() != null) {
      Set<String> v = new LinkedHashSet<>(List.of("sysfsdev", "display"));
      if (p.vgpu().opregionOn()) {
        v.add("x-igd-opregion");
      }
      if (p.vgpu().ramfbOn()) {
        v.add("ramfb");
      }
      need(p.vgpu().ramfbOn() ? "vfio-pci-nohotplug" : "vfio-pci", v, missing, asked);
    }
    if (asked.isEmpty()) {
      steps.add(CheckStep.skip("qemu-properties", "the profile passes no VFIO devices"));
    } else if (missing.isEmpty()) {
      steps.add(
          CheckStep.pass(
              "qemu-properties", "qemu knows every property used: " + String.join(", ", asked)));
    } else {
      steps.add(
          CheckStep.fail(
              "qemu-properties",
              "qemu lacks " + String.join(", ", missing),
              "use a QEMU built with VFIO (Debian qemu-system-x86 7.2 has all of them)"));
    }
  }

  private void need(String device, Set<String> props, List<String> missing, List<String> asked) {
    Set<String> has = qemu.deviceProperties(device);
    for (String prop : props) {
      (has.contains(prop) ? asked : missing).add(device + "." + prop);
    }
  }

  private void kvm() {
    if ("tcg".equals(p.accel())) {
      steps.add(CheckStep.skip("kvm", "the profile uses TCG (no passthrough possible)"));
    } else if (host.exists("/dev/kvm")) {
      steps.add(CheckStep.pass("kvm", "/dev/kvm exists"));
    } else {
      steps.add(
          CheckStep.fail(
              "kvm", "/dev/kvm is missing", "enable VT-x in the firmware; modprobe kvm_intel"));
    }
  }

  private void firmware() {
    VmProfile.Firmware fw = p.firmware();
    if (!fw.isOvmf()) {
      steps.add(
          CheckStep.warn(
              "ovmf-code",
              "the profile uses SeaBIOS: the tested setup is OVMF",
              "set firmware.type to ovmf (origin notes: only tested with OVMF/UEFI)"));
      return;
    }
    fileStep("ovmf-code", fw.code(), "OVMF code", "apt install ovmf; 'vm init' finds it");
    Path vars = Path.of(fw.vars());
    if (Files.isRegularFile(vars)) {
      steps.add(CheckStep.pass("ovmf-vars", vars + " (this VM's vars)"));
    } else if (fw.varsTemplate() != null && Files.isRegularFile(Path.of(fw.varsTemplate()))) {
      steps.add(
          CheckStep.pass(
              "ovmf-vars", vars + " will be created from " + fw.varsTemplate() + " on start"));
    } else {
      steps.add(
          CheckStep.fail(
              "ovmf-vars",
              vars + " is missing and there is no template to create it from",
              "set firmware.varsTemplate to /usr/share/OVMF/OVMF_VARS_4M.fd"));
    }
  }

  private void rom() {
    if (p.gpu() == null) {
      steps.add(CheckStep.skip("rom", "no GPU passed through"));
      return;
    }
    if (p.gpu().romfile() == null) {
      steps.add(
          CheckStep.fail(
              "rom",
              "gpu.romfile is not set: a muxless GPU has no ROM BAR the guest can read",
              "extract the VBIOS ('rom extract') and set gpu.romfile"));
      return;
    }
    Path rom = Path.of(p.gpu().romfile());
    if (!Files.isRegularFile(rom)) {
      steps.add(CheckStep.fail("rom", rom + " does not exist", "extract it with 'rom extract'"));
      return;
    }
    steps.add(checkRom(rom));
  }

  /**
   * The romfile through the rom engine: errors fail the step (qemu would hand the guest a broken
   * VBIOS); a ROM that is not an NVIDIA VBIOS, or one still carrying a firmware prefix, warns.
   */
  static CheckStep checkRom(Path rom) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(rom);
    } catch (IOException e) {
      return CheckStep.fail("rom", rom + ": " + e.getMessage(), "check its permissions");
    }
    dev.muxless.rom.RomReport r = dev.muxless.rom.RomParser.parse(bytes, rom.toString());
    if (r.romStart() < 0 || r.hasErrors()) {
      String first =
          r.problems().stream()
              .filter(x -> x.severity() == dev.muxless.rom.Severity.ERROR)
              .map(x -> String.format("at 0x%x: %s", x.offset(), x.message()))
              .findFirst()
              .orElse("no option ROM found");
      return CheckStep.fail(
          "rom",
          rom + " is not a usable option ROM (" + first + ")",
          "inspect it with 'rom parse " + rom + "'; dump or extract another copy");
    }
    if (r.romStart() > 0) {
      return CheckStep.warn(
          "rom",
          rom + " has " + r.romStart() + " bytes before the ROM (a firmware prefix)",
          "write the bare ROM with 'rom strip " + rom + " --out vbios.rom'");
    }
    if (r.nvidia() == null) {
      return CheckStep.warn(
          "rom",
          rom + " parses but is not an NVIDIA VBIOS",
          "check that the romfile belongs to the NVIDIA GPU ('rom parse')");
    }
    return CheckStep.pass(
        "rom",
        rom
            + " (NVIDIA VBIOS "
            + r.nvidia().version()
            + ", "
            + r.images().size()
            + " images, "
            + bytes.length
            + " bytes)");
  }

  private void acpiTables() {
    List<String> tables = p.acpiTablesOrEmpty();
    if (tables.isEmpty()) {
      steps.add(
          p.gpu() == null
              ? CheckStep.skip("acpi-tables", "no tables")
              : CheckStep.warn(
                  "acpi-tables",
                  "no ACPI tables: the NVIDIA driver finds no _ROM method and no battery",
                  "generate them ('acpi rom-table', 'acpi battery') and list them in acpiTables"));
      return;
    }
    long total = 0;
    List<String> misplaced = new ArrayList<>();
    String expectedRom = expectedRomPath();
    for (String t : tables) {
      Path f = Path.of(t);
      if (!Files.isRegularFile(f)) {
        steps.add(
            CheckStep.fail("acpi-tables", f + " does not exist", "generate it ('acpi rom-table')"));
        return;
      }
      ReadTable read = readAcpiTable(f);
      if (read.step().status() != dev.muxless.core.CheckStatus.PASS) {
        steps.add(read.step());
        return;
      }
      total += read.data().length;
      if (expectedRom != null) {
        dev.muxless.acpi.AmlReader.inspect(read.data(), f.toString()).allObjects().stream()
            .filter(o -> o.kind().equals("Method") && o.path() != null)
            .filter(o -> o.path().endsWith("._ROM") && !o.path().equals(expectedRom))
            .forEach(o -> misplaced.add(f + " puts _ROM at " + o.path()));
      }
    }
    if (total > ACPI_TOTAL_MAX) {
      steps.add(
          CheckStep.fail(
              "acpi-tables",
              total + " bytes of tables: QEMU aborts above 2 MiB in all",
              "fewer or smaller tables (a VBIOS is at most a few hundred KiB)"));
      return;
    }
    if (!misplaced.isEmpty()) {
      var rp = dev.muxless.host.PciAddress.parse(p.gpu().rootPortOrDefault());
      steps.add(
          CheckStep.warn(
              "acpi-tables",
              String.join("; ", misplaced)
                  + ", but gpu.rootPort "
                  + p.gpu().rootPortOrDefault()
                  + " puts the GPU at "
                  + expectedRom.substring(0, expectedRom.length() - "._ROM".length())
                  + ": the guest driver finds no _ROM",
              "regenerate the tables with 'acpi rom-table --root-port "
                  + Integer.toHexString(rp.device())
                  + (rp.function() == 0 ? "" : "." + rp.function())
                  + "', or set gpu.rootPort to where they put it"));
      return;
    }
    steps.add(CheckStep.pass("acpi-tables", tables.size() + " tables, " + total + " bytes"));
  }

  /**
   * Where the GPU's _ROM must be for the profile's root port; null without a passed-through GPU.
   */
  private String expectedRomPath() {
    if (p.gpu() == null) {
      return null;
    }
    try {
      var rp = dev.muxless.host.PciAddress.parse(p.gpu().rootPortOrDefault());
      return dev.muxless.acpi.AcpiPath.ofRootPort(rp.device(), rp.function()).path() + "._ROM";
    } catch (RuntimeException e) {
      return null; // a root port the validator let through but ACPI cannot name: not this step's
    }
  }

  /** One table file as read: its check and (once it could be read) its bytes. */
  record ReadTable(CheckStep step, byte[] data) {}

  /**
   * One -acpitable file: within qemu's per-table limit, and a valid ACPI table by the acpi engine's
   * reader (signature, length field equal to the file, checksum).
   */
  static CheckStep checkAcpiTable(Path f) {
    return readAcpiTable(f).step();
  }

  static ReadTable readAcpiTable(Path f) {
    try {
      long size = Files.size(f);
      if (size > ACPITABLE_MAX) {
        return fail(
            "acpi-tables",
            f + " is " + size + " bytes: qemu -acpitable takes at most 65535 per table",
            "split the ROM over several SSDTs ('acpi rom-table' does)");
      }
      byte[] data = Files.readAllBytes(f);
      dev.muxless.acpi.TableHeader h = dev.muxless.acpi.AmlReader.readHeader(data, f.toString());
      if (!h.lengthMatches()) {
        return fail(
            "acpi-tables",
            f
                + ": header length "
                + h.length()
                + " but the file has "
                + h.actualLength()
                + " bytes",
            "regenerate it ('acpi rom-table'); the file was truncated or padded");
      }
      if (!h.checksumValid()) {
        return fail(
            "acpi-tables",
            String.format(
                "%s: checksum 0x%02x, expected 0x%02x", f, h.checksum(), h.expectedChecksum()),
            "regenerate it ('acpi rom-table'); the guest kernel ignores a table with a bad checksum");
      }
      return new ReadTable(
          CheckStep.pass("acpi-tables", f + " (" + h.signature() + ", " + data.length + " bytes)"),
          data);
    } catch (dev.muxless.core.MuxlessException e) {
      return fail("acpi-tables", e.getMessage(), e.hint());
    } catch (IOException e) {
      return fail("acpi-tables", f + ": " + e.getMessage(), "check its permissions");
    }
  }

  private static ReadTable fail(String id, String message, String fix) {
    return new ReadTable(CheckStep.fail(id, message, fix), null);
  }

  private void kernel() {
    if (p.kernel() == null) {
      steps.add(CheckStep.skip("kernel", "no direct kernel boot"));
      return;
    }
    if (!Files.isRegularFile(Path.of(p.kernel().kernel()))) {
      steps.add(
          CheckStep.fail("kernel", p.kernel().kernel() + " does not exist", "fix kernel.kernel"));
    } else if (p.kernel().initrd() != null && !Files.isRegularFile(Path.of(p.kernel().initrd()))) {
      steps.add(
          CheckStep.fail("kernel", p.kernel().initrd() + " does not exist", "fix kernel.initrd"));
    } else {
      steps.add(
          CheckStep.pass("kernel", p.kernel().kernel() + " (booted by the firmware directly)"));
    }
  }

  private void vgpu() {
    if (p.vgpu() == null) {
      steps.add(CheckStep.skip("vgpu", "no vGPU in the profile"));
      return;
    }
    String uuid = p.vgpu().uuid().toLowerCase();
    if (host.exists("/sys/bus/mdev/devices/" + uuid)) {
      steps.add(CheckStep.pass("vgpu", "vGPU " + uuid + " exists"));
      return;
    }
    String parent = p.vgpu().parent() == null ? "0000:00:02.0" : p.vgpu().parent();
    String type = p.vgpu().type() == null ? "i915-GVTg_V5_4" : p.vgpu().type();
    steps.add(
        CheckStep.fail(
            "vgpu",
            "vGPU " + uuid + " does not exist",
            "echo "
                + uuid
                + " > /sys/class/mdev_bus/"
                + parent
                + "/mdev_supported_types/"
                + type
                + "/create"));
  }

  private void gpu() {
    if (p.gpu() == null) {
      steps.add(CheckStep.skip("gpu", "no GPU passed through"));
      return;
    }
    PciAddress a = PciAddress.parse(p.gpu().host());
    Optional<PciDevice> found = new PciBus(host).find(a);
    if (found.isEmpty()) {
      steps.add(CheckStep.fail("gpu", a + " is not on this host", "check gpu.host ('host gpus')"));
      return;
    }
    PciDevice d = found.get();
    String sub = d.subsystemVendor() + ":" + d.subsystemDevice();
    String want =
        p.gpu().subsystemVendor().toLowerCase() + ":" + p.gpu().subsystemDevice().toLowerCase();
    if (!sub.equals(want)) {
      steps.add(
          CheckStep.warn(
              "gpu",
              a + " has subsystem " + sub + " but the profile gives " + want,
              "rerun 'vm init' or copy the IDs from 'host gpus'"));
    } else {
      steps.add(
          CheckStep.pass("gpu", a + " " + d.vendor() + ":" + d.device() + " subsystem " + sub));
    }
    steps.add(checkDriver(d));
    steps.add(checkGroupViable(host, d));
  }

  /** The GPU must be bound to vfio-pci before qemu can open it. */
  static CheckStep checkDriver(PciDevice d) {
    if ("vfio-pci".equals(d.driver())) {
      return CheckStep.pass("gpu-driver", d.address() + " is bound to vfio-pci");
    }
    return CheckStep.fail(
        "gpu-driver",
        d.address() + " is bound to " + (d.driver() == null ? "no driver" : d.driver()),
        "muxless vfio bind " + d.address());
  }

  /** The GPU's IOMMU group through the vfio engine's viability rules. */
  static CheckStep checkGroupViable(HostRoot host, PciDevice gpu) {
    if (gpu.iommuGroup() == null) {
      return CheckStep.fail(
          "gpu-group", gpu.address() + " has no IOMMU group", "boot with intel_iommu=on");
    }
    for (dev.muxless.vfio.IommuGroup g : dev.muxless.vfio.IommuGroups.read(host)) {
      if (g.number() == gpu.iommuGroup()) {
        // viable means the group can go to a guest; it must also be free of host drivers now,
        // or VFIO refuses to open it ("group is not viable")
        List<String> held =
            g.devices().stream()
                .filter(o -> !o.address().equals(gpu.address()))
                .filter(o -> "endpoint".equals(dev.muxless.vfio.IommuGroups.role(o)))
                .filter(o -> o.driver() != null && !o.driver().equals("vfio-pci"))
                .map(o -> o.address() + " (" + o.driver() + ")")
                .toList();
        if (g.viable() && !held.isEmpty()) {
          return CheckStep.fail(
              "gpu-group",
              "IOMMU group " + g.number() + " also holds " + String.join(", ", held),
              "bind them to vfio-pci with the GPU: 'vfio bind " + gpu.address() + " --apply'");
        }
        return g.viable()
            ? CheckStep.pass("gpu-group", "IOMMU group " + g.number() + ": " + g.verdict())
            : CheckStep.fail(
                "gpu-group",
                "IOMMU group " + g.number() + ": " + g.verdict(),
                "bind the group's other endpoints too ('vfio bind "
                    + gpu.address()
                    + " ...'), see 'vfio groups'");
      }
    }
    return CheckStep.fail(
        "gpu-group",
        gpu.address() + " names IOMMU group " + gpu.iommuGroup() + ", which sysfs does not list",
        "check 'vfio groups'");
  }

  private void fileStep(String id, String file, String what, String fix) {
    Path f = Path.of(file);
    if (Files.isRegularFile(f)) {
      steps.add(CheckStep.pass(id, f + " (" + what + ")"));
    } else {
      steps.add(CheckStep.fail(id, f + " does not exist", fix));
    }
  }
}
