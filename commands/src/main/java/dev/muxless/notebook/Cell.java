package dev.muxless.notebook;

/**
 * One cell of a notebook.
 *
 * @param index 1-based position among all cells
 * @param kind code or Markdown
 * @param title the text after {@code // %%} on the marker line, empty when none
 * @param firstLine the notebook line (1-based) of the cell's first source line
 * @param source code cells: the Java text as written; Markdown cells: the text with the leading
 *     {@code //} comment markers removed
 */
public record Cell(int index, CellKind kind, String title, int firstLine, String source) {

  public boolean isCode() {
    return kind == CellKind.CODE;
  }

  /**
   * A code cell with nothing but whitespace and comments runs nothing and is left out of reports.
   */
  public boolean isBlank() {
    if (!isCode()) {
      return source.isBlank();
    }
    for (String line : source.split("\n", -1)) {
      String t = line.strip();
      if (!t.isEmpty() && !t.startsWith("//")) {
        return false;
      }
    }
    return true;
  }

  /** The notebook line of the last source line. */
  public int lastLine() {
    return firstLine + (int) source.chars().filter(c -> c == '\n').count();
  }
}
