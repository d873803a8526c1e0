package dev.muxless.firmware;

/**
 * Tracks one walk against its {@link ExtractLimits}; every overrun is a {@link
 * FirmwareLimitException}.
 */
final class Budget {
  private final ExtractLimits limits;
  private final long deadline;
  private long decompressed;

  Budget(ExtractLimits limits) {
    this.limits = limits;
    this.deadline = System.nanoTime() + limits.maxMillis() * 1_000_000L;
  }

  void depth(int depth, long offset) {
    if (depth > limits.maxDepth()) {
      throw new FirmwareLimitException(
          "nesting deeper than " + limits.maxDepth() + " levels; not opened", offset);
    }
  }

  /** What one more decompression may still produce. */
  long remaining() {
    return Math.max(0, limits.maxDecompressedBytes() - decompressed);
  }

  void charge(long bytes, long offset) {
    if (bytes > remaining()) {
      throw new FirmwareLimitException(
          "decompressing "
              + bytes
              + " more bytes would pass the limit of "
              + limits.maxDecompressedBytes()
              + " decompressed bytes in total",
          offset);
    }
    decompressed += bytes;
  }

  long decompressed() {
    return decompressed;
  }

  void time(long offset) {
    if (System.nanoTime() > deadline) {
      throw new FirmwareLimitException(
          "time limit of " + limits.maxMillis() / 1000.0 + " s reached; the walk stopped here",
          offset);
    }
  }

  ExtractLimits limits() {
    return limits;
  }
}
