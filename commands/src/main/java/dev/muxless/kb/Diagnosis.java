package dev.muxless.kb;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * {@code diagnose}'s result: the findings in the order first seen, and the error-looking lines that
 * matched no symptom. JSON {@code {"findings": [...], "unmatched": [line numbers]}}.
 */
public record Diagnosis(
    List<Finding> findings, List<Integer> unmatched, @JsonIgnore List<String> unmatchedText) {
  public Diagnosis {
    findings = List.copyOf(findings);
    unmatched = List.copyOf(unmatched);
    unmatchedText = List.copyOf(unmatchedText);
  }
}
