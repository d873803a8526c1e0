package dev.muxless.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.muxless.core.MuxlessException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeFixtureTest {
  @TempDir Path tmp;

  @Test
  void pciDirectiveLaysOutSysfsLikeTheKernel() throws Exception {
    String text =
        """
        pci 0000:00:01.0 class=0x060400 vendor=0x8086 device=0x1901 driver=pcieport group=1
        pci 0000:01:00.0 parent=0000:00:01.0 class=0x030200 vendor=0x10de device=0x1c8d subsystem=0x1028:0x07be driver=nvidia group=1 reset_method="flr bus"
        f proc/cmdline a=b\\tc
        """;
    TreeFixture.parse(text, "t").materialize(tmp);
    HostRoot h = HostRoot.of(tmp);
    Path dev = tmp.resolve("sys/bus/pci/devices/0000:01:00.0");
    assertThat(Files.isSymbolicLink(dev)).isTrue();
    assertThat(dev.toRealPath().toString())
        .endsWith("sys/devices/pci0000:00/0000:00:01.0/0000:01:00.0");
    assertThat(h.read("/sys/bus/pci/devices/0000:01:00.0/vendor")).contains("0x10de");
    assertThat(h.linkName("/sys/bus/pci/devices/0000:01:00.0/driver")).contains("nvidia");
    assertThat(h.linkName("/sys/bus/pci/devices/0000:01:00.0/iommu_group")).contains("1");
    assertThat(h.list("/sys/kernel/iommu_groups/1/devices"))
        .containsExactly("0000:00:01.0", "0000:01:00.0");
    assertThat(h.read("/sys/bus/pci/devices/0000:01:00.0/reset_method")).contains("flr bus");
    assertThat(h.read("/proc/cmdline")).contains("a=b\tc");
    byte[] cfg = Files.readAllBytes(dev.resolve("config"));
    assertThat(cfg).hasSize(256);
    assertThat(cfg[0] & 0xff).isEqualTo(0xde);
    assertThat(cfg[1] & 0xff).isEqualTo(0x10);
    assertThat(cfg[0x0b] & 0xff).isEqualTo(0x03);
    assertThat(cfg[0x2e] & 0xff).isEqualTo(0xbe);
    // the driver directory links back to the device
    assertThat(Files.isSymbolicLink(tmp.resolve("sys/bus/pci/drivers/nvidia/0000:01:00.0")))
        .isTrue();
  }

  @Test
  void sleepingDeviceReadsAllOnes() {
    TreeFixture.parse("pci 0000:01:00.0 class=0x030200 vendor=0x10de config=sleeping", "t")
        .materialize(tmp);
    PciBus bus = new PciBus(HostRoot.of(tmp));
    PciDevice d = bus.devices().get(0);
    // sysfs keeps the IDs cached at enumeration; only the config space reads all ones
    assertThat(d.vendor()).isEqualTo("10de");
    assertThat(bus.asleep(d.address())).isTrue();
    assertThat(bus.configHeader(d.address()).orElseThrow()[0x0e] & 0xff).isEqualTo(0xff);
  }

  @Test
  void badLinesNameFileAndLine() {
    assertThatThrownBy(() -> TreeFixture.parse("d sys\nq what", "x.tree"))
        .isInstanceOf(MuxlessException.class)
        .hasMessageContaining("x.tree:2")
        .hasMessageContaining("unknown directive 'q'");
    assertThatThrownBy(() -> TreeFixture.parse("pci 0000:02:00.0 parent=0000:00:1c.0", "y.tree"))
        .hasMessageContaining("y.tree:1")
        .hasMessageContaining("must be declared before");
  }
}
