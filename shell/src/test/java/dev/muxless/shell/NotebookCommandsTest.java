package dev.muxless.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.muxless.core.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code notebook run} and {@code notebook new} in-process, as {@code ./muxless} runs them. */
class NotebookCommandsTest extends ShellTest {
  @TempDir Path dir;

  static Path hostNotebook() {
    return Path.of(System.getProperty("muxless.projectDir", "."))
        .resolve("notebooks/host-check-and-bind.jsh");
  }

  @Test
  void runsTheHostNotebookPrintingEachCellAndWritesAReport() throws Exception {
    Path report = dir.resolve("host.md");
    var r = run("notebook", "run", hostNotebook().toString(), "--out", report.toString());
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output())
        .contains("# Check the demo host and plan a bind")
        .contains("Pick the host", "$1 ==> \"XPS 15 9560\"")
        .contains("0000:01:00.0  3D controller")
        .contains("echo vfio-pci > /sys/bus/pci/devices/0000:01:00.0/driver_override")
        .contains("PASS  vfio-pci is ready")
        .contains("0 failed")
        .doesNotContain("FAIL  ");
    String md = Files.readString(report);
    assertThat(md).contains("## The plan", "```java\nrecord Write(", "```text\necho vfio-pci");
  }

  @Test
  void aFailingCellStopsTheRunNamingCellAndLineWithExitOne() throws Exception {
    Path nb = dir.resolve("bad.jsh");
    Files.writeString(
        nb,
        "// %%\nint a = 1;\n// %%\nSystem.out.println(a);\nObject o = null; o.hashCode();\n"
            + "// %%\nSystem.out.println(\"after\");\n");
    var r = run("notebook", "run", nb.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.output())
        .contains("error: line 5: java.lang.NullPointerException")
        .contains("stopped: cell 2 failed at " + nb + ":5")
        .doesNotContain("after");
    var go = run("notebook", "run", nb.toString(), "--keep-going");
    assertThat(go.exitCode()).isEqualTo(1);
    assertThat(go.output()).contains("after", "2 cells ok, 1 failed").doesNotContain("stopped");
  }

  @Test
  void jsonHasEveryCellWithItsOutput() throws Exception {
    Path nb = dir.resolve("j.jsh");
    Files.writeString(nb, "// %% [markdown]\n// # J\n// %%\nSystem.out.println(\"hi\");\n6 * 7\n");
    var r = run("notebook", "run", nb.toString(), "--json", "--param", "x=1");
    assertThat(r.exitCode()).as(r.output()).isZero();
    JsonNode run = Json.mapper().readTree(r.output());
    assertThat(run.get("cells").size()).isEqualTo(2);
    JsonNode code = run.get("cells").get(1);
    assertThat(code.get("kind").asText()).isEqualTo("CODE");
    assertThat(code.get("stdout").asText()).isEqualTo("hi\n");
    assertThat(code.get("values").get(0).asText()).isEqualTo("$1 ==> 42");
    assertThat(code.get("status").asText()).isEqualTo("OK");
  }

  @Test
  void paramsReachParamGet() throws Exception {
    Path nb = dir.resolve("p.jsh");
    Files.writeString(
        nb, "Param.get(\"a\", \"-\") + Param.get(\"b\", \"-\") + Param.get(\"c\", \"-\")\n");
    var r = run("notebook", "run", nb.toString(), "--param", "a=1", "b=x=y");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).contains("$1 ==> \"1x=y-\"");
  }

  @Test
  void newWritesARunnableTemplateAndRefusesToOverwrite() throws Exception {
    Path nb = dir.resolve("mine.jsh");
    var r = run("notebook", "new", nb.toString());
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).contains("Wrote " + nb);
    assertThat(Files.readString(nb)).contains("// %% [markdown]", "# mine", "GpuInventory");
    var again = run("notebook", "new", nb.toString());
    assertThat(again.exitCode()).isEqualTo(2);
    assertThat(again.output()).contains("already exists", "hint:", "--force");
    var ran = run("notebook", "run", nb.toString());
    assertThat(ran.exitCode()).as(ran.output()).isZero();
    assertThat(ran.output()).contains("<- muxless");
  }

  @Test
  void badInputIsOneLineWithExitTwo() throws Exception {
    var missing = run("notebook", "run", dir.resolve("nope.jsh").toString());
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.output()).contains("error: notebook", "nope.jsh does not exist", "hint:");
    Path nb = dir.resolve("ok.jsh");
    Files.writeString(nb, "1\n");
    var fmt = run("notebook", "run", nb.toString(), "--out", dir.resolve("r.pdf").toString());
    assertThat(fmt.exitCode()).isEqualTo(2);
    assertThat(fmt.output()).contains("r.pdf: unknown report format");
    var param = run("notebook", "run", nb.toString(), "--param", "novalue");
    assertThat(param.exitCode()).isEqualTo(2);
    assertThat(param.output()).contains("--param novalue: expected NAME=VALUE");
    var name = run("notebook", "new", dir.resolve("x.txt").toString());
    assertThat(name.exitCode()).isEqualTo(2);
    assertThat(Files.exists(dir.resolve("x.txt"))).isFalse();
  }

  @Test
  void aNotebookNeedingAMissingEngineSaysWhichClass() throws Exception {
    Path nb = dir.resolve("needs.jsh");
    Files.writeString(nb, "// requires: dev.muxless.none.Engine\n// %%\n1\n");
    var r = run("notebook", "run", nb.toString());
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.output()).contains("requires dev.muxless.none.Engine");
  }

  @Test
  void helpShowsExamples() throws Exception {
    var r = run("help", "notebook", "run");
    assertThat(r.output()).contains("Examples:", "./muxless notebook run notebooks/");
    assertThat(run("help", "jshell").output()).contains("./muxless jshell");
  }

  @Test
  void notebookCompletionOffersJshFilesAndDirectories() throws Exception {
    Files.writeString(dir.resolve("a.jsh"), "1\n");
    Files.writeString(dir.resolve("b.txt"), "");
    Files.createDirectories(dir.resolve("sub"));
    var values =
        NotebookCompletions.notebooks(dir + "/").stream()
            .map(p -> p.value().substring(dir.toString().length() + 1))
            .toList();
    assertThat(values).containsExactly("a.jsh", "sub/");
  }
}
