package dev.muxless.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The packaged application (target/muxless.jar) run as a user runs it: the knowledge base comes
 * from the jar's resources, and {@code diagnose --log -} reads the process's standard input.
 */
class KbPackagedIT {
  record Run(int code, String out) {}

  static Run muxless(String stdin, String... args) throws Exception {
    Path jar = Path.of(System.getProperty("muxless.jar", "target/muxless.jar"));
    Assumptions.assumeTrue(Files.isRegularFile(jar), "packaged jar not built: " + jar);
    Path state = Files.createTempDirectory("kb-it-state-");
    List<String> cmd =
        new java.util.ArrayList<>(
            List.of(
                System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
                "-jar",
                jar.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("MUXLESS_STATE", state.toString());
    pb.environment().put("MUXLESS_ROOT", "demo");
    pb.environment().put("NO_COLOR", "1");
    Process p = pb.start();
    p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), out);
  }

  @Test
  void diagnoseReadsStandardInputOfTheProcess() throws Exception {
    Run r =
        muxless(
            "Nov 21 10:00:00 laptop kernel: [ 5.1] vfio-pci 0000:01:00.0: not ready 65535ms after bus reset; giving up\n"
                + "all fine\n",
            "diagnose",
            "--log",
            "-",
            "--json");
    assertThat(r.code()).as(r.out()).isEqualTo(1);
    assertThat(r.out()).contains("\"id\" : \"pci-not-ready-after-reset\"", "\"lines\" : [ 1 ]");
  }

  @Test
  void setupValidateOnTheDemoHostFromTheJar() throws Exception {
    Run r = muxless("", "setup", "validate", "--target", "linux-gvt-render-primary");
    assertThat(r.out()).contains("Target: linux-gvt-render-primary", "PASS", "gvt-types");
  }
}
