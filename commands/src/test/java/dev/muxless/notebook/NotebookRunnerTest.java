package dev.muxless.notebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.muxless.core.ExitStatus;
import dev.muxless.core.MuxlessException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Runs real notebooks through a real JShell (local engine, toolkit on the class path). */
class NotebookRunnerTest {
  @TempDir static Path state;

  @BeforeAll
  static void isolateState() {
    if (System.getProperty("muxless.state") == null) {
      System.setProperty("muxless.state", state.toString());
    }
  }

  private static NotebookRun run(String text, boolean keepGoing) {
    return NotebookRunner.run(
        Notebook.parse(text, "nb.jsh"), new NotebookRunner.Options(keepGoing, Map.of()), r -> {});
  }

  @Test
  void multiLineDeclarationsImportsValuesAndOutputAcrossCells() {
    String text =
        """
        // %% imports and a record
        import java.util.concurrent.atomic.AtomicInteger;
        record Point(int x, int y) {
          int sum() { return x + y; }
        }
        // %% a method over several lines, a class, a text block
        int twice(
            int v) {
          return 2 * v;
        }
        class Counter {
          final AtomicInteger n = new AtomicInteger();
          int next() { return n.incrementAndGet(); }
        }
        String block = \"""
            hello
            notebook\""";
        // %% values and output
        var c = new Counter();
        c.next();
        System.out.println(block.lines().count() + " lines");
        twice(new Point(3, 4).sum())
        c.next()
        """;
    List<CellResult> seen = new ArrayList<>();
    NotebookRun run =
        NotebookRunner.run(
            Notebook.parse(text, "nb.jsh"), NotebookRunner.Options.defaults(), seen::add);
    assertThat(run.failed()).as(run.toString()).isFalse();
    assertThat(seen).hasSize(3);
    CellResult last = run.cells().get(2);
    assertThat(last.stdout()).isEqualTo("2 lines\n");
    // like jshell, an expression statement ending in ';' has a value too
    assertThat(last.values()).containsExactly("$1 ==> 1", "$2 ==> 14", "$3 ==> 2");
    assertThat(last.output()).isEqualTo("2 lines\n$1 ==> 1\n$2 ==> 14\n$3 ==> 2\n");
    assertThat(run.cells().get(0).values()).isEmpty(); // declarations are not values
  }

  @Test
  void toolkitClassesAreImportedAndAreTheApplicationsOwn() {
    NotebookRun run =
        run(
            """
            // %%
            var host = HostRoot.demo();
            GpuInventory.list(host).size()
            HostRoot.class.getClassLoader() == dev.muxless.host.HostRoot.class.getClassLoader()
            Json.write(List.of(1, 2)).replaceAll("\\\\s", "")
            """,
            false);
    assertThat(run.failed()).as(run.cells().get(0).output()).isFalse();
    assertThat(run.cells().get(0).values())
        .extracting(v -> v.substring(v.indexOf("==> ") + 4))
        .containsExactly("2", "true", "\"[1,2]\"");
  }

  @Test
  void compileErrorNamesTheCellAndTheNotebookLineAndStopsTheRun() {
    NotebookRun run =
        run(
            """
            // %% fine
            int a = 1;
            // %% broken

            int b = a +
                "x".lenght();
            System.out.println("never");
            // %% after
            a
            """,
            false);
    CellResult broken = run.cells().get(1);
    assertThat(broken.status()).isEqualTo(CellStatus.FAILED);
    assertThat(broken.failure().kind()).isEqualTo("compile");
    assertThat(broken.failure().line()).isEqualTo(6);
    assertThat(broken.failure().message()).contains("cannot find symbol", "lenght");
    assertThat(broken.stdout()).isEmpty();
    assertThat(run.cells().get(2).status()).isEqualTo(CellStatus.NOT_RUN);
  }

  @Test
  void runtimeExceptionIsMappedToNotebookLinesWithATrimmedTrace() {
    NotebookRun run =
        run(
            """
            // %% a helper
            int pick(int[] a, int i) {
              // the bad index
              return a[i];
            }
            // %% calls it
            System.out.println("before");
            int v = pick(new int[2], 5);
            """,
            true);
    CellResult calls = run.cells().get(1);
    assertThat(calls.failed()).isTrue();
    Failure f = calls.failure();
    assertThat(f.kind()).isEqualTo("exception");
    assertThat(f.message()).startsWith("java.lang.ArrayIndexOutOfBoundsException");
    assertThat(f.line()).isEqualTo(4); // inside pick, declared in cell 1
    assertThat(f.trace()).containsExactly("at pick (nb.jsh:4)", "at (nb.jsh:8)");
    assertThat(calls.stdout()).isEqualTo("before\n");
  }

  @Test
  void aListenerSeesOutputWhileTheCellRuns() {
    List<String> events = new ArrayList<>();
    NotebookRunner.run(
        Notebook.parse(
            "// %%\nSystem.out.println(\"one\");\nSystem.err.print(\"two\");\n", "nb.jsh"),
        NotebookRunner.Options.defaults(),
        new NotebookRunner.Listener() {
          @Override
          public void cellStarted(Cell cell) {
            events.add("start " + cell.index());
          }

          @Override
          public void output(String text) {
            events.add("out " + text.strip());
          }

          @Override
          public void cellFinished(CellResult result) {
            events.add("end " + result.stdout().strip() + "|" + result.stderr());
          }
        });
    assertThat(events).containsExactly("start 1", "out one", "out two", "end one|two");
  }

