package dev.muxless.shell;

import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.shell.CompletionProposal;
import org.springframework.shell.completion.CompletionProvider;

/** Completion for notebook files: directories and {@code .jsh} files below what was typed. */
@Configuration(proxyBeanMethods = false)
public class NotebookCompletions {

  @Bean
  public CompletionProvider notebookCompletion() {
    return ctx -> notebooks(ctx.currentWordUpToCursor());
  }

  static List<CompletionProposal> notebooks(String typed) {
    return Completions.paths(typed, false).stream()
        .filter(p -> p.value().endsWith("/") || p.value().endsWith(".jsh"))
        .toList();
  }
}
