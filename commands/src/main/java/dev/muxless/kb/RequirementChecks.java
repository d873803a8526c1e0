package dev.muxless.kb;

import dev.muxless.host.PciDevice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Every check id the knowledge base may name, and how it is observed from the facts. {@code host:}
 * ids are the host check's step ids (same meaning); {@code guest:} ids cannot be observed from the
 * host and always SKIP (troubleshoot asks the user instead).
 */
public final class RequirementChecks {
  private static final Map<String, Function<FactCollector, Verdict>> CHECKS = new LinkedHashMap<>();

  static {
    host(
        "cpu-virt",
        f ->
            f.cpuVirtualization()
                .map(
                    v ->
                        Verdict.of(
                            v,
                            "the CPU has vmx/svm",
                            "no vmx/svm flag in /proc/cpuinfo: VT-x is off in the firmware or missing"))
                .orElse(Verdict.skip("/proc/cpuinfo is not readable")));
    host(
        "kvm-device",
        f ->
            Verdict.of(
                f.kvmDevice(),
                "/dev/kvm exists",
                "/dev/kvm is missing: kvm_intel/kvm_amd not loaded"));
    host(
        "iommu-active",
        f -> {
          List<String> units = f.iommuUnits();
          return Verdict.of(
              !units.isEmpty() || !f.iommuGroups().isEmpty(),
              "IOMMU active ("
                  + (units.isEmpty()
                      ? f.iommuGroups().size() + " groups"
                      : String.join(", ", units))
                  + ")",
              "no IOMMU units in /sys/class/iommu and no IOMMU groups");
        });
    host(
        "iommu-cmdline",
        f ->
            f.cmdline()
                .map(
                    c ->
                        Verdict.of(
                            c.matches(".*\\b(intel_iommu|amd_iommu)=on\\b.*"),
                            "the kernel command line has "
                                + (c.contains("amd_iommu") ? "amd_iommu=on" : "intel_iommu=on"),
                            "intel_iommu=on is not on the kernel command line"))
                .orElse(Verdict.skip("/proc/cmdline is not readable")));
    host(
        "iommu-pt",
        f ->
            f.cmdline()
                .map(
                    c ->
                        Verdict.of(
                            c.matches(".*\\biommu=pt\\b.*"),
                            "iommu=pt is set",
                            "iommu=pt is not set"))
                .orElse(Verdict.skip("/proc/cmdline is not readable")));
    host(
        "igfx-off",
        f ->
            f.cmdline()
                .map(
                    c ->
                        Verdict.of(
                            !c.contains("igfx_off"),
                            "igfx_off is not set",
                            "igfx_off is set: the iGPU gets no IOMMU group"))
                .orElse(Verdict.skip("/proc/cmdline is not readable")));
    host(
        "gpus",
        f ->
            Verdict.of(
                f.gpuCount() > 0,
                f.gpuCount() + " display devices",
                "no display-class PCI devices"));
    host(
        "gpu-mux",
        f ->
            f.muxlessGpu()
                .map(
                    g ->
                        Verdict.pass(
                            "muxless NVIDIA GPU "
                                + g.address()
                                + " ("
                                + g.vendor()
                                + ":"
                                + g.device()
                                + ", 3D controller)"))
                .orElse(Verdict.fail("no NVIDIA 3D controller (class 0302) on the PCI bus")));
    host(
        "gpu-subsystem",
        f ->
            gpu(
                f,
                g -> {
                  String sv = g.subsystemVendor();
                  String sd = g.subsystemDevice();
                  boolean ok =
                      sv != null
                          && sd != null
                          && !g.readsAsAllOnes()
                          && !"0000".equals(sv)
                          && !"ffff".equals(sv);
                  return Verdict.of(
                      ok,
                      "subsystem " + sv + ":" + sd,
                      "subsystem IDs of "
                          + g.address()
                          + " read as "
                          + sv
                          + ":"
                          + sd
                          + " (asleep or missing)");
                }));
    host(
        "gpu-group",
        f ->
            gpu(
                f,
                g -> {
                  if (g.iommuGroup() == null) {
                    return Verdict.fail(g.address() + " has no IOMMU group");
                  }
                  List<PciDevice> others =
                      f.gpuGroupPeers().stream()
                          .filter(d -> !d.isBridge() && !sameSlot(d, g))
                          .toList();
                  return Verdict.of(
                      others.isEmpty(),
                      "group " + g.iommuGroup() + " holds only the GPU and bridges",
                      "group "
                          + g.iommuGroup()
                          + " also holds "
                          + others.stream()
                              .map(d -> d.address() + " (" + d.driver() + ")")
                              .toList());
                }));
    host(
        "gpu-driver",
        f ->
            gpu(
                f,
                g -> {
                  String d = g.driver();
                  if ("vfio-pci".equals(d)) {
                    return Verdict.pass(g.address() + " is bound to vfio-pci");
                  }
                  return Verdict.fail(
                      g.address()
                          + " is bound to "
                          + (d == null ? "no driver" : d)
                          + "; bind it to vfio-pci before the VM starts");
                }));
    host(
        "gpu-reset",
        f ->
            gpu(
                f,
                g ->
                    Verdict.of(
                        g.resetMethod() != null && !g.resetMethod().isBlank(),
                        "reset method: " + g.resetMethod(),
                        g.address() + " has no reset method")));
    host(
        "vfio-modules",
        f -> {
          Set<String> m = f.modules();
          List<String> missing =
              List.of("vfio", "vfio_pci", "vfio_iommu_type1").stream()
                  .filter(x -> !m.contains(x))
                  .toList();
          return Verdict.of(
              missing.isEmpty(),
              "vfio, vfio_pci, vfio_iommu_type1 loaded",
              "not loaded: " + missing);
        });
    host(
        "gvt-i915",
        f ->
            f.gvtParameter()
                .map(
                    v ->
                        Verdict.of(
                            v.equals("Y") || v.equals("1"),
                            "i915.enable_gvt=" + v,
                            "i915.enable_gvt is " + v))
                .orElse(
                    Verdict.fail(
                        "i915 has no enable_gvt parameter (not loaded, or built without GVT-g)")));
    host(
        "gvt-kvmgt",
        f -> Verdict.of(f.modules().contains("kvmgt"), "kvmgt loaded", "kvmgt is not loaded"));
    host(
        "gvt-types",
        f -> {
          List<String> t = f.mdevTypes();
          return Verdict.of(
              !t.isEmpty(), "GVT-g types: " + String.join(", ", t), "no device offers mdev types");
        });
    host(
        "qemu",
        f ->
            f.qemuBinary()
                .map(p -> Verdict.pass(p))
                .orElse(Verdict.fail("qemu-system-x86_64 not found under " + f.host().label())));
    host(
        "ovmf",
        f ->
            f.ovmfFirmware()
                .map(p -> Verdict.pass(p))
                .orElse(Verdict.fail("no OVMF_CODE firmware under " + f.host().label())));

    profile(
        "machine-q35",
        (f, p) ->
            p.machine()
                .map(
                    m ->
                        Verdict.of(
                            m.contains("q35"), "machine " + m, "machine " + m + " is not q35"))
                .orElse(Verdict.fail("the profile names no machine type (q35 needed)")));
    profile(
        "firmware-ovmf",
        (f, p) ->
            p.firmware()
                .map(
                    fw ->
                        Verdict.of(
                            fw.equals("ovmf"), "firmware OVMF", "firmware " + fw + ", not OVMF"))
                .orElse(Verdict.fail("the profile names no OVMF firmware")));
    profile(
        "gpu-device",
        (f, p) -> {
          Optional<PciDevice> gpu = f.muxlessGpu();
          String want = gpu.map(g -> short_(g.address().toString())).orElse(null);
          boolean found =
              want != null && p.hostDevices().stream().anyMatch(h -> short_(h).equals(want));
          if (want == null) {
            return Verdict.skip("no muxless GPU on this host to look for");
          }
          return Verdict.of(
              found,
              "the profile passes " + gpu.get().address(),
              "the profile does not pass the GPU " + gpu.get().address() + " (host=...)");
        });
    profile(
        "gvt-device",
        (f, p) ->
            Verdict.of(
                p.hasGvtDevice(),
                "the profile has a GVT-g vGPU",
                "the profile has no GVT-g vGPU (sysfsdev=/sys/bus/mdev/devices/<uuid>)"));
    profile(
        "sub-ids",
        (f, p) -> {
          Optional<Integer> v = p.subVendorId();
          Optional<Integer> d = p.subDeviceId();
          if (v.isEmpty() || d.isEmpty()) {
            return Verdict.fail("x-pci-sub-vendor-id / x-pci-sub-device-id are not set");
          }
          String got = String.format("%04x:%04x", v.get(), d.get());
          Optional<PciDevice> gpu = f.muxlessGpu();
          if (gpu.isEmpty() || gpu.get().subsystemVendor() == null) {
            return Verdict.warn("subsystem " + got + " set; the host GPU's IDs are unknown");
          }
          String want = gpu.get().subsystemVendor() + ":" + gpu.get().subsystemDevice();
          return Verdict.of(
              got.equals(want),
              "subsystem " + got + " matches the host",
              "subsystem "
                  + got
                  + " differs from the host's "
                  + want
                  + " (bare numbers are decimal, as QEMU reads them)");
        });
    profile(
        "romfile",
        (f, p) ->
            p.romfile()
                .map(
                    r ->
                        Verdict.of(
                            Files.isRegularFile(p.resolve(r)),
                            "romfile " + p.resolve(r),
                            "romfile " + p.resolve(r) + " does not exist"))
                .orElse(Verdict.fail("no romfile= on the GPU")));
    profile(
        "vbios",
        (f, p) ->
            f.vbiosPath()
                .map(
                    r ->
                        Verdict.of(
                            Files.isRegularFile(r), "VBIOS " + r, "VBIOS " + r + " does not exist"))
                .orElse(
                    Verdict.fail("the profile names no VBIOS file (romfile= or a fw_cfg file)")));
    profile(
        "acpitable",
        (f, p) -> {
          List<String> t = p.acpiTables();
          if (t.isEmpty()) {
            return Verdict.fail("no -acpitable in the profile");
          }
          List<String> missing =
              t.stream()
                  .map(p::resolve)
                  .filter(x -> !Files.isRegularFile(x))
                  .map(Path::toString)
                  .toList();
          return Verdict.of(
              missing.isEmpty(),
              t.size() + " table(s): " + String.join(", ", t),
              "missing: " + missing);
        });
    profile(
        "ioapic-kvm",
        (f, p) ->
            p.kernelIrqchip()
                .map(on -> Verdict.of(on, "kernel_irqchip=on", "kernel_irqchip is not on"))
                .orElse(
                    Verdict.fail(
                        "kernel_irqchip / ioapic driver not set (q35 with QEMU >= 4.0 defaults to split)")));
    profile(
        "kvm-hidden",
        (f, p) -> Verdict.of(p.kvmHidden(), "KVM is hidden", "KVM is not hidden (kvm=off)"));
    profile(
        "guest-address",
        (f, p) ->
            p.guestAddress()
                .map(
                    a ->
                        Verdict.of(
                            short_(a).equals("01:00.0"),
                            "GPU at guest " + a,
                            "GPU at guest " + a + ", not 01:00.0"))
                .orElse(Verdict.warn("the profile does not say the GPU's guest address")));

    rom(
        "valid",
        r ->
            r.valid()
                ? Verdict.pass(
                    r.file().getFileName()
                        + ": NVIDIA "
                        + r.vendor()
                        + ":"
                        + r.device()
                        + " image at 0x"
                        + Integer.toHexString(r.offset())
                        + ", code types "
                        + r.codeTypes())
                : Verdict.fail(r.file().getFileName() + ": " + r.problem()));
    CHECKS.put(
        "rom:matches-gpu",
        f -> {
          Optional<RomImage> r = f.vbios();
          Optional<PciDevice> g = f.muxlessGpu();
          if (r.isEmpty() || !r.get().valid() || g.isEmpty()) {
            return Verdict.skip("needs a valid VBIOS and a muxless GPU");
          }
          return Verdict.of(
              r.get().device().equals(g.get().device()),
              "VBIOS is for " + r.get().device() + ", the host GPU",
              "VBIOS is for device "
                  + r.get().device()
                  + " but the host GPU is "
                  + g.get().device());
        });
    acpi("rom-method", t -> t.romMethod(), "_ROM method", "no table defines a _ROM method");
    acpi("battery", t -> t.battery(), "battery (PNP0C0A)", "no table declares a battery (PNP0C0A)");
  }

