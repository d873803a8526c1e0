package dev.muxless.kb;

import dev.muxless.core.CheckStatus;
import dev.muxless.core.CheckStep;
import dev.muxless.host.PciAddress;
import dev.muxless.host.PciDevice;
import dev.muxless.qemu.VmProfile;
import dev.muxless.rom.RomImage;
import dev.muxless.rom.RomReport;
import dev.muxless.rom.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Every check id the knowledge base may name, and how it is observed from the facts. {@code host:}
 * ids are the host check's steps, taken as {@link dev.muxless.host.HostCheck} reports them (one
 * source of truth); {@code profile:} checks read the typed VM profile, {@code rom:} the rom
 * engine's report of its romfile, {@code acpi:} the acpi engine's reading of its acpiTables; {@code
 * guest:} ids cannot be observed from the host and always SKIP (troubleshoot asks the user
 * instead).
 */
public final class RequirementChecks {
  private static final Map<String, Function<FactCollector, Verdict>> CHECKS = new LinkedHashMap<>();

  static {
    profile(
        "machine-q35",
        (f, p) -> {
          String m = machine(p);
          return Verdict.of(
              m.contains("q35"),
              "machine " + m + (p.machine() == null ? " (the default)" : ""),
              "machine " + m + " is not q35");
        });
    profile(
        "firmware-ovmf",
        (f, p) ->
            p.firmware().isOvmf()
                ? Verdict.pass("firmware OVMF (" + p.firmware().code() + ")")
                : Verdict.fail(
                    "firmware " + p.firmware().type() + ", not OVMF",
                    "set firmware.type to ovmf ('vm init' writes it)"));
    profile(
        "gpu-device",
        (f, p) -> {
          Optional<PciDevice> gpu = f.muxlessGpu();
          if (gpu.isEmpty()) {
            return Verdict.skip("no muxless GPU on this host to look for");
          }
          if (p.gpu() == null) {
            return Verdict.fail("the profile passes no GPU (no gpu section)");
          }
          return Verdict.of(
              PciAddress.parse(p.gpu().host()).equals(gpu.get().address()),
              "the profile passes " + gpu.get().address(),
              "the profile passes "
                  + p.gpu().host()
                  + ", not the muxless GPU "
                  + gpu.get().address());
        });
    profile("gvt-device", RequirementChecks::gvtDevice);
    profile("sub-ids", RequirementChecks::subsystemIds);
    // the profile's one VBIOS field is gpu.romfile (fw_cfg files are not part of it)
    profile("romfile", RequirementChecks::romfile);
    profile("vbios", RequirementChecks::romfile);
    profile(
        "acpitable",
        (f, p) -> {
          List<String> t = p.acpiTablesOrEmpty();
          if (t.isEmpty()) {
            return Verdict.fail("no acpiTables in the profile");
          }
          List<String> missing = t.stream().filter(x -> !Files.isRegularFile(Path.of(x))).toList();
          return Verdict.of(
              missing.isEmpty(),
              t.size() + " table(s): " + String.join(", ", t),
              "missing: " + String.join(", ", missing));
        });
    profile("ioapic-kvm", (f, p) -> irqchip(machine(p)));
    profile(
        "kvm-hidden",
        (f, p) -> {
          String cpu = p.cpu() == null ? "host" : p.cpu();
          return List.of(cpu.split(",")).contains("kvm=off")
              ? Verdict.pass("cpu " + cpu + " hides the KVM signature")
              : Verdict.fail(
                  "cpu " + cpu + " does not hide KVM (no kvm=off)",
                  "set \"cpu\": \"host,kvm=off,hv_vendor_id=0123456789ab\" in the profile");
        });
    profile(
        "guest-address",
        (f, p) -> {
          if (p.gpu() == null) {
            return Verdict.skip("the profile passes no GPU");
          }
          // QemuArgs puts the GPU at function 0 behind its root port: the port's bus is 01
          String rp = p.gpu().rootPortOrDefault();
          PciAddress a = PciAddress.parse(rp);
          return a.device() == 1 && a.function() == 0
              ? Verdict.pass("GPU at guest 01:00.0 behind the root port at 00:01.0")
              : Verdict.fail(
                  "GPU behind the root port at " + rp + ", not 00:01.0",
                  "set gpu.rootPort to 00:01.0");
        });
    profile(
        "direct-boot",
        (f, p) ->
            p.kernel() != null
                ? Verdict.pass("the firmware boots " + p.kernel().kernel() + " directly")
                : Verdict.skip(
                    "the profile boots from disk: the guest's boot loader decides;"
                        + " 'troubleshoot' asks"));

    rom("valid", RequirementChecks::romValid);
    CHECKS.put(
        "rom:matches-gpu",
        f -> {
          Optional<RomReport> r = f.vbios().filter(x -> x.romStart() >= 0 && !x.hasErrors());
          Optional<PciDevice> g = f.muxlessGpu();
          if (r.isEmpty() || r.get().images().isEmpty() || g.isEmpty()) {
            return Verdict.skip("needs a valid VBIOS and a muxless GPU");
          }
          RomImage x86 = firstImage(r.get());
          return Verdict.of(
              x86.deviceId().equals(g.get().device()),
              "VBIOS is for " + x86.deviceId() + ", the host GPU",
              "VBIOS is for device " + x86.deviceId() + " but the host GPU is " + g.get().device());
        });
    acpi("rom-method", ProfileTable::romMethod, "a _ROM method", "no table defines a _ROM method");
    acpi(
        "battery",
        ProfileTable::batteryMethod,
        "a battery",
        "no table gives a device a _BIF or _BIX method (a battery)");
  }

