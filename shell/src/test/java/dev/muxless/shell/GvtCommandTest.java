package dev.muxless.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.muxless.core.Json;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GvtCommandTest extends ShellTest {
  @TempDir Path tmp;

  @Test
  void typesShowTheDefaultAndWhy() throws Exception {
    var r = run("gvt", "types");
    assertThat(r.exitCode()).isZero();
    assertThat(r.output())
        .contains("i915-GVTg_V5_4", "0000:00:02.0", "resolution: 1920x1200")
        .contains("Default: i915-GVTg_V5_4, the largest type with an instance left");
    JsonNode j = Json.mapper().readTree(run("gvt", "types", "--json").output());
    assertThat(j.get(1).get("availableInstances").asInt()).isEqualTo(2);
  }

  @Test
  void createListRemoveOnAFixture() throws Exception {
    session.use(FixtureHosts.load("mxm-laptop", tmp));
    String uuid = "a297db4a-f4c2-11e6-90f6-d3b88d6c9525";
    var c = run("gvt", "create", "--type", "GVTg_V5_8", "--uuid", uuid);
    assertThat(c.exitCode()).as(c.output()).isZero();
    assertThat(c.output())
        .contains(
            "Created vGPU " + uuid + " of type i915-GVTg_V5_8",
            "Type chosen: as asked",
            "sysfsdev=/sys/bus/mdev/devices/" + uuid);
    assertThat(run("gvt", "list").output()).contains(uuid, "i915-GVTg_V5_8");
    var rm = run("gvt", "remove", uuid);
    assertThat(rm.exitCode()).as(rm.output()).isZero();
    assertThat(run("gvt", "list").output()).contains("No vGPUs");
  }

  @Test
  void exhaustedCreateIsAnEnvironmentError() throws Exception {
    session.use(FixtureHosts.load("gvt-exhausted", tmp));
    var r = run("gvt", "create");
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.output())
        .contains("error: no mdev type has an instance left", "hint: remove a vGPU");
  }
}
