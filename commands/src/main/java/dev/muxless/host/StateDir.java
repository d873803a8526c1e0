package dev.muxless.host;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

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

  /**
   * A short stable name for a state file derived from s (a host label, a fixture's text): the first
   * 6 bytes of its SHA-256, in hex.
   */
  public static String hash(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