  private RequirementChecks() {}

  /** Every check id known (guest: ids excepted: those are always accepted). */
  public static Set<String> known() {
    return CHECKS.keySet();
  }

  public static boolean isKnown(String check) {
    return check.startsWith("guest:") || CHECKS.containsKey(check);
  }

  public static Verdict evaluate(String check, FactCollector facts) {
    if (check.startsWith("guest:")) {
      return Verdict.skip("cannot be observed from the host; 'troubleshoot' asks about it");
    }
    Function<FactCollector, Verdict> c = CHECKS.get(check);
    if (c == null) {
      return Verdict.skip("unknown check " + check);
    }
    return c.apply(facts);
  }

  private static void host(String id, Function<FactCollector, Verdict> f) {
    CHECKS.put("host:" + id, f);
  }

  private static void profile(
      String id, java.util.function.BiFunction<FactCollector, VmProfile, Verdict> f) {
    CHECKS.put(
        "profile:" + id,
        facts ->
            facts.profile().map(p -> f.apply(facts, p)).orElse(Verdict.skip("no --profile given")));
  }

  private static void rom(String id, Function<RomImage, Verdict> f) {
    CHECKS.put(
        "rom:" + id,
        facts -> {
          if (facts.profile().isEmpty()) {
            return Verdict.skip("no --profile given");
          }
          return facts
              .vbios()
              .map(f)
              .orElse(Verdict.skip("the profile names no existing VBIOS file"));
        });
  }

