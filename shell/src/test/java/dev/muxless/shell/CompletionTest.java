package dev.muxless.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.shell.CompletionContext;
import org.springframework.shell.CompletionProposal;

class CompletionTest extends ShellTest {

  private List<String> complete(String... words) {
    List<String> w = List.of(words);
    CompletionContext ctx =
        new CompletionContext(w, w.size() - 1, w.get(w.size() - 1).length(), null, null);
    return shell.complete(ctx).stream().map(CompletionProposal::value).toList();
  }

  @Test
  void helpCompletesSubcommands() {
    assertThat(complete("help", "host", "")).contains("gpus", "use");
  }

  @Test
  void positionalHostRootCompletesDemoAndDirectories() {
    assertThat(complete("host", "use", "")).contains("demo");
    assertThat(complete("host", "use", "/u")).contains("/usr/");
  }

  @Test
  void optionsStillComplete() {
    assertThat(complete("host", "gpus", "--")).contains("--json");
  }
}
