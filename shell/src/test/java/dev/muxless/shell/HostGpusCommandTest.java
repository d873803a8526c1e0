package dev.muxless.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.muxless.core.Json;
import org.junit.jupiter.api.Test;

class HostGpusCommandTest extends ShellTest {

  @Test
  void tableListsBothDemoGpusAndMarksTheMuxlessOne() throws Exception {
    var r = run("host", "gpus");
    assertThat(r.exitCode()).isZero();
    assertThat(r.output())
        .contains("0000:00:02.0", "VGA compatible controller", "8086:591b")
        .contains("0000:01:00.0", "3D controller", "10de:1c8d", "muxless");
  }

  @Test
  void jsonHasTheDocumentedFields() throws Exception {
    var r = run("host", "gpus", "--json");
    assertThat(r.exitCode()).isZero();
    JsonNode arr = Json.mapper().readTree(r.output());
    assertThat(arr.size()).isEqualTo(2);
    JsonNode nv = arr.get(1);
    assertThat(nv.get("address").asText()).isEqualTo("0000:01:00.0");
    assertThat(nv.get("class").asText()).isEqualTo("030200");
    assertThat(nv.get("vendor").asText()).isEqualTo("10de");
    assertThat(nv.get("device").asText()).isEqualTo("1c8d");
    assertThat(nv.get("subsystemVendor").asText()).isEqualTo("1028");
    assertThat(nv.get("subsystemDevice").asText()).isEqualTo("07be");
    assertThat(nv.get("driver").asText()).isEqualTo("nvidia");
    assertThat(nv.get("bootVga").asBoolean()).isFalse();
    assertThat(nv.get("iommuGroup").asInt()).isEqualTo(1);
    assertThat(nv.get("muxless").asBoolean()).isTrue();
    assertThat(arr.get(0).get("bootVga").asBoolean()).isTrue();
    assertThat(arr.get(0).get("muxless").asBoolean()).isFalse();
  }

  @Test
  void unknownOptionIsBadUsage() throws Exception {
    var r = run("host", "gpus", "--bogus");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.output()).contains("--bogus");
  }

  @Test
  void badHostRootIsOneLineWithHint() throws Exception {
    var r = run("host", "use", "/definitely/not/here");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.output()).contains("error: host root /definitely/not/here is not a directory");
    assertThat(r.output()).contains("hint:");
    assertThat(r.output()).doesNotContain("Exception");
  }

  @Test
  void helpShowsUsageAndExamples() throws Exception {
    var r = run("help", "host", "gpus");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output())
        .contains("Usage: host gpus [--json]", "Examples:", "./muxless host gpus --json");
  }

  @Test
  void everyMuxlessCommandHasAnExample() throws Exception {
    var r = run("help");
    assertThat(r.output()).contains("host gpus");
    // every command registered from our packages must carry at least one @Example
    assertThat(CommandAudit.commandsWithoutExamples()).isEmpty();
  }
}
