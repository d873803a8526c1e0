package dev.muxless.qemu;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Golden profile, argv and domain XML for the demo host (vm init → vm args / vm xml). */
class VmGoldenTest extends StateIsolation {
  @TempDir Path dir;

  @Test
  void demoProfileArgsAndXmlMatchTheGoldens() throws Exception {
    Path f = DemoProfiles.write(dir);
    Golden.assertMatches(Files.readString(f), "demo-profile.json");
    VmProfile p = ProfileReader.read(f);
    List<String> argv = QemuArgs.build(p);
    Golden.assertMatches(
        DemoProfiles.portable(String.join("\n", argv) + "\n", dir), "demo-args.txt");
    Golden.assertMatches(DemoProfiles.portable(VmXml.build(p), dir), "demo-domain.xml");
  }

  @Test
  void argvCarriesTheOriginNotesSettings() {
    VmProfile p = ProfileReader.read(DemoProfiles.write(dir));
    List<String> a = QemuArgs.build(p);
    assertThat(a.get(0)).isEqualTo("qemu-system-x86_64");
    assertThat(a).containsSequence("-machine", "q35,accel=kvm");
    assertThat(a).containsSequence("-m", "4096").containsSequence("-smp", "4");
    assertThat(a)
        .containsSequence(
            "-device", "pcie-root-port,id=rp1,bus=pcie.0,addr=0x1,chassis=1,port=0x8,hotplug=off");
    String gpu = a.get(a.indexOf("-device") + 1);
    assertThat(a)
        .anyMatch(
            s ->
                s.startsWith("vfio-pci,id=gpu0,host=0000:01:00.0,bus=rp1,addr=0x0,")
                    && s.contains("x-pci-sub-vendor-id=0x1028,x-pci-sub-device-id=0x07be")
                    && s.endsWith("romfile=" + dir.resolve("vbios.rom")));
    assertThat(a)
        .anyMatch(s -> s.startsWith("vfio-pci-nohotplug,id=vgpu0,sysfsdev=/sys/bus/mdev/devices/"))
        .anyMatch(s -> s.contains("display=on,x-igd-opregion=on,ramfb=on"));
    assertThat(a).containsSequence("-acpitable", "file=" + dir.resolve("ssdt-rom.aml"));
    assertThat(a).containsSequence("-kernel", dir.resolve("vmlinuz").toString());
    assertThat(a).containsSequence("-append", "console=ttyS0 root=/dev/vda1 quiet");
    assertThat(a).contains("-nodefaults");
    assertThat(gpu).isNotBlank();
  }

  @Test
  void commasInPathsAreDoubledForQemuAndShellQuotingRoundTrips() {
    assertThat(QemuArgs.opt("/a,b/rom")).isEqualTo("/a,,b/rom");
    assertThat(ShellQuote.quote("console=ttyS0 quiet")).isEqualTo("'console=ttyS0 quiet'");
    assertThat(ShellQuote.quote("it's")).isEqualTo("'it'\\''s'");
    assertThat(ShellQuote.quote("file=/x/y.aml")).isEqualTo("file=/x/y.aml");
    assertThat(ShellQuote.join(List.of("qemu", "-append", "a b"))).isEqualTo("qemu -append 'a b'");
  }
}
