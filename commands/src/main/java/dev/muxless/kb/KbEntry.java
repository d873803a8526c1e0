package dev.muxless.kb;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** One line of {@code kb list} / {@code kb search}: a configuration or a symptom. */
@JsonPropertyOrder({"id", "kind", "status", "title"})
public record KbEntry(String id, String kind, String status, String title, @JsonIgnore int score) {
  static KbEntry of(Configuration c) {
    return new KbEntry(c.id(), "configuration", c.status().label(), c.title(), 0);
  }

  static KbEntry of(Symptom s) {
    return new KbEntry(s.id(), "symptom", s.category(), s.title(), 0);
  }

  KbEntry withScore(int s) {
    return new KbEntry(id, kind, status, title, s);
  }
}
