package dev.muxless.notebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.muxless.core.MuxlessException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reports built from hand-made results, so each assertion checks the rendering alone. */
class NotebookReportTest {

  private static final NotebookRun RUN =
      new NotebookRun(
          "dir/tour.jsh",
          List.of(
              new CellResult(
                  1,
                  CellKind.MARKDOWN,
                  "",
                  2,
                  "# Tour\n\nA <b>bold</b> claim.",
                  CellStatus.OK,
                  "",
                  "",
                  List.of(),
                  List.of(),
                  null,
                  0),
              new CellResult(
                  2,
                  CellKind.CODE,
                  "",
                  5,
                  "String s = \"```\";\nSystem.out.println(s);",
                  CellStatus.OK,
                  "```\n",
                  "",
                  List.of("$1 ==> 3"),
                  List.of(),
                  null,
                  12),
              new CellResult(
                  3,
                  CellKind.CODE,
                  "",
                  8,
                  "boom()",
                  CellStatus.FAILED,
                  "",
                  "",
                  List.of(),
                  List.of(),
                  new Failure(
                      "exception",
                      8,
                      "java.lang.IllegalStateException: x<y",
                      List.of("at (tour.jsh:8)")),
                  3),
              new CellResult(
                  4,
                  CellKind.CODE,
                  "",
                  10,
                  "1 + 1",
                  CellStatus.NOT_RUN,
                  "",
                  "",
                  List.of(),
                  List.of(),
                  null,
                  0)),
          20,
          40);

  @Test
  void markdownHoldsTextSourcesAndOutputsWithSafeFences() {
    String md = NotebookReport.markdown(RUN);
    assertThat(md).startsWith("# Tour\n\nA <b>bold</b> claim.\n\n````java\nString s");
    assertThat(md).contains("````text\n```\n$1 ==> 3\n````");
    assertThat(md)
        .contains(
            "```text\nerror: line 8: java.lang.IllegalStateException: x<y\n    at (tour.jsh:8)\n```");
    assertThat(md).contains("```java\n1 + 1\n```\n\n_Not run: an earlier cell failed._");
    assertThat(md).endsWith("Ran tour.jsh: 1 code cells ok, 1 failed, 1 not run, in 40 ms.\n");
  }

  @Test
  void htmlRendersMarkdownAndEscapesEverythingElse() {
    String html = NotebookReport.html(RUN);
    assertThat(html).contains("<h1>Tour</h1>", "&lt;b&gt;bold&lt;/b&gt;");
    assertThat(html).contains("<pre class=\"output failed\">error: line 8: ");
    assertThat(html).contains("x&lt;y").doesNotContain("x<y");
    assertThat(html).contains("[4] line 10, not run");
    assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
  }

  @Test
  void writeChoosesTheFormatByExtensionAndRefusesOthers(@TempDir Path dir) throws Exception {
    NotebookReport.write(dir.resolve("r.md"), RUN);
    NotebookReport.write(dir.resolve("r.html"), RUN);
    assertThat(Files.readString(dir.resolve("r.md"))).startsWith("# Tour");
    assertThat(Files.readString(dir.resolve("r.html"))).startsWith("<!DOCTYPE html>");
    assertThatThrownBy(() -> NotebookReport.write(dir.resolve("r.pdf"), RUN))
        .isInstanceOf(MuxlessException.class)
        .hasMessageContaining("r.pdf");
    assertThat(Files.exists(dir.resolve("r.pdf"))).isFalse();
  }

  @Test
  void checkTargetRefusesTheNotebookAndUnknownFormatsBeforeAnythingRuns(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path nb = java.nio.file.Files.writeString(dir.resolve("tour.jsh"), "1+1\n");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> NotebookReport.checkTarget(dir.resolve("./tour.jsh"), nb))
        .isInstanceOf(dev.muxless.core.MuxlessException.class)
        .hasMessageEndingWith("is the notebook itself");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> NotebookReport.checkTarget(dir.resolve("out.txt"), nb))
        .isInstanceOf(dev.muxless.core.MuxlessException.class)
        .hasMessageEndingWith("out.txt: unknown report format");
    NotebookReport.checkTarget(dir.resolve("OUT.MD"), nb);
    NotebookReport.checkTarget(dir.resolve("out.htm"), nb);
    NotebookReport.checkTarget(dir.resolve("out.html"), nb);
  }
}