  private static void acpi(
      String id, java.util.function.Predicate<AcpiTable> has, String what, String none) {
    CHECKS.put(
        "acpi:" + id,
        facts -> {
          if (facts.profile().isEmpty()) {
            return Verdict.skip("no --profile given");
          }
          List<AcpiTable> tables = facts.acpiTables();
          if (tables.isEmpty()) {
            return Verdict.fail("no readable -acpitable file; " + none);
          }
          for (AcpiTable t : tables) {
            if (!t.valid()) {
              return Verdict.fail(t.file().getFileName() + ": " + t.problem());
            }
          }
          return tables.stream()
              .filter(has)
              .findFirst()
              .map(
                  t ->
                      Verdict.pass(
                          t.file().getFileName() + " (" + t.signature() + ") has a " + what))
              .orElse(Verdict.fail(none));
        });
  }

  private static Verdict gpu(FactCollector f, Function<PciDevice, Verdict> check) {
    return f.muxlessGpu().map(check).orElse(Verdict.skip("no muxless NVIDIA GPU"));
  }

  private static boolean sameSlot(PciDevice a, PciDevice b) {
    String x = a.address().toString();
    String y = b.address().toString();
    return x.substring(0, x.lastIndexOf('.')).equals(y.substring(0, y.lastIndexOf('.')));
  }

  /** 0000:01:00.0 and 01:00.0 compare equal. */
  static String short_(String addr) {
    String a = addr.strip().toLowerCase(java.util.Locale.ROOT);
    return a.matches("[0-9a-f]{4}:.*") ? a.substring(5) : a;
  }
}
