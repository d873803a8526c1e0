package dev.muxless.shell;

import dev.muxless.notebook.Completion;
import dev.muxless.notebook.JShellSession;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion in the {@code jshell} REPL from JShell's own {@code
 * SourceCodeAnalysis.completionSuggestions}. JShell completes from an anchor (after the last {@code
 * .} or {@code (}) while JLine replaces the whole whitespace-separated word, so each candidate is
 * the word's text up to the anchor plus JShell's continuation.
 */
final class JShellCompleter implements Completer {
  private final JShellSession js;

  JShellCompleter(JShellSession js) {
    this.js = js;
  }

  @Override
  public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
    String text = line.line();
    int cursor = line.cursor();
    Completion c = js.complete(text, cursor);
    int wordStart = cursor - line.wordCursor();
    if (c.anchor() < wordStart || c.anchor() > cursor) {
      return;
    }
    String head = text.substring(wordStart, c.anchor());
    for (String s : c.candidates()) {
      candidates.add(new Candidate(head + s, s, null, null, null, null, false));
    }
  }
}
