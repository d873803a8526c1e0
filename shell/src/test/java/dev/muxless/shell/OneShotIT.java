package dev.muxless.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.muxless.core.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged application run as a user runs it: a separate JVM, one command, stdout piped. Checks
 * the exit-status vocabulary, JSON output, the host root selection and plain (uncoloured) output.
 */
class OneShotIT {
  @TempDir static Path state;

  record Run(int code, String out, String err) {}

  static Run muxless(Map<String, String> env, String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-jar");
    cmd.add(System.getProperty("muxless.jar"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().remove("MUXLESS_ROOT");
    pb.environment().put("MUXLESS_STATE", state.toString());
    pb.environment().putAll(env);
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Path out = Files.createTempFile(state, "out", ".txt");
    Path err = Files.createTempFile(state, "err", ".txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("muxless did not finish in 60 s: " + String.join(" ", args));
    }
    return new Run(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void demoHostGpusAsJson() throws Exception {
    Run r = muxless(Map.of("MUXLESS_ROOT", "demo"), "host", "gpus", "--json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode arr = Json.mapper().readTree(r.out());
    assertThat(arr.size()).isEqualTo(2);
    assertThat(arr.get(1).get("muxless").asBoolean()).isTrue();
    assertThat(arr.get(1).get("device").asText()).isEqualTo("1c8d");
  }

  @Test
  void exitStatusesAndPlainOutputWhenPiped() throws Exception {
    Run unknown = muxless(Map.of(), "no-such-command");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.out())
        .contains("error: unknown command 'no-such-command'")
        .contains("hint:");

    Run badOption = muxless(Map.of("MUXLESS_ROOT", "demo"), "host", "gpus", "--nope");
    assertThat(badOption.code()).isEqualTo(2);
    assertThat(badOption.out()).contains("error: Unrecognised option '--nope'");
    assertThat(badOption.out()).doesNotContain("\u001b[");

    Run badRoot = muxless(Map.of("MUXLESS_ROOT", "/no/such/root"), "host", "gpus");
    assertThat(badRoot.code()).isEqualTo(2);
    assertThat(badRoot.out().lines().filter(l -> l.startsWith("error:")).count()).isEqualTo(1);
    assertThat(badRoot.out() + badRoot.err()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void realHostNeverFails() throws Exception {
    Run r = muxless(Map.of(), "host", "gpus", "--json");
    assertThat(r.code()).as(r.err() + r.out()).isZero();
    assertThat(Json.mapper().readTree(r.out()).isArray()).isTrue();
  }

  @Test
  void helpListsCommandsAndExitsZero() throws Exception {
    Run r = muxless(Map.of(), "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("host gpus", "exit status");
  }
}
