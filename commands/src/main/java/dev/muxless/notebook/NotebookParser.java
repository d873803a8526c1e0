package dev.muxless.notebook;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a {@code .jsh} file into cells, following Jupytext's percent format for Java
 * (https://jupytext.readthedocs.io/en/latest/formats-scripts.html#the-percent-format): a line
 * {@code // %%} (optionally followed by a title) starts a code cell, {@code // %% [markdown]} (or
 * {@code [md]}) a Markdown cell whose lines are {@code //} comments; text before the first marker
 * is a code cell. The file stays a valid JShell script because markers are comments.
 */
final class NotebookParser {
  private static final Pattern MARKER = Pattern.compile("^//\\s?%%(?:\\s+(.*))?$");
  private static final Pattern MARKDOWN = Pattern.compile("^\\[(?:markdown|md)\\]\\s*(.*)$");
  private static final Pattern REQUIRES = Pattern.compile("^\\s*//\\s*requires:\\s*(.+)$");

  private NotebookParser() {}

  static Notebook parse(String text, String name) {
    String[] lines = text.replace("\r\n", "\n").split("\n", -1);
    int n = lines.length;
    if (n > 0 && lines[n - 1].isEmpty()) {
      n--; // the final newline ends the last line, it does not start another
    }
    List<Cell> cells = new ArrayList<>();
    List<String> requires = new ArrayList<>();
    CellKind kind = CellKind.CODE;
    String title = "";
    int start = 0; // index of the first source line of the current cell
    boolean explicit = false; // the current cell began with a marker
    for (int i = 0; i <= n; i++) {
      Matcher m = i < n ? MARKER.matcher(lines[i].stripTrailing()) : null;
      boolean boundary = i == n || m.matches();
      if (!boundary) {
        if (kind == CellKind.CODE) {
          Matcher r = REQUIRES.matcher(lines[i]);
          if (r.matches()) {
            for (String c : r.group(1).split("[,\\s]+")) {
              if (!c.isBlank()) {
                requires.add(c.strip());
              }
            }
          }
        }
        continue;
      }
      if (explicit || i > start) {
        add(cells, kind, title, start, lines, i);
      }
      if (i == n) {
        break;
      }
      String rest = m.group(1) == null ? "" : m.group(1).strip();
      Matcher md = MARKDOWN.matcher(rest);
      kind = md.matches() ? CellKind.MARKDOWN : CellKind.CODE;
      title = md.matches() ? md.group(1).strip() : rest;
      start = i + 1;
      explicit = true;
    }
    return new Notebook(name, List.copyOf(cells), List.copyOf(requires));
  }

  private static void add(
      List<Cell> cells, CellKind kind, String title, int from, String[] lines, int to) {
    int end = to;
    // blank lines between cells belong to neither: keep the cell's own text
    while (end > from && lines[end - 1].isBlank()) {
      end--;
    }
    StringBuilder b = new StringBuilder();
    for (int i = from; i < end; i++) {
      String line = lines[i];
      if (kind == CellKind.MARKDOWN) {
        line = uncomment(line);
      }
      b.append(line);
      if (i < end - 1) {
        b.append('\n');
      }
    }
    Cell c = new Cell(cells.size() + 1, kind, title, from + 1, b.toString());
    if (c.isCode() && c.isBlank() && title.isEmpty() && cells.isEmpty()) {
      return; // a header of comments before the first marker (license, requires:) is not a cell
    }
    cells.add(c);
  }

  /** "// text" and "//text" give "text"; "//" gives ""; other lines are kept as they are. */
  static String uncomment(String line) {
    String t = line.stripLeading();
    if (!t.startsWith("//")) {
      return line;
    }
    String s = t.substring(2);
    return s.startsWith(" ") ? s.substring(1) : s;
  }
}
