package dev.muxless.kb;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.muxless.core.CheckReport;
import dev.muxless.core.CheckStatus;
import dev.muxless.core.ExitStatus;
import java.util.List;

/** {@code setup validate}'s result; JSON {@code {"target", "status", "steps": [...]}}. */
@JsonPropertyOrder({"target", "title", "status", "steps"})
public record SetupReport(String target, String title, String status, List<ValidationStep> steps) {
  public SetupReport {
    steps = List.copyOf(steps);
  }

  @JsonIgnore
  public CheckReport toCheckReport() {
    return new CheckReport(steps.stream().map(ValidationStep::toCheckStep).toList());
  }

  @JsonIgnore
  public ExitStatus exitStatus() {
    return steps.stream().anyMatch(s -> s.status() == CheckStatus.FAIL)
        ? ExitStatus.PROBLEMS
        : ExitStatus.OK;
  }

  public CheckStatus statusOf(String stepId) {
    return steps.stream()
        .filter(s -> s.id().equals(stepId))
        .findFirst()
        .map(ValidationStep::status)
        .orElseThrow(() -> new IllegalArgumentException("no step " + stepId));
  }
}
