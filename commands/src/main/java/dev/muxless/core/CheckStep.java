package dev.muxless.core;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One step of a check: a stable id, a status, a plain message naming what was found, and the fix (a
 * command or the exact setting; null when nothing needs fixing).
 */
@JsonPropertyOrder({"id", "status", "message", "fix"})
public record CheckStep(String id, CheckStatus status, String message, String fix) {
  public static CheckStep pass(String id, String message) {
    return new CheckStep(id, CheckStatus.PASS, message, null);
  }

  public static CheckStep warn(String id, String message, String fix) {
    return new CheckStep(id, CheckStatus.WARN, message, fix);
  }

  public static CheckStep fail(String id, String message, String fix) {
    return new CheckStep(id, CheckStatus.FAIL, message, fix);
  }

  public static CheckStep skip(String id, String message) {
    return new CheckStep(id, CheckStatus.SKIP, message, null);
  }
}