  @Test
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void stopEndsARunawayCellAndSkipsTheRest() {
    Runnable[] stop = new Runnable[1];
    NotebookRun run =
        NotebookRunner.run(
            Notebook.parse(
                "// %%\nvoid spin() {\n  System.out.println(\"go\");\n"
                    + "  while (true) { Thread.onSpinWait(); }\n}\nspin();\nSystem.out.println(\"no\");\n"
                    + "// %%\n1 + 1\n",
                "nb.jsh"),
            new NotebookRunner.Options(true, Map.of()),
            new NotebookRunner.Listener() {
              @Override
              public void started(Runnable s) {
                stop[0] = s;
              }

              @Override
              public void output(String text) {
                if (text.contains("go")) {
                  new Thread(stop[0]).start(); // as a Ctrl-C handler would, from another thread
                }
              }

              @Override
              public void cellFinished(CellResult result) {}
            });
    assertThat(run.cells().get(0).failure().kind()).isEqualTo("stopped");
    assertThat(run.cells().get(0).stdout()).isEqualTo("go\n");
    assertThat(run.cells().get(1).status()).isEqualTo(CellStatus.NOT_RUN); // even with keep-going
  }

  @Test
  void keepGoingRunsTheCellsAfterAFailure() {
    String text = "// %%\nthrow new IllegalStateException(\"boom\");\n// %%\n40 + 2\n";
    NotebookRun stop = run(text, false);
    assertThat(stop.cells().get(1).status()).isEqualTo(CellStatus.NOT_RUN);
    NotebookRun go = run(text, true);
    assertThat(go.cells().get(0).failure().message())
        .isEqualTo("java.lang.IllegalStateException: boom");
    assertThat(go.cells().get(0).failure().line()).isEqualTo(2);
    assertThat(go.cells().get(1).values()).singleElement().asString().endsWith("==> 42");
    assertThat(go.failures()).hasSize(1);
  }

  @Test
  void aCellEndingMidDeclarationIsACompileFailureAtItsLine() {
    NotebookRun run = run("// %%\nint ok = 1;\nvoid f() {\n  int x = 1;\n", false);
    Failure f = run.cells().get(0).failure();
    assertThat(f.kind()).isEqualTo("compile");
    assertThat(f.message()).contains("reached end of file");
    assertThat(f.line()).isBetween(3, 5);
  }

  @Test
  void unresolvedReferencesAreNotedThenFailWhenUsed() {
    NotebookRun run = run("// %%\nvoid later() { new Missing(); }\n// %%\nlater();\n", true);
    assertThat(run.cells().get(0).notes()).singleElement().asString().contains("Missing");
    assertThat(run.cells().get(1).failure().kind()).isEqualTo("unresolved");
    assertThat(run.cells().get(1).failure().message()).contains("later", "Missing");
  }

  @Test
  void paramsReachTheNotebook() {
    NotebookRun run =
        NotebookRunner.run(
            Notebook.parse("Param.get(\"rom\", \"none\")\n", "nb.jsh"),
            new NotebookRunner.Options(false, Map.of("rom", "/x/gpu.rom")),
            r -> {});
    assertThat(run.cells().get(0).values()).containsExactly("$1 ==> \"/x/gpu.rom\"");
  }

  @Test
  void aMissingRequiredClassIsAnEnvironmentErrorNamingIt() {
    Notebook nb = Notebook.parse("// requires: dev.muxless.nothing.Here\n// %%\n1\n", "x.jsh");
    assertThatThrownBy(() -> NotebookRunner.run(nb, NotebookRunner.Options.defaults(), r -> {}))
        .isInstanceOf(MuxlessException.class)
        .hasMessageContaining("dev.muxless.nothing.Here")
        .extracting(e -> ((MuxlessException) e).status())
        .isEqualTo(ExitStatus.ENVIRONMENT);
  }

  @Test
  void aMissingFileIsBadInputNamingIt(@TempDir Path dir) {
    Path f = dir.resolve("nope.jsh");
    assertThatThrownBy(() -> Notebook.read(f))
        .isInstanceOf(MuxlessException.class)
        .hasMessageContaining(f.toString());
    assertThat(Files.exists(f)).isFalse();
  }

  @Test
  void theTemplateRuns() {
    NotebookRun run =
        NotebookRunner.run(
            Notebook.parse(NotebookTemplate.text("notebooks/mine.jsh"), "mine.jsh"),
            NotebookRunner.Options.defaults(),
            r -> {});
    assertThat(run.failed()).as(NotebookReport.markdown(run)).isFalse();
    String md = NotebookReport.markdown(run);
    assertThat(md).contains("# mine", "0000:01:00.0", "<- muxless", "==> \"XPS 15 9560\"");
  }
}
