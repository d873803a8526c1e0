package dev.muxless.shell;

import dev.muxless.kb.ConfigStatus;
import dev.muxless.kb.Configuration;
import dev.muxless.kb.KnowledgeBase;
import dev.muxless.kb.Symptom;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.shell.CompletionProposal;
import org.springframework.shell.completion.CompletionProvider;

/** Tab completion for knowledge-base ids: configurations, symptoms and statuses. */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class KbCompletions {

  /** Every configuration and symptom id, described by its title. */
  @Bean
  public CompletionProvider kbIdCompletion() {
    return ctx -> {
      KnowledgeBase kb = KnowledgeBase.bundled();
      List<CompletionProposal> out = new ArrayList<>();
      for (Configuration c : kb.configurations()) {
        out.add(new CompletionProposal(c.id()).description(c.status().label() + ": " + c.title()));
      }
      for (Symptom s : kb.symptoms()) {
        out.add(new CompletionProposal(s.id()).description(s.category() + ": " + s.title()));
      }
      return out;
    };
  }

  /** Configuration ids only (for --target). */
  @Bean
  public CompletionProvider kbConfigurationCompletion() {
    return ctx ->
        KnowledgeBase.bundled().configurations().stream()
            .map(c -> new CompletionProposal(c.id()).description(c.title()))
            .toList();
  }

  /** The six statuses of the origin notes. */
  @Bean
  public CompletionProvider kbStatusCompletion() {
    return ctx -> {
      List<CompletionProposal> out = new ArrayList<>();
      for (ConfigStatus s : ConfigStatus.values()) {
        out.add(new CompletionProposal(s.label()));
      }
      return out;
    };
  }
}
