package dev.muxless.host;

import java.nio.file.Path;

/**
 * Where muxless keeps its own state (history, journals, the demo host): {@code
 * $XDG_STATE_HOME/muxless}, else {@code ~/.local/state/muxless}; {@code MUXLESS_STATE} overrides
 * both (tests point it at a temporary directory).
 */
public final class StateDir {
  private StateDir() {}

  public static Path path() {
    String explicit = System.getenv("MUXLESS_STATE");
    if (explicit == null) {
      explicit = System.getProperty("muxless.state");
    }
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit);
    }
    String xdg = System.getenv("XDG_STATE_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg, "muxless");
    }
    return Path.of(System.getProperty("user.home"), ".local", "state", "muxless");
  }
}
