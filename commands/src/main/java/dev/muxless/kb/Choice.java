package dev.muxless.kb;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One answer to a troubleshooting question: it may pick the target configuration, add and clear
 * suspects (symptom ids), leave a note, and names the next question (none: the session ends).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Choice(
    String value,
    String label,
    String target,
    List<String> suspects,
    List<String> clears,
    String note,
    String next) {
  public Choice {
    suspects = suspects == null ? List.of() : List.copyOf(suspects);
    clears = clears == null ? List.of() : List.copyOf(clears);
  }
}
