package dev.muxless.vfio;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A boot-time file {@code vfio persist} sets up: its host path, the full new content, why, and the
 * content it replaces (null when the file is new).
 */
public record PersistFile(String path, String content, String why, @JsonIgnore String previous) {
  /** True when writing would change nothing. */
  @JsonIgnore
  public boolean unchanged() {
    return content.equals(previous);
  }
}
