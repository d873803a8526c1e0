package dev.muxless.kb;

import dev.muxless.host.DemoHost;
import dev.muxless.host.HostRoot;
import dev.muxless.host.SimulatedKernel;
import dev.muxless.host.TreeFixture;
import dev.muxless.vfio.Gvt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Hosts, VM profiles, VBIOS and SSDT files for the knowledge-base tests. */
final class KbFixtures {
  private KbFixtures() {}

  /** The vGPU of {@link #goodProfile}. */
  static final String VGPU = "d34fc6f1-f279-35a5-b3f4-ab604b6d53a1";

  /**
   * The demo laptop (QEMU and OVMF installed) made ready: GPU bound to vfio-pci and the profile's
   * vGPU created by the vfio engine through the simulated kernel, as 'gvt create' would.
   */
  static HostRoot readyHost(Path dir) {
    HostRoot h =
        host(
            dir,
            DemoHost.text().replace("driver=nvidia group=1", "driver=vfio-pci group=1"),
            "ready");
    Gvt.create(h, new SimulatedKernel(h), Gvt.type(h, "i915-GVTg_V5_4"), VGPU);
    return h;
  }

  /**
   * A laptop where nothing was set up: VT-d off (no IOMMU units, no groups), no iommu kernel
   * arguments, no GVT-g, no vfio modules, GPU on the NVIDIA driver without a reset method.
   */
  static HostRoot brokenHost(Path dir) {
    String text =
        """
        f proc/cmdline BOOT_IMAGE=/boot/vmlinuz-6.1.0-27-amd64 root=/dev/nvme0n1p2 ro quiet
        r proc/modules nvidia 56778752 1 - Live 0x0000000000000000 (POE)\\ni915 3178496 12 - Live 0x0000000000000000\\n
        r proc/cpuinfo processor\\t: 0\\nflags\\t\\t: fpu vme de pse tsc msr pae mce\\n
        pci 0000:00:00.0 class=0x060000 vendor=0x8086 device=0x5910 subsystem=0x1028:0x07be
        pci 0000:00:01.0 class=0x060400 vendor=0x8086 device=0x1901 driver=pcieport
        pci 0000:01:00.0 parent=0000:00:01.0 class=0x030200 vendor=0x10de device=0x1c8d subsystem=0x1028:0x07be driver=nvidia
        pci 0000:00:02.0 class=0x030000 vendor=0x8086 device=0x591b subsystem=0x1028:0x07be driver=i915 boot_vga=1
        f sys/module/i915/parameters/enable_gvt N
        """;
    return host(dir, text, "broken");
  }

  static HostRoot host(Path dir, String text, String name) {
    return HostRoot.of(TreeFixture.parse(text, name + ".tree").materializeInto(dir));
  }

  /**
   * A PCIR-only option ROM: one legacy image, PCIR 10de:device, class 030200, last image, and no
   * BIT table (so not a complete NVIDIA VBIOS).
   */
  static byte[] pcirOnlyRom(int device) {
    byte[] b = new byte[1024];
    b[0] = 0x55;
    b[1] = (byte) 0xaa;
    b[2] = 2; // 2 x 512 bytes
    b[0x18] = 0x40;
    int p = 0x40;
    b[p] = 'P';
    b[p + 1] = 'C';
    b[p + 2] = 'I';
    b[p + 3] = 'R';
    b[p + 4] = (byte) 0xde;
    b[p + 5] = 0x10;
    b[p + 6] = (byte) device;
    b[p + 7] = (byte) (device >> 8);
    b[p + 0x0a] = 0x18;
    b[p + 0x0e] = 0x02;
    b[p + 0x0f] = 0x03;
    b[p + 0x10] = 2;
    b[p + 0x15] = (byte) 0x80;
    int sum = 0;
    for (byte x : b) {
      sum += x;
    }
    b[0x3ff] = (byte) -sum; // the legacy image's checksum
    return b;
  }

  /** ../shared, or a skipped test saying it is missing. */
  static Path shared(String sub) {
    Path p = Path.of(System.getProperty("muxless.shared", "../shared")).resolve(sub);
    Assumptions.assumeTrue(Files.isDirectory(p), "../shared not present: " + p);
    return p;
  }

  /** A real GTX 1050 Mobile VBIOS (10de:1c8d, the demo laptop's GPU) from ../shared/roms. */
  static Path realVbios() {
    return shared("roms/nvidia").resolve("alt-1050m__ieatchange.rom");
  }

  static final String ROM_SSDT_ASL =
      """
      DefinitionBlock ("", "SSDT", 2, "MUXLSS", "KBTEST", 0x00000001)
      {
          External (\\_SB_.PCI0, DeviceObj)
          Scope (\\_SB.PCI0)
          {
              Device (S08)
              {
                  Name (_ADR, 0x00010000)
                  Device (S00)
                  {
                      Name (_ADR, Zero)
                      Method (_ROM, 2, NotSerialized)
                      {
                          Return (Buffer (0x04) { 0x55, 0xAA, 0x00, 0x00 })
                      }
                  }
              }
              Device (BAT0)
              {
                  Name (_HID, EisaId ("PNP0C0A"))
                  Name (_STA, 0x1F)
                  Method (_BIF, 0, NotSerialized)
                  {
                      Return (Package (0x0D) { One, 0x1770, 0x1770, One, 0x39D0, 0x0258,
                          0x012C, 0x3C, 0x3C, "", "", "LION", "" })
                  }
              }
          }
      }
      """;

  /** Compiles ASL with the real iasl; skips the test when iasl is not installed. */
  static Path iasl(Path dir, String name, String asl) throws Exception {
    Path src = dir.resolve(name + ".asl");
    Files.writeString(src, asl);
    Process p;
    try {
      p =
          new ProcessBuilder("iasl", "-p", dir.resolve(name).toString(), src.toString())
              .redirectErrorStream(true)
              .start();
    } catch (IOException e) {
      Assumptions.assumeTrue(false, "iasl not installed (acpica-tools): " + e.getMessage());
      return null;
    }
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("iasl failed: " + out);
    }
    return dir.resolve(name + ".aml");
  }

  /**
   * The muxless-route profile in the vm area's schema (docs/vm-profile.schema.json, what 'vm init'
   * writes): q35, OVMF, GVT-g vGPU, GPU with subsystem IDs and VBIOS, _ROM SSDT; paths relative.
   */
  static String goodProfile() {
    return """
        {
          "name": "optimus-linux",
          "machine": "q35",
          "accel": "kvm",
          "cpu": "host,kvm=off,hv_vendor_id=0123456789ab",
          "memoryMib": 4096,
          "cpus": 4,
          "firmware": {"type": "ovmf", "code": "/usr/share/OVMF/OVMF_CODE_4M.fd",
                       "vars": "vars.fd", "varsTemplate": "/usr/share/OVMF/OVMF_VARS_4M.fd"},
          "vgpu": {"uuid": "%s", "type": "i915-GVTg_V5_4",
                   "parent": "0000:00:02.0", "display": true},
          "gpu": {"host": "0000:01:00.0", "subsystemVendor": "1028", "subsystemDevice": "07be",
                  "romfile": "vbios.rom", "rootPort": "00:01.0", "rootPortHotplug": false},
          "acpiTables": ["rom-ssdt.aml"],
          "kernel": {"kernel": "vmlinuz"},
          "display": {"type": "spice", "listen": "unix:demo.spice"}
        }
        """
        .formatted(VGPU);
  }
}
