package dev.muxless.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GpuInventoryTest {
  @TempDir static Path tmp;

  @BeforeAll
  static void isolateState() {
    System.setProperty("muxless.state", tmp.resolve("state").toString());
  }

  @Test
  void demoHostHasAnIntelBootGpuAndAMuxlessNvidia() {
    List<Gpu> gpus = GpuInventory.list(HostRoot.demo());
    assertThat(gpus).extracting(Gpu::address).containsExactly("0000:00:02.0", "0000:01:00.0");
    Gpu intel = gpus.get(0);
    assertThat(intel.classCode()).isEqualTo("030000");
    assertThat(intel.bootVga()).isTrue();
    assertThat(intel.muxless()).isFalse();
    assertThat(intel.driver()).isEqualTo("i915");
    Gpu nv = gpus.get(1);
    assertThat(nv.classCode()).isEqualTo("030200");
    assertThat(nv.className()).isEqualTo("3D controller");
    assertThat(nv.vendor()).isEqualTo("10de");
    assertThat(nv.device()).isEqualTo("1c8d");
    assertThat(nv.subsystemVendor()).isEqualTo("1028");
    assertThat(nv.subsystemDevice()).isEqualTo("07be");
    assertThat(nv.iommuGroup()).isEqualTo(1);
    assertThat(nv.muxless()).isTrue();
  }

  @Test
  void mxmLaptopNvidiaIsAVgaControllerNotMuxless() {
    HostRoot host = Hosts.fixture("mxm-laptop", tmp);
    List<Gpu> gpus = GpuInventory.list(host);
    assertThat(gpus).extracting(Gpu::address).containsExactly("0000:00:02.0", "0000:01:00.0");
    Gpu nv = gpus.get(1);
    assertThat(nv.classCode()).isEqualTo("030000");
    assertThat(nv.muxless()).isFalse();
    assertThat(nv.device()).isEqualTo("1ba1");
    assertThat(nv.bootVga()).isFalse();
    assertThat(gpus.get(0).bootVga()).isTrue();
    assertThat(nv.driver()).isEqualTo("nouveau");
    // the audio function is not a display device
    assertThat(gpus).noneMatch(g -> g.address().endsWith("01:00.1"));
  }

  @Test
  void realSysNeverFails() {
    // Whatever this machine is (no GPU, no IOMMU, a container), listing must not throw and
    // every entry must be display class with well-formed IDs.
    List<Gpu> gpus = GpuInventory.list(HostRoot.real());
    for (Gpu g : gpus) {
      assertThat(g.classCode()).startsWith("03").hasSize(6);
      assertThat(g.vendor()).matches("[0-9a-f]{4}");
      assertThat(g.address()).matches("[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\\.[0-7]");
    }
  }
}
