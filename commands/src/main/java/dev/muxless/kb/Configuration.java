package dev.muxless.kb;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** A documented configuration: one claim of the origin notes, with its checkable requirements. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Configuration(
    String id,
    String title,
    ConfigStatus status,
    String summary,
    Conditions conditions,
    List<Requirement> requirements,
    List<String> evidence,
    MuxlessGap muxless,
    List<String> related,
    String source) {
  public Configuration {
    requirements = List.copyOf(requirements);
    evidence = List.copyOf(evidence);
    related = related == null ? List.of() : List.copyOf(related);
  }
}
