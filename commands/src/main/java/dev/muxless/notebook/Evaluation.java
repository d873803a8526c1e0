package dev.muxless.notebook;

import java.util.List;

/**
 * The outcome of evaluating a piece of code (a notebook cell, a REPL entry): its snippets in order
 * up to and including the first that failed, and what it printed.
 */
public record Evaluation(List<SnippetResult> snippets, String stdout, String stderr, long millis) {

  /** The first failure, or null. */
  public Failure failure() {
    return snippets.stream()
        .filter(SnippetResult::failed)
        .map(SnippetResult::failure)
        .findFirst()
        .orElse(null);
  }

  /** The expression values, as {@code $1 ==> 2}. */
  public List<String> values() {
    return snippets.stream()
        .filter(SnippetResult::isExpressionValue)
        .map(s -> s.name() + " ==> " + s.value())
        .toList();
  }
}
