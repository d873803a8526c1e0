package dev.muxless.kb;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** One answered question: who answered it (user, check, target, resume) and with what. */
@JsonPropertyOrder({"question", "text", "answer", "label", "by"})
public record TranscriptEntry(
    String question, String text, String answer, String label, String by) {}
