package dev.muxless.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.muxless.core.Json;
import dev.muxless.host.HostRoot;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostCheckCommandTest extends ShellTest {
  @TempDir Path tmp;

  @Test
  void demoPassesWithOneWarning() throws Exception {
    var r = run("host", "check");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output())
        .contains(
            "PASS  cpu-virt", "WARN  gpu-driver", "fix: ./muxless vfio bind 0000:01:00.0 --apply")
        .contains("17 passed, 1 warnings, 0 failed, 0 skipped");
  }

  @Test
  void jsonHasStepsWithIdStatusMessageFix() throws Exception {
    var r = run("host", "check", "--json");
    JsonNode steps = Json.mapper().readTree(r.output()).get("steps");
    assertThat(steps.size()).isEqualTo(18);
    assertThat(steps.get(0).fieldNames())
        .toIterable()
        .containsExactly("id", "status", "message", "fix");
    assertThat(steps.get(0).get("id").asText()).isEqualTo("cpu-virt");
    assertThat(steps.get(17).get("id").asText()).isEqualTo("ovmf");
  }

  @Test
  void failingHostExitsOne() throws Exception {
    session.use(FixtureHosts.load("no-iommu", tmp));
    var r = run("host", "check");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.output()).contains("FAIL  iommu-active", "fix: enable VT-d");
  }

  @Test
  void realMachineRunsReadOnly() throws Exception {
    session.use(HostRoot.real());
    var r = run("host", "check");
    assertThat(r.exitCode()).as(r.output()).isIn(0, 1);
    assertThat(r.output()).contains("cpu-virt", "ovmf", "passed");
    var g = run("vfio", "groups", "--json");
    assertThat(g.exitCode()).as(g.output()).isZero();
    assertThat(Json.mapper().readTree(g.output()).isArray()).isTrue();
  }
}
