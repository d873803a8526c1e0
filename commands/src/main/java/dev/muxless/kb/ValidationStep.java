package dev.muxless.kb;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.muxless.core.CheckStatus;
import dev.muxless.core.CheckStep;
import java.util.List;

/**
 * One requirement of the target configuration, checked: the {@link CheckStep} fields (id, status,
 * message, fix) plus the check that observed it, the knowledge-base entry it comes from and the
 * symptoms a failure leads to.
 */
@JsonPropertyOrder({"id", "status", "message", "fix", "check", "entry", "symptoms"})
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ValidationStep(
    String id,
    CheckStatus status,
    String message,
    String fix,
    String check,
    String entry,
    List<String> symptoms) {

  public CheckStep toCheckStep() {
    return new CheckStep(id, status, message, fix);
  }
}
