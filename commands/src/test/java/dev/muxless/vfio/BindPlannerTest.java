package dev.muxless.vfio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.muxless.core.ExitStatus;
import dev.muxless.core.Json;
import dev.muxless.core.MuxlessException;
import dev.muxless.host.HostRoot;
import dev.muxless.host.Hosts;
import dev.muxless.host.PciAddress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BindPlannerTest {
  @TempDir Path tmp;

  static List<PciAddress> addrs(String... a) {
    return java.util.Arrays.stream(a).map(PciAddress::parse).toList();
  }

  @Test
  void demoGpuPlanIsOverrideUnbindProbe() throws Exception {
    BindPlan p = BindPlanner.plan(Hosts.fixture("demo", tmp), addrs("01:00.0"), false);
    assertThat(p.refused()).isNull();
    assertThat(p.steps())
        .containsExactly(
            new HostWrite("/sys/bus/pci/devices/0000:01:00.0/driver_override", "vfio-pci"),
            new HostWrite("/sys/bus/pci/drivers/nvidia/unbind", "0000:01:00.0"),
            new HostWrite("/sys/bus/pci/drivers_probe", "0000:01:00.0"));
    JsonNode j = Json.mapper().readTree(Json.write(p));
    assertThat(j.fieldNames()).toIterable().containsExactly("device", "steps", "refused");
    assertThat(j.get("device").asText()).isEqualTo("0000:01:00.0");
    assertThat(j.get("steps").get(0).fieldNames()).toIterable().containsExactly("path", "value");
    assertThat(j.get("refused").isNull()).isTrue();
  }

  @Test
  void mxmPlanMovesTheAudioFunctionToo() {
    BindPlan p = BindPlanner.plan(Hosts.fixture("mxm-laptop", tmp), addrs("01:00.0"), false);
    assertThat(p.steps()).hasSize(6);
    assertThat(p.steps())
        .contains(
            new HostWrite("/sys/bus/pci/drivers/nouveau/unbind", "0000:01:00.0"),
            new HostWrite("/sys/bus/pci/devices/0000:01:00.1/driver_override", "vfio-pci"),
            new HostWrite("/sys/bus/pci/drivers/snd_hda_intel/unbind", "0000:01:00.1"));
    assertThat(p.moved())
        .extracting(PciAddress::toString)
        .containsExactly("0000:01:00.0", "0000:01:00.1");
    assertThat(p.steps())
        .noneMatch(w -> w.path().contains("0000:00:01.0") || w.value().equals("0000:00:01.0"));
  }

  @Test
  void groupWithAnotherEndpointInUseIsRefusedUnlessNamed() {
    HostRoot h = Hosts.fixture("shared-group", tmp);
    BindPlan p = BindPlanner.plan(h, addrs("01:00.0"), false);
    assertThat(p.refused())
        .isEqualTo(
            "IOMMU group 1 also holds 0000:02:00.0 (Non-Volatile memory controller, driver nvme),"
                + " which the host is using; name it too to move it as well");
    assertThat(p.steps()).isEmpty();
    BindPlan both = BindPlanner.plan(h, addrs("01:00.0", "02:00.0"), false);
    assertThat(both.refused()).isNull();
    assertThat(both.device()).isEqualTo("0000:01:00.0,0000:02:00.0");
    assertThat(both.steps())
        .contains(new HostWrite("/sys/bus/pci/drivers/nvme/unbind", "0000:02:00.0"));
  }

  @Test
  void bootDisplayIsRefusedWithoutForce() {
    HostRoot h = Hosts.fixture("demo", tmp);
    assertThat(BindPlanner.plan(h, addrs("00:02.0"), false).refused())
        .contains("0000:00:02.0 drives the host's boot display", "--force");
    assertThat(BindPlanner.plan(h, addrs("00:02.0"), true).refused()).isNull();
  }

  @Test
  void noGroupIsRefused() {
    BindPlan p = BindPlanner.plan(Hosts.fixture("no-iommu", tmp), addrs("01:00.0"), false);
    assertThat(p.refused()).startsWith("0000:01:00.0 has no IOMMU group");
  }

  @Test
  void bridgeIsRefusedAndUnknownDeviceIsBadInput() {
    HostRoot h = Hosts.fixture("demo", tmp);
    assertThat(BindPlanner.plan(h, addrs("00:01.0"), false).refused())
        .isEqualTo("0000:00:01.0 is a PCI bridge: bridges stay with the host");
    assertThatThrownBy(() -> BindPlanner.plan(h, addrs("05:00.0"), false))
        .isInstanceOf(MuxlessException.class)
        .hasMessageContaining("no PCI device 0000:05:00.0")
        .satisfies(
            e -> assertThat(((MuxlessException) e).status()).isEqualTo(ExitStatus.BAD_INPUT));
  }

  @Test
  void alreadyBoundDeviceNeedsNoSteps() {
    BindPlan p = BindPlanner.plan(Hosts.fixture("gvt-exhausted", tmp), addrs("01:00.0"), false);
    assertThat(p.refused()).isNull();
    // bound to vfio-pci but without an override: only the override is set, so it stays there
    assertThat(p.steps())
        .containsExactly(
            new HostWrite("/sys/bus/pci/devices/0000:01:00.0/driver_override", "vfio-pci"));
  }
}
