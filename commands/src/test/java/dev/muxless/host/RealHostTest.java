package dev.muxless.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.muxless.core.CheckReport;
import dev.muxless.core.CheckStep;
import dev.muxless.vfio.IommuGroup;
import dev.muxless.vfio.IommuGroups;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Read-only runs against the machine running the tests: whatever it has, nothing may throw. */
class RealHostTest {
  @Test
  void hostCheckRunsOnThisMachine() {
    CheckReport r = HostCheck.run(HostRoot.real());
    assertThat(r.steps()).extracting(CheckStep::id).containsExactlyElementsOf(HostCheckTest.IDS);
    for (CheckStep s : r.steps()) {
      assertThat(s.message()).as(s.id()).isNotBlank();
      if (s.status() == dev.muxless.core.CheckStatus.FAIL
          || s.status() == dev.muxless.core.CheckStatus.WARN) {
        assertThat(s.fix()).as(s.id() + " needs a fix").isNotBlank();
      }
    }
  }

  @Test
  void iommuGroupsReadOnThisMachine() {
    List<IommuGroup> groups = IommuGroups.read(HostRoot.real());
    for (IommuGroup g : groups) {
      assertThat(g.verdict()).isNotBlank();
      assertThat(g.number()).isNotNegative();
    }
  }
}