  private RequirementChecks() {}

  /** Every profile:, rom: and acpi: check id (host: and guest: ids are accepted by prefix). */
  public static Set<String> known() {
    return CHECKS.keySet();
  }

  /** host: ids are checked against the host check's steps by KnowledgeBaseIntegrityTest. */
  public static boolean isKnown(String check) {
    return check.startsWith("guest:") || check.startsWith("host:") || CHECKS.containsKey(check);
  }

  public static Verdict evaluate(String check, FactCollector facts) {
    if (check.startsWith("guest:")) {
      return Verdict.skip("cannot be observed from the host; 'troubleshoot' asks about it");
    }
    if (check.startsWith("host:")) {
      return host(check.substring(5), facts);
    }
    Function<FactCollector, Verdict> c = CHECKS.get(check);
    if (c == null) {
      return Verdict.skip("unknown check " + check);
    }
    return c.apply(facts);
  }

  /**
   * The host check's step. Its GPU steps SKIP when there is no NVIDIA GPU at all; for the
   * requirement "a muxless GPU is present" that is a failure, which its gpus step explains.
   */
  private static Verdict host(String id, FactCollector f) {
    Optional<CheckStep> s = f.hostStep(id);
    if (s.isEmpty()) {
      return Verdict.skip("host check has no step " + id);
    }
    if (id.equals("gpu-mux") && s.get().status() == CheckStatus.SKIP) {
      return f.hostStep("gpus")
          .map(g -> Verdict.fail(g.message(), g.fix()))
          .orElse(Verdict.of(s.get()));
    }
    return Verdict.of(s.get());
  }

  private static String machine(VmProfile p) {
    return p.machine() == null ? "q35" : p.machine();
  }

  /**
   * q35 defaulted to kernel_irqchip=split only as pc-q35-4.0: QEMU 4.0.1 reverted it (commit
   * c87759ce876a, "q35: Revert to kernel irqchip", because split broke vfio-pci INTx), and muxless
   * never sets kernel_irqchip, so every other machine type runs with the in-kernel IOAPIC.
   */
  static Verdict irqchip(String machine) {
    if (machine.equals("pc-q35-4.0")) {
      return Verdict.fail(
          "machine pc-q35-4.0 defaults to kernel_irqchip=split",
          "use machine q35 (QEMU 4.0.1 and later default to kernel_irqchip=on)");
    }
    return Verdict.pass("machine " + machine + " runs with kernel_irqchip=on (QEMU's default)");
  }

  private static Verdict gvtDevice(FactCollector f, VmProfile p) {
    VmProfile.Vgpu v = p.vgpu();
    if (v == null) {
      return Verdict.fail("the profile has no GVT-g vGPU (no vgpu section)", "gvt create; vm init");
    }
    String uuid = v.uuid().toLowerCase(java.util.Locale.ROOT);
    String what = "vGPU " + uuid + (v.type() == null ? "" : " (" + v.type() + ")");
    if (!v.displayOn()) {
      return Verdict.fail(what + " has display off: it is not the guest's primary display");
    }
    if (f.vgpus().stream().noneMatch(x -> x.uuid().equalsIgnoreCase(uuid))) {
      return Verdict.warn(
          what + " does not exist on this host yet",
          "gvt create" + (v.type() == null ? "" : " --type " + v.type()) + " --uuid " + uuid);
    }
    return Verdict.pass(what + ", display on");
  }

  private static Verdict subsystemIds(FactCollector f, VmProfile p) {
    if (p.gpu() == null) {
      return Verdict.fail("the profile passes no GPU, so no x-pci-sub-vendor-id/-device-id");
    }
    String got =
        (p.gpu().subsystemVendor() + ":" + p.gpu().subsystemDevice())
            .toLowerCase(java.util.Locale.ROOT);
    Optional<PciDevice> gpu = f.muxlessGpu();
    if (gpu.isEmpty() || gpu.get().subsystemVendor() == null) {
      return Verdict.warn(
          "subsystem " + got + " set; the host GPU's IDs are unknown", "host gpus; vm check");
    }
    String want = gpu.get().subsystemVendor() + ":" + gpu.get().subsystemDevice();
    return Verdict.of(
        got.equals(want),
        "subsystem " + got + " matches the host",
        "subsystem " + got + " differs from the host's " + want);
  }

