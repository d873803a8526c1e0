package dev.muxless.kb;

import java.util.List;

/** Where muxless itself closes a gap the notes leave open, and the commands that do it. */
public record MuxlessGap(String closes, List<String> commands) {
  public MuxlessGap {
    commands = List.copyOf(commands);
  }
}
