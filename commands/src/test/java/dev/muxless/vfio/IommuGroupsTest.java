package dev.muxless.vfio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.muxless.host.HostRoot;
import dev.muxless.host.Hosts;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IommuGroupsTest {
  @TempDir Path tmp;

  static IommuGroup group(List<IommuGroup> gs, int n) {
    return gs.stream().filter(g -> g.number() == n).findFirst().orElseThrow();
  }

  @Test
  void demoGroupsAreJudged() {
    List<IommuGroup> gs = IommuGroups.read(Hosts.fixture("demo", tmp));
    assertThat(gs).extracting(IommuGroup::number).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    IommuGroup gpu = group(gs, 1);
    assertThat(gpu.devices())
        .extracting(d -> d.address().toString())
        .containsExactly("0000:00:01.0", "0000:01:00.0");
    assertThat(gpu.viable()).isTrue();
    assertThat(gpu.verdict())
        .isEqualTo("viable: 1 function of slot 0000:01:00 (bridges stay with the host)");
    assertThat(group(gs, 0).viable()).isFalse();
    assertThat(group(gs, 0).verdict()).contains("Host bridge 0000:00:00.0");
    assertThat(group(gs, 9).viable()).isFalse();
    assertThat(group(gs, 9).verdict()).contains("ISA bridge 0000:00:1f.0");
    assertThat(group(gs, 7).viable()).isTrue();
    assertThat(group(gs, 7).verdict()).contains("1 function of slot 0000:02:00");
  }

  @Test
  void sharedGroupIsNotViable() {
    IommuGroup g = group(IommuGroups.read(Hosts.fixture("shared-group", tmp)), 1);
    assertThat(g.devices()).hasSize(4);
    assertThat(g.viable()).isFalse();
    assertThat(g.verdict()).contains("0000:01:00", "0000:02:00");
  }

  @Test
  void noIommuMeansNoGroups() {
    assertThat(IommuGroups.read(Hosts.fixture("no-iommu", tmp))).isEmpty();
  }

  @Test
  void membersAndOfAgreeWithRead() {
    HostRoot h = Hosts.fixture("demo", tmp);
    for (IommuGroup g : IommuGroups.read(h)) {
      assertThat(IommuGroups.members(h, g.number())).isEqualTo(g.devices());
      for (var d : g.devices()) {
        assertThat(IommuGroups.of(h, d.address())).contains(g);
      }
    }
    assertThat(IommuGroups.members(h, 99)).isEmpty();
  }
}
