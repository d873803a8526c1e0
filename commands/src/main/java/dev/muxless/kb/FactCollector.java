package dev.muxless.kb;

import dev.muxless.acpi.AmlReader;
import dev.muxless.core.CheckReport;
import dev.muxless.core.CheckStep;
import dev.muxless.core.MuxlessException;
import dev.muxless.host.HostCheck;
import dev.muxless.host.HostRoot;
import dev.muxless.host.PciBus;
import dev.muxless.host.PciDevice;
import dev.muxless.qemu.ProfileReader;
import dev.muxless.qemu.VmProfile;
import dev.muxless.rom.RomParser;
import dev.muxless.rom.RomProblem;
import dev.muxless.rom.RomReport;
import dev.muxless.rom.Severity;
import dev.muxless.vfio.Gvt;
import dev.muxless.vfio.MdevType;
import dev.muxless.vfio.Vgpu;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The facts setup validate and troubleshoot check requirements against, each from the engine that
 * owns it: the host check ({@link HostCheck}: CPU, IOMMU, GPU, vfio, GVT-g, qemu, OVMF steps), the
 * PCI bus and GVT-g types ({@link PciBus}, {@link Gvt}), the VM profile ({@link ProfileReader},
 * paths resolved against the profile's directory), its VBIOS ({@link RomParser}) and its ACPI
 * tables ({@link AmlReader}). Each is read once, on first use.
 */
public final class FactCollector {
  private final HostRoot host;
  private final VmProfile profile;
  private CheckReport hostCheck;
  private List<PciDevice> devices;
  private Optional<RomReport> vbios;
  private List<ProfileTable> tables;

  /** profile: as {@link ProfileReader#read} returns it (paths resolved), or null for none. */
  public FactCollector(HostRoot host, VmProfile profile) {
    this.host = host;
    this.profile = profile;
  }

  /** Reads the profile file (null: none); a bad profile is the qemu reader's one-line error. */
  public static FactCollector read(HostRoot host, Path profileFile) {
    return new FactCollector(host, profileFile == null ? null : ProfileReader.read(profileFile));
  }

  public HostRoot host() {
    return host;
  }

  /** {@code host check} on this host, run once. */
  public CheckReport hostCheck() {
    if (hostCheck == null) {
      hostCheck = HostCheck.run(host);
    }
    return hostCheck;
  }

  /** One step of the host check by id (cpu-virt, iommu-active, gpu-group ...). */
  public Optional<CheckStep> hostStep(String id) {
    return hostCheck().steps().stream().filter(s -> s.id().equals(id)).findFirst();
  }

  /** The first NVIDIA 3D controller (the muxless GPU). */
  public Optional<PciDevice> muxlessGpu() {
    if (devices == null) {
      devices = new PciBus(host).devices();
    }
    return devices.stream().filter(PciDevice::isMuxlessNvidia).findFirst();
  }

  /** The GVT-g (mdev) types the host offers. */
  public List<MdevType> gvtTypes() {
    return Gvt.types(host);
  }

  /** The vGPUs that exist on the host. */
  public List<Vgpu> vgpus() {
    return Gvt.list(host);
  }

  public Optional<VmProfile> profile() {
    return Optional.ofNullable(profile);
  }

  /** The profile's gpu.romfile, when it names one. */
  public Optional<Path> romfile() {
    return profile().map(VmProfile::gpu).map(VmProfile.GpuPassthrough::romfile).map(Path::of);
  }

  /**
   * The romfile parsed by the rom engine, when it exists; a file that cannot be read is a report
   * with one error.
   */
  public Optional<RomReport> vbios() {
    if (vbios == null) {
      vbios = romfile().filter(Files::isRegularFile).map(FactCollector::parseRom);
    }
    return vbios;
  }

  private static RomReport parseRom(Path file) {
    String name = String.valueOf(file.getFileName());
    try {
      return RomParser.parse(Files.readAllBytes(file), name);
    } catch (IOException e) {
      return new RomReport(
          name,
          0,
          -1,
          List.of(),
          null,
          List.of(new RomProblem(Severity.ERROR, -1, "cannot read: " + e.getMessage())));
    }
  }

  /** Every acpiTables file of the profile that exists, inspected by the acpi engine. */
  public List<ProfileTable> acpiTables() {
    if (tables == null) {
      List<ProfileTable> out = new ArrayList<>();
      for (String t : profile == null ? List.<String>of() : profile.acpiTablesOrEmpty()) {
        Path file = Path.of(t);
        if (Files.isRegularFile(file)) {
          out.add(inspect(file));
        }
      }
      tables = List.copyOf(out);
    }
    return tables;
  }

  private static ProfileTable inspect(Path file) {
    String name = String.valueOf(file.getFileName());
    try {
      return new ProfileTable(file, AmlReader.inspect(Files.readAllBytes(file), name), null, null);
    } catch (MuxlessException e) {
      return new ProfileTable(file, null, e.getMessage(), e.hint());
    } catch (IOException e) {
      return new ProfileTable(
          file, null, name + ": cannot read: " + e.getMessage(), "check its permissions");
    }
  }
}
