package dev.muxless.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.muxless.notebook.Notebook;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every notebook under notebooks/ runs through the packaged application ({@code java -jar
 * muxless.jar notebook run}), so none can rot. A notebook whose engine this build lacks is skipped
 * with a message naming the missing class; it starts running once that engine is merged.
 */
class NotebookIT {
  @TempDir static Path work;
  static Path rom;
  private static Path extracted;

  /** The extracted layout, made once for the tests that need it. */
  static synchronized Path extractedJar() throws Exception {
    if (extracted == null) {
      extracted = PackagedApp.extract(work.resolve("extracted"));
    }
    return extracted;
  }

  static Path projectDir() {
    return Path.of(System.getProperty("muxless.projectDir", ".."));
  }

  @BeforeAll
  static void romForTheRomNotebooks() throws IOException {
    Path shared = Path.of(System.getProperty("muxless.shared", "../shared"));
    Path real = shared.resolve("roms/nvidia/alt-1050m__ieatchange.rom");
    if (Files.isRegularFile(real)) {
      rom = real; // a GTX 1050 Mobile VBIOS: muxless, BIT 86.07.3c.00.1f
    } else {
      rom = work.resolve("synthetic.rom");
      Files.write(rom, SyntheticRom.bytes());
    }
  }

  static Stream<Path> notebooks() throws IOException {
    try (Stream<Path> s = Files.list(projectDir().resolve("notebooks"))) {
      List<Path> all = s.filter(p -> p.toString().endsWith(".jsh")).sorted().toList();
      assertThat(all).as("notebooks/ holds the tutorials").hasSizeGreaterThanOrEqualTo(4);
      return all.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("notebooks")
  void runsThroughTheFatJar(Path nb) throws Exception {
    List<String> missing = Notebook.read(nb).missingClasses(getClass().getClassLoader());
    assumeTrue(
        missing.isEmpty(),
        () -> nb.getFileName() + " skipped: this build lacks " + String.join(", ", missing));
    Path state = Files.createTempDirectory(work, "state-");
    Path report = work.resolve(nb.getFileName() + ".html");
    var r =
        PackagedApp.run(
            PackagedApp.fatJar(),
            state,
            null,
            "notebook",
            "run",
            nb.toString(),
            "--param",
            "rom=" + rom,
            "--out",
            report.toString());
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).contains(" 0 failed").doesNotContain("error:");
    assertThat(Files.readString(report)).contains("<h1>", "<pre class=\"output\">");
    // the fat jar's nested jars were unpacked for javac, once, under the state directory
    try (Stream<Path> cp = Files.list(state.resolve("jshell-cp"))) {
      assertThat(cp.map(p -> p.getFileName().toString()))
          .anyMatch(n -> n.startsWith("muxless.jar-"));
    }
  }

  @Test
  void runsFromTheExtractedLayoutWithoutUnpacking() throws Exception {
    Path jar = extractedJar();
    Path state = Files.createTempDirectory(work, "state-");
    Path nb = projectDir().resolve("notebooks/host-check-and-bind.jsh");
    var r = PackagedApp.run(jar, state, null, "notebook", "run", nb.toString());
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output())
        .contains("$1 ==> \"XPS 15 9560\"", "PASS  vfio-pci is ready", "failed ==> 0");
    assertThat(state.resolve("jshell-cp")).doesNotExist(); // javac read the Class-Path manifest
  }

  @Test
  void theHostNotebookIsAPlainJShellScriptToo() throws Exception {
    Path jshell = Path.of(System.getProperty("java.home"), "bin", "jshell");
    assumeTrue(Files.isExecutable(jshell), "no jshell in " + jshell.getParent() + " (a JRE)");
    Path jar = extractedJar();
    Path state = Files.createTempDirectory(work, "state-");
    Path nb = projectDir().resolve("notebooks/host-check-and-bind.jsh");
    ProcessBuilder pb =
        new ProcessBuilder(jshell.toString(), "--class-path", jar.toString(), nb.toString())
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    pb.environment().put("MUXLESS_STATE", state.toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
    assertThat(out).contains("<- muxless", "PASS  vfio-pci is ready").doesNotContain("Error:");
  }

  @Test
  void aFailingNotebookExitsOneNamingCellAndLine() throws Exception {
    Path nb = work.resolve("failing.jsh");
    Files.writeString(
        nb,
        """
        // %% [markdown]
        // # Fails on purpose
        // %% fine
        var gpus = GpuInventory.list(HostRoot.demo());
        // %% broken
        int n = gpus.size();
        int bad = gpus.get(n).hashCode();
        // %% never
        System.out.println("unreachable");
        """);
    var r =
        PackagedApp.run(
            PackagedApp.fatJar(),
            Files.createTempDirectory(work, "state-"),
            null,
            "notebook",
            "run",
            nb.toString());
    assertThat(r.exitCode()).as(r.output()).isEqualTo(1);
    assertThat(r.output())
        .containsPattern("error: line 7: java.lang.\\w*IndexOutOfBoundsException")
        .contains("at (failing.jsh:7)")
        .contains("stopped: cell 3 failed at " + nb + ":7")
        .doesNotContain("unreachable");
  }

  @Test
  void theJshellReplRunsInThePackagedAppFromAPipe() throws Exception {
    var r =
        PackagedApp.run(
            PackagedApp.fatJar(),
            Files.createTempDirectory(work, "state-"),
            "var gpus = GpuInventory.list(HostRoot.demo());\n"
                + "gpus.stream().filter(Gpu::muxless).map(Gpu::address).findFirst().get()\n"
                + "/exit\n",
            "jshell");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output())
        .contains(
            "gpus ==> [Gpu[address=0000:00:02.0",
            "$1 ==> \"0000:01:00.0\"",
            "Back in muxless (2 entries");
  }
}
