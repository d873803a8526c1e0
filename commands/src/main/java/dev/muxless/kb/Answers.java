package dev.muxless.kb;

import java.util.Optional;

/**
 * Where troubleshoot's answers come from: the user at a terminal, or a file that replays them.
 * Returns the chosen choice's value, or empty when the user ends the session (it can be resumed).
 */
public interface Answers {
  Optional<String> answer(Question question);
}
