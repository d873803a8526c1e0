package dev.muxless.kb;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Optional;

/**
 * A troubleshooting question. With a {@code check}, the engine answers it from the facts when the
 * check passes ({@code onPass}) or fails ({@code onFail}) and asks the user only when it cannot
 * tell.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Question(
    String id, String text, String check, String onPass, String onFail, List<Choice> choices) {
  public Question {
    choices = List.copyOf(choices);
  }

  public Optional<Choice> choice(String value) {
    return choices.stream().filter(c -> c.value().equalsIgnoreCase(value)).findFirst();
  }
}
