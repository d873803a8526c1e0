package dev.muxless.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the packaged application as a user does, {@code java -jar muxless.jar <command>}, in its own
 * process with its own state directory; for tests against {@code shell/target/muxless.jar}.
 */
final class PackagedApp {
  /** Output and exit status of one process. */
  record Result(int exitCode, String output, long millis) {}

  private PackagedApp() {}

  /** The fat jar the build made; the failsafe configuration names it. */
  static Path fatJar() {
    return Path.of(System.getProperty("muxless.jar", "target/muxless.jar"));
  }

  static Result run(Path jar, Path state, String stdin, String... args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-jar");
    cmd.add(jar.toString());
    cmd.addAll(List.of(args));
    Path log = Files.createTempFile(state, "out-", ".txt");
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("MUXLESS_STATE", state.toString());
    pb.environment().put("NO_COLOR", "1");
    pb.environment().remove("MUXLESS_ROOT");
    long t0 = System.nanoTime();
    Process p = pb.start();
    try (var in = p.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
    }
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + cmd + "\n" + Files.readString(log));
    }
    long ms = (System.nanoTime() - t0) / 1_000_000;
    return new Result(p.exitValue(), Files.readString(log), ms);
  }

  /** {@code java -Djarmode=tools -jar muxless.jar extract}: the layout ./muxless runs. */
  static Path extract(Path into) throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p =
        new ProcessBuilder(
                java.toString(),
                "-Djarmode=tools",
                "-jar",
                fatJar().toString(),
                "extract",
                "--destination",
                into.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError("extract failed: " + out);
    }
    return into.resolve(fatJar().getFileName());
  }
}
