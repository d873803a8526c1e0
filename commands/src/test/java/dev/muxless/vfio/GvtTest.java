package dev.muxless.vfio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.muxless.core.MuxlessException;
import dev.muxless.host.HostRoot;
import dev.muxless.host.Hosts;
import dev.muxless.host.PciAddress;
import dev.muxless.host.SimulatedKernel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GvtTest {
  @TempDir Path tmp;

  @Test
  void typesCarryDescriptionAndInstances() {
    List<MdevType> types = Gvt.types(Hosts.fixture("demo", tmp));
    assertThat(types).extracting(MdevType::id).containsExactly("i915-GVTg_V5_4", "i915-GVTg_V5_8");
    MdevType t = types.get(0);
    assertThat(t.parent()).isEqualTo(PciAddress.parse("00:02.0"));
    assertThat(t.name()).isEqualTo("GVTg_V5_4");
    assertThat(t.availableInstances()).isEqualTo(1);
    assertThat(t.descriptionNumber("high_gm_size")).isEqualTo(512);
    assertThat(t.resolution()).isEqualTo("1920x1200");
  }

  @Test
  void defaultIsTheLargestTypeWithRoomAndSaysWhy() {
    HostRoot h = Hosts.fixture("demo", tmp);
    Gvt.Choice c = Gvt.choose(Gvt.types(h)).orElseThrow();
    assertThat(c.type().id()).isEqualTo("i915-GVTg_V5_4");
    assertThat(c.reason()).contains("largest", "1920x1200", "512 MB", "1 left");
  }

  @Test
  void createListRemoveRoundTrip() {
    HostRoot h = Hosts.fixture("demo", tmp);
    Map<String, String> before = Hosts.snapshot(h);
    SimulatedKernel k = new SimulatedKernel(h);
    String uuid = "a297db4a-f4c2-11e6-90f6-d3b88d6c9525";
    Vgpu v = Gvt.create(h, k, Gvt.type(h, "GVTg_V5_4"), uuid);
    assertThat(v).isEqualTo(new Vgpu(uuid, PciAddress.parse("00:02.0"), "i915-GVTg_V5_4"));
    assertThat(Gvt.list(h)).containsExactly(v);
    assertThat(Gvt.type(h, "i915-GVTg_V5_4").availableInstances()).isZero();
    assertThat(Gvt.choose(Gvt.types(h)).orElseThrow().type().id()).isEqualTo("i915-GVTg_V5_8");
    assertThatThrownBy(() -> Gvt.create(h, k, Gvt.type(h, "i915-GVTg_V5_4"), null))
        .isInstanceOf(MuxlessException.class)
        .hasMessageContaining("no instances left");
    Gvt.remove(h, k, uuid);
    assertThat(Gvt.list(h)).isEmpty();
    assertThat(Hosts.diff(before, Hosts.snapshot(h))).isEmpty();
  }

  @Test
  void exhaustedHostListsItsVgpuAndHasNoDefault() {
    HostRoot h = Hosts.fixture("gvt-exhausted", tmp);
    assertThat(Gvt.list(h))
        .containsExactly(
            new Vgpu(
                "5e3a0c1f-3f2b-4c8e-9d5a-7b1e2f3a4c5d",
                PciAddress.parse("00:02.0"),
                "i915-GVTg_V5_4"));
    assertThat(Gvt.choose(Gvt.types(h))).isEmpty();
  }

  @Test
  void badUuidAndUnknownTypeAreBadInput() {
    HostRoot h = Hosts.fixture("demo", tmp);
    assertThatThrownBy(() -> Gvt.remove(h, new SimulatedKernel(h), "not-a-uuid"))
        .hasMessage("not a UUID: 'not-a-uuid'");
    assertThatThrownBy(() -> Gvt.type(h, "V9")).hasMessageContaining("--type: no mdev type 'V9'");
  }
}
