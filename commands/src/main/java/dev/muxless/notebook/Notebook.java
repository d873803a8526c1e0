package dev.muxless.notebook;

import dev.muxless.core.MuxlessException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed {@code .jsh} notebook: its cells in order and the toolkit classes it declares it needs
 * (lines {@code // requires: dev.muxless.rom.RomParser, ...} outside Markdown cells), so a build
 * without an engine says which class is missing instead of failing with a compile error.
 */
public record Notebook(String name, List<Cell> cells, List<String> requires) {

  /** The largest notebook muxless reads: far above any hand-written one, well below memory. */
  static final long MAX_BYTES = 4L << 20;

  public static Notebook parse(String text, String name) {
    return NotebookParser.parse(text, name);
  }

  /** Reads and parses a notebook file; a missing or unreadable file is bad input naming it. */
  public static Notebook read(Path file) {
    try {
      if (Files.isDirectory(file)) {
        throw MuxlessException.badInput(
            file + " is a directory, not a notebook", "give a .jsh file, e.g. notebooks/*.jsh");
      }
      if (Files.size(file) > MAX_BYTES) {
        throw MuxlessException.badInput(
            file + ": " + Files.size(file) + " bytes is too large for a notebook (limit 4 MiB)",
            "split it into several notebooks");
      }
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (NoSuchFileException e) {
      throw MuxlessException.badInput(
          "notebook " + file + " does not exist", "create one with 'notebook new " + file + "'");
    } catch (java.nio.charset.MalformedInputException e) {
      throw MuxlessException.badInput(
          file + ": not UTF-8 text", "a notebook is a .jsh text file saved as UTF-8");
    } catch (IOException e) {
      throw MuxlessException.badInput(
          "cannot read notebook " + file + ": " + e.getMessage(), "check the path and permissions");
    }
  }

  public List<Cell> codeCells() {
    return cells.stream().filter(Cell::isCode).toList();
  }

  /** The required classes that the given loader cannot find, in declaration order. */
  public List<String> missingClasses(ClassLoader loader) {
    List<String> missing = new ArrayList<>();
    for (String c : requires) {
      try {
        Class.forName(c, false, loader);
      } catch (ClassNotFoundException | LinkageError e) {
        missing.add(c);
      }
    }
    return missing;
  }
}
