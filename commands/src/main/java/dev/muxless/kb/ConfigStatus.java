package dev.muxless.kb;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.muxless.core.MuxlessException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How far a configuration of the origin notes gets: the six headings of
 * ../shared/seed/optimus-passthrough-notes.md ("What works", "What works, with patching", ...).
 */
public enum ConfigStatus {
  WORKS("works"),
  WORKS_WITH_PATCHING("works-with-patching"),
  DOESNT_WORK_YET("doesnt-work-yet"),
  NEVER("never"),
  UNTESTED("untested"),
  NEEDED("needed");

  private final String label;

  ConfigStatus(String label) {
    this.label = label;
  }

  @JsonValue
  public String label() {
    return label;
  }

  /** The status named as in the data ({@code works-with-patching}); bad input otherwise. */
  @JsonCreator
  public static ConfigStatus of(String s) {
    for (ConfigStatus c : values()) {
      if (c.label.equalsIgnoreCase(s)) {
        return c;
      }
    }
    throw MuxlessException.badInput(
        "--status: unknown status '" + s + "'",
        "use one of "
            + Arrays.stream(values()).map(ConfigStatus::label).collect(Collectors.joining(", ")));
  }
}