  private static Verdict romfile(FactCollector f, VmProfile p) {
    return f.romfile()
        .map(
            r ->
                Verdict.of(
                    Files.isRegularFile(r), "romfile " + r, "romfile " + r + " does not exist"))
        .orElse(Verdict.fail("gpu.romfile is not set (the VBIOS for the guest)"));
  }

  /**
   * The rom engine's verdict on the romfile: errors fail; not NVIDIA fails; no BIT table (not a
   * complete VBIOS) or a firmware prefix before the ROM (QEMU's romfile wants the bare ROM) warn.
   */
  private static Verdict romValid(RomReport r) {
    Optional<String> error =
        r.problems().stream()
            .filter(x -> x.severity() == Severity.ERROR)
            .map(x -> String.format("at 0x%x: %s", x.offset(), x.message()))
            .findFirst();
    if (r.romStart() < 0 || r.images().isEmpty() || error.isPresent()) {
      return Verdict.fail(
          r.file() + ": " + error.orElse("no option ROM found"), "rom parse; rom extract");
    }
    RomImage x86 = firstImage(r);
    String ids = x86.vendorId() + ":" + x86.deviceId();
    if (!x86.vendorId().equals("10de")) {
      return Verdict.fail(r.file() + ": PCIR vendor " + ids + " is not NVIDIA (10de)");
    }
    if (r.nvidia() == null) {
      return Verdict.warn(
          r.file() + ": PCIR " + ids + " but no BIT table: not a complete NVIDIA VBIOS",
          "rom parse; rom extract");
    }
    String what =
        r.file()
            + ": NVIDIA VBIOS "
            + r.nvidia().version()
            + ", "
            + ids
            + ", images "
            + r.images().stream().map(i -> RomImage.codeTypeName(i.codeType())).toList();
    if (r.romStart() > 0) {
      return Verdict.warn(
          what + String.format("; 0x%x bytes of firmware prefix before the ROM", r.romStart()),
          "rom strip");
    }
    return Verdict.pass(what);
  }

  /** The x86 image (what rom-parser and the PCIR IDs describe), else the first. */
  private static RomImage firstImage(RomReport r) {
    return r.images().stream().filter(i -> i.codeType() == 0).findFirst().orElse(r.images().get(0));
  }

  private static void profile(String id, BiFunction<FactCollector, VmProfile, Verdict> f) {
    CHECKS.put(
        "profile:" + id,
        facts ->
            facts.profile().map(p -> f.apply(facts, p)).orElse(Verdict.skip("no --profile given")));
  }

  private static void rom(String id, Function<RomReport, Verdict> f) {
    CHECKS.put(
        "rom:" + id,
        facts -> {
          if (facts.profile().isEmpty()) {
            return Verdict.skip("no --profile given");
          }
          return facts
              .vbios()
              .map(f)
              .orElse(Verdict.skip("the profile names no existing VBIOS file (gpu.romfile)"));
        });
  }

  /**
   * A question about the acpiTables: the first table that answers it passes; a table the acpi
   * engine cannot read fails with its error; when none answers but part of a table could not be
   * decoded, the answer may be in that part, so it is a warning naming it.
   */
  private static void acpi(
      String id,
      Function<ProfileTable, Optional<dev.muxless.acpi.AmlObject>> find,
      String what,
      String none) {
    CHECKS.put(
        "acpi:" + id,
        facts -> {
          if (facts.profile().isEmpty()) {
            return Verdict.skip("no --profile given");
          }
          List<ProfileTable> tables = facts.acpiTables();
          if (tables.isEmpty()) {
            return Verdict.fail("no readable acpiTables file; " + none);
          }
          for (ProfileTable t : tables) {
            if (!t.readable()) {
              return Verdict.fail(t.error(), t.hint());
            }
          }
          for (ProfileTable t : tables) {
            Optional<dev.muxless.acpi.AmlObject> o = find.apply(t);
            if (o.isPresent()) {
              return Verdict.pass(
                  t.file().getFileName()
                      + " ("
                      + t.table().header().signature()
                      + ") has "
                      + what
                      + ": "
                      + o.get().path());
            }
          }
          return tables.stream()
              .filter(t -> t.table().hasProblems())
              .findFirst()
              .map(
                  t ->
                      Verdict.warn(
                          none + " in what the reader decoded; " + t.table().problems().get(0),
                          "acpi inspect " + t.file()))
              .orElse(Verdict.fail(none));
        });
  }
}
