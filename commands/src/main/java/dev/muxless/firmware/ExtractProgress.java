package dev.muxless.firmware;

/** Told how far the walk is through the input's top level (bytes done of total). */
@FunctionalInterface
public interface ExtractProgress {
  ExtractProgress NONE = (done, total) -> {};

  void at(long done, long total);
}
