package dev.muxless.notebook;

import dev.muxless.core.AtomicFiles;
import dev.muxless.core.MuxlessException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * The executed notebook as a document, like a Jupyter notebook saved with its outputs: Markdown
 * cells as written, each code cell's source followed by what it printed, its values and its
 * failure. {@code .md} gives Markdown, {@code .html} a self-contained page.
 */
public final class NotebookReport {
  private static final Pattern BACKTICKS = Pattern.compile("`{3,}");

  private NotebookReport() {}

  /**
   * Checks a report target before anything runs: it must not be the notebook itself and must be
   * named .md, .html or .htm; bad input otherwise.
   */
  public static void checkTarget(Path out, Path notebook) {
    if (AtomicFiles.sameFile(out, notebook)) {
      throw MuxlessException.badInput(
          "--out " + out + " is the notebook itself", "give a .md or .html report file");
    }
    if (!isMarkdown(out) && !isHtml(out)) {
      throw MuxlessException.badInput(
          "--out " + out + ": unknown report format", "name the report REPORT.md or REPORT.html");
    }
  }

  /** Writes the report atomically; the format follows the file's extension. */
  public static void write(Path out, NotebookRun run) {
    checkTarget(out, Path.of(run.notebook()));
    AtomicFiles.writeString(out, isMarkdown(out) ? markdown(run) : html(run));
  }

  private static boolean isMarkdown(Path out) {
    return out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".md");
  }

  private static boolean isHtml(Path out) {
    String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".html") || name.endsWith(".htm");
  }

  public static String markdown(NotebookRun run) {
    StringBuilder b = new StringBuilder();
    for (CellResult c : run.cells()) {
      if (!c.isCode()) {
        b.append(c.source().strip()).append("\n\n");
        continue;
      }
      if (c.source().isBlank()) {
        continue;
      }
      String fence = fence(c.source());
      b.append(fence).append("java\n").append(c.source().strip()).append('\n');
      b.append(fence).append("\n\n");
      String output = c.output();
      if (c.status() == CellStatus.NOT_RUN) {
        b.append("_Not run: an earlier cell failed._\n\n");
      } else if (!output.isEmpty()) {
        String f = fence(output);
        b.append(f).append("text\n").append(output).append(f).append("\n\n");
      }
    }
    b.append(footer(run)).append('\n');
    return b.toString();
  }

  public static String html(NotebookRun run) {
    Parser parser = Parser.builder().build();
    HtmlRenderer renderer = HtmlRenderer.builder().escapeHtml(true).build();
    StringBuilder b = new StringBuilder();
    b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
        .append(escape(Path.of(run.notebook()).getFileName().toString()))
        .append("</title>\n<style>\n")
        .append("body{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.45}\n")
        .append("pre{padding:.6em;overflow-x:auto}\n")
        .append("pre.code{background:#f4f4f4;border-left:3px solid #888}\n")
        .append("pre.output{background:#fff;border-left:3px solid #4a4}\n")
        .append("pre.failed{border-left-color:#c33}\n")
        .append(".meta{color:#666;font-size:.85em}\n")
        .append("</style>\n</head>\n<body>\n");
    for (CellResult c : run.cells()) {
      if (!c.isCode()) {
        b.append(renderer.render(parser.parse(c.source()))).append('\n');
        continue;
      }
      if (c.source().isBlank()) {
        continue;
      }
      b.append("<p class=\"meta\">[")
          .append(c.index())
          .append("] line ")
          .append(c.firstLine())
          .append(c.title().isEmpty() ? "" : ", " + escape(c.title()))
          .append(c.status() == CellStatus.NOT_RUN ? ", not run" : ", " + c.millis() + " ms")
          .append("</p>\n");
      b.append("<pre class=\"code\"><code class=\"language-java\">")
          .append(escape(c.source().strip()))
          .append("</code></pre>\n");
      String output = c.output();
      if (!output.isEmpty()) {
        b.append("<pre class=\"output")
            .append(c.failed() ? " failed" : "")
            .append("\">")
            .append(escape(output))
            .append("</pre>\n");
      }
    }
    b.append("<p class=\"meta\">").append(escape(footer(run))).append("</p>\n</body>\n</html>\n");
    return b.toString();
  }

  static String footer(NotebookRun run) {
    long failed = run.count(CellStatus.FAILED);
    long notRun = run.count(CellStatus.NOT_RUN);
    return "Ran "
        + Path.of(run.notebook()).getFileName()
        + ": "
        + run.count(CellStatus.OK)
        + " code cells ok, "
        + failed
        + " failed"
        + (notRun > 0 ? ", " + notRun + " not run" : "")
        + ", in "
        + run.millis()
        + " ms.";
  }

  /** A code fence longer than any run of backticks in the text (CommonMark §4.5). */
  static String fence(String text) {
    int longest = 2;
    Matcher m = BACKTICKS.matcher(text);
    while (m.find()) {
      longest = Math.max(longest, m.group().length());
    }
    return "`".repeat(longest + 1);
  }

  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        default -> b.append(ch);
      }
    }
    return b.toString();
  }
}
