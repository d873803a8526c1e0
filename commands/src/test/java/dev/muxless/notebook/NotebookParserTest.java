package dev.muxless.notebook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NotebookParserTest {

  @Test
  void splitsPercentCellsAndKeepsNotebookLineNumbers() {
    String text =
        """
        int a = 1;
        // %% [markdown]
        // # Title
        //
        // Some *text*.
        // %% Second cell
        int b = a + 1;

        b
        //%%
        System.out.println(b);
        """;
    Notebook nb = Notebook.parse(text, "t.jsh");
    assertThat(nb.cells()).hasSize(4);
    Cell first = nb.cells().get(0);
    assertThat(first.kind()).isEqualTo(CellKind.CODE);
    assertThat(first.firstLine()).isEqualTo(1);
    assertThat(first.source()).isEqualTo("int a = 1;");
    Cell md = nb.cells().get(1);
    assertThat(md.kind()).isEqualTo(CellKind.MARKDOWN);
    assertThat(md.firstLine()).isEqualTo(3);
    assertThat(md.source()).isEqualTo("# Title\n\nSome *text*.");
    Cell second = nb.cells().get(2);
    assertThat(second.title()).isEqualTo("Second cell");
    assertThat(second.firstLine()).isEqualTo(7);
    assertThat(second.source()).isEqualTo("int b = a + 1;\n\nb");
    assertThat(second.lastLine()).isEqualTo(9);
    Cell third = nb.cells().get(3);
    assertThat(third.index()).isEqualTo(4);
    assertThat(third.firstLine()).isEqualTo(11);
    assertThat(nb.codeCells()).hasSize(3);
  }

  @Test
  void aHeaderOfCommentsIsNotACellButItsRequiresAreRead() {
    String text =
        """
        // A tutorial.
        // requires: dev.muxless.rom.RomParser, dev.muxless.nosuch.Missing
        // requires: java.lang.String

        // %% [md]
        // text
        // %%
        1 + 1
        """;
    Notebook nb = Notebook.parse(text, "t.jsh");
    assertThat(nb.cells()).extracting(Cell::kind).containsExactly(CellKind.MARKDOWN, CellKind.CODE);
    assertThat(nb.cells().get(0).index()).isEqualTo(1);
    assertThat(nb.requires())
        .containsExactly(
            "dev.muxless.rom.RomParser", "dev.muxless.nosuch.Missing", "java.lang.String");
    assertThat(nb.missingClasses(getClass().getClassLoader()))
        .containsExactly("dev.muxless.nosuch.Missing");
  }

  @Test
  void requiresInsideMarkdownIsJustText() {
    Notebook nb = Notebook.parse("// %% [markdown]\n// requires: a.B\n", "t.jsh");
    assertThat(nb.requires()).isEmpty();
    assertThat(nb.cells().get(0).source()).isEqualTo("requires: a.B");
  }

  @Test
  void markersMustStartTheLineAndEmptyCellsAreKept() {
    String text = "int x = 1; // %% not a marker\n// %%\n// %%\nx\n";
    Notebook nb = Notebook.parse(text, "t.jsh");
    assertThat(nb.cells()).hasSize(3);
    assertThat(nb.cells().get(0).source()).isEqualTo("int x = 1; // %% not a marker");
    assertThat(nb.cells().get(1).isBlank()).isTrue();
    assertThat(nb.cells().get(2).firstLine()).isEqualTo(4);
  }

  @Test
  void windowsLineEndingsAndNoTrailingNewline() {
    Notebook nb = Notebook.parse("// %%\r\nint x = 1;\r\n// %%\r\nx", "t.jsh");
    assertThat(nb.cells()).extracting(Cell::source).containsExactly("int x = 1;", "x");
    assertThat(nb.cells().get(1).firstLine()).isEqualTo(4);
  }
}
