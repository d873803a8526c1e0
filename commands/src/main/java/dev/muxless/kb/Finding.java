package dev.muxless.kb;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * A known symptom found in a log: the symptom's id, title, cause and fix, and the 1-based line
 * numbers it matched (repeats grouped into one finding). With several inputs, line numbers count
 * through the inputs as if they were concatenated.
 */
@JsonPropertyOrder({"id", "title", "cause", "fix", "lines"})
public record Finding(String id, String title, String cause, String fix, List<Integer> lines) {
  public Finding {
    lines = List.copyOf(lines);
  }
}
