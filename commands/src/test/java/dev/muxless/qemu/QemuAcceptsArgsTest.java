package dev.muxless.qemu;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real qemu (TCG) parses and realizes the demo profile's whole command line; the only error is the
 * missing passthrough host device, never an unknown property, bad option or syntax error.
 */
class QemuAcceptsArgsTest extends StateIsolation {
  @TempDir Path dir;

  /** The demo profile under TCG, with real files where qemu opens them before devices. */
  private List<String> argv() throws Exception {
    Path battery = Tools.shared().resolve("acpi/community-fake-battery-SSDT1.dat");
    Path code = Path.of("/usr/share/OVMF/OVMF_CODE_4M.fd");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(code), "ovmf not installed");
    Path f = DemoProfiles.write(dir);
    VmProfile p = ProfileReader.read(f).withAccel("tcg");
    // tables: the shared fake battery twice stands in for the generated SSDTs (read at parse time)
    p =
        new VmProfile(
            p.name(),
            p.qemu(),
            p.machine(),
            p.accel(),
            "max",
            256,
            1,
            p.firmware(),
            p.disks(),
            p.vgpu(),
            p.gpu(),
            List.of(battery.toString(), battery.toString()),
            null,
            // no render node in CI containers: gl=on is checked by 'vm check' (display-gl)
            new VmProfile.Display("spice", p.display().listen(), hasRenderNode() ? null : false),
            p.network());
    Files.copy(Path.of("/usr/share/OVMF/OVMF_VARS_4M.fd"), Path.of(p.firmware().vars()));
    Files.write(dir.resolve("vbios.rom"), new byte[] {0x55, (byte) 0xaa});
    return new ArrayList<>(QemuArgs.build(p));
  }

  private static boolean hasRenderNode() {
    try (var s = Files.list(Path.of("/dev/dri"))) {
      return s.anyMatch(x -> x.getFileName().toString().startsWith("renderD"));
    } catch (Exception e) {
      return false;
    }
  }

  private static String run(List<String> argv) throws Exception {
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    p.getOutputStream().close();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("qemu did not exit: it accepted even the host devices?");
    }
    assertThat(p.exitValue()).isEqualTo(1);
    return new String(p.getInputStream().readAllBytes()).strip();
  }

  @Test
  void onlyTheMissingVgpuThenTheMissingGpuAreRefused() throws Exception {
    Tools.require("qemu-system-x86_64");
    List<String> argv = argv();
    String out = run(argv);
    // qemu realizes devices in order; the vGPU comes first and is the first (only) error
    assertThat(out.lines()).hasSize(1);
    assertThat(out)
        .startsWith("qemu-system-x86_64: -device vfio-pci-nohotplug,id=vgpu0,sysfsdev=")
        .contains(": vfio /sys/bus/mdev/devices/")
        .endsWith(": no such host device: No such file or directory");

    int v = argv.indexOf(argv.stream().filter(s -> s.contains("id=vgpu0")).findFirst().get());
    argv.remove(v);
    argv.remove(v - 1);
    out = run(argv);
    assertThat(out.lines()).hasSize(1);
    assertThat(out)
        .startsWith("qemu-system-x86_64: -device vfio-pci,id=gpu0,host=0000:01:00.0,bus=rp1")
        .endsWith(
            ": vfio /sys/bus/pci/devices/0000:01:00.0: no such host device: No such file or"
                + " directory");
  }

  @Test
  void aMisspelledPropertyWouldHaveBeenCaught() throws Exception {
    Tools.require("qemu-system-x86_64");
    List<String> argv = argv();
    argv.replaceAll(s -> s.replace("x-pci-sub-vendor-id", "x-pci-subvendor-id"));
    int v = argv.indexOf(argv.stream().filter(s -> s.contains("id=vgpu0")).findFirst().get());
    argv.remove(v);
    argv.remove(v - 1);
    String out = run(argv);
    assertThat(out).contains("Property 'vfio-pci.x-pci-subvendor-id' not found");
  }
}
