package dev.muxless.kb;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A troubleshooting finding: a symptom the answers point at, or a requirement a check failed; with
 * its cause, fix and why the session arrived at it.
 */
@JsonPropertyOrder({"id", "kind", "title", "cause", "fix", "reason"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Lead(String id, String kind, String title, String cause, String fix, String reason) {}
