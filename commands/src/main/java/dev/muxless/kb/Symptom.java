package dev.muxless.kb;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A known failure: the log text users see (patterns, with examples taken from real reports), its
 * cause and fix, the muxless commands that help, the configurations it belongs to, and the source.
 * Patterns are compiled once by {@link SymptomMatcher}.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Symptom(
    String id,
    String title,
    String category,
    List<String> patterns,
    List<String> examples,
    String cause,
    String fix,
    List<String> commands,
    List<String> configurations,
    String source) {
  public Symptom {
    patterns = List.copyOf(patterns);
    examples = List.copyOf(examples);
    commands = commands == null ? List.of() : List.copyOf(commands);
    configurations = configurations == null ? List.of() : List.copyOf(configurations);
  }
}
