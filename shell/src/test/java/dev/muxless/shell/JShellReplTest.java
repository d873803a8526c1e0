package dev.muxless.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.muxless.notebook.JShellSession;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The REPL through a dumb terminal fed from a pipe, the way it runs without a tty. */
class JShellReplTest {
  @TempDir static Path state;

  @BeforeAll
  static void isolate() {
    if (System.getProperty("muxless.state") == null) {
      System.setProperty("muxless.state", state.toString());
    }
    Style.force(false);
  }

  private static String session(String input, Path history) throws Exception {
    ByteArrayOutputStream screen = new ByteArrayOutputStream();
    DumbTerminal t =
        new DumbTerminal(
            "test",
            "dumb",
            new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
            screen,
            StandardCharsets.UTF_8);
    new JShellRepl(t, history).run();
    t.flush();
    return screen.toString(StandardCharsets.UTF_8);
  }

  @Test
  void evaluatesMultiLineEntriesWithTheToolkitAndExits() throws Exception {
    Path history = state.resolve("h1");
    String out =
        session(
            """
            int x = 40;
            x + 2
            void hello(String who) {
              System.out.println("hello " + who);
            }
            hello(HostRoot.demo().label())
            GpuInventory.list(HostRoot.demo()).size()
            /vars
            "x".lenght()
            /exit
            1 + 1
            """,
            history);
    assertThat(out).contains("x ==> 40", "$1 ==> 42").contains("   ...> ");
    assertThat(out).contains("|  created method hello(String)", "hello demo");
    assertThat(out).contains("$2 ==> 2\n"); // the demo host's two GPUs
    assertThat(out).contains("|    int x = 40");
    assertThat(out).contains("|  error: cannot find symbol");
    assertThat(out).doesNotContain("$3 ==>"); // nothing after /exit
    assertThat(Files.readString(history)).contains("x + 2", "/exit");
  }

  @Test
  void endOfInputLeavesTheRepl() throws Exception {
    String out = session("1 + 2\n", state.resolve("h2"));
    assertThat(out).contains("$1 ==> 3");
  }

  @Test
  void completionComesFromSourceCodeAnalysis() {
    try (JShellSession js = JShellSession.open("jshell")) {
      JShellCompleter c = new JShellCompleter(js);
      LineReader reader = LineReaderBuilder.builder().parser(new DefaultParser()).build();
      List<Candidate> cands = new ArrayList<>();
      String line = "var h = HostRoot.de";
      c.complete(reader, reader.getParser().parse(line, line.length()), cands);
      assertThat(cands).extracting(Candidate::value).contains("HostRoot.demo()");
      cands.clear();
      String typed = "GpuInv";
      c.complete(reader, reader.getParser().parse(typed, typed.length()), cands);
      assertThat(cands).extracting(Candidate::value).containsExactly("GpuInventory");
    }
  }
}
