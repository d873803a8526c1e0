package dev.muxless.kb;

import com.fasterxml.jackson.databind.JsonNode;
import dev.muxless.core.Json;
import dev.muxless.core.MuxlessException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Answers replayed from a JSON file, keyed by question id: {@code {"answers": {"goal": "windows",
 * "device-manager": "code43"}}}. A question the file does not answer, or an answer that is not one
 * of the question's choices, is bad input naming both.
 */
public final class ScriptedAnswers implements Answers {
  private final String name;
  private final Map<String, String> answers;

  public ScriptedAnswers(String name, Map<String, String> answers) {
    this.name = name;
    this.answers = Map.copyOf(answers);
  }

  public static ScriptedAnswers read(Path file) {
    JsonNode root;
    try {
      root = Json.mapper().readTree(Files.readString(file));
    } catch (IOException e) {
      String msg = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
      throw MuxlessException.badInput(
          "--answers: " + file + ": " + msg,
          "give a JSON file {\"answers\": {\"question\": \"value\"}}");
    }
    JsonNode a = root == null ? null : root.get("answers");
    if (a == null || !a.isObject()) {
      throw MuxlessException.badInput(
          "--answers: " + file + ": field 'answers' is missing or not an object",
          "give {\"answers\": {\"goal\": \"windows\", ...}}");
    }
    Map<String, String> m = new LinkedHashMap<>();
    a.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
    return new ScriptedAnswers(file.toString(), m);
  }

  @Override
  public Optional<String> answer(Question q) {
    String v = answers.get(q.id());
    String choices = q.choices().stream().map(Choice::value).collect(Collectors.joining(", "));
    if (v == null) {
      throw MuxlessException.badInput(
          "--answers: " + name + ": no answer for question '" + q.id() + "' (" + q.text() + ")",
          "add \"" + q.id() + "\": one of " + choices);
    }
    if (q.choice(v).isEmpty()) {
      throw MuxlessException.badInput(
          "--answers: " + name + ": '" + v + "' is not a choice of question '" + q.id() + "'",
          "use one of " + choices);
    }
    return Optional.of(v);
  }
}
