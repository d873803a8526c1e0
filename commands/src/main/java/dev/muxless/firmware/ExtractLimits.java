package dev.muxless.firmware;

/**
 * Bounds on one extraction, so a hostile file (a decompression bomb, volumes nested in themselves,
 * lengths pointing past the end) ends with a clear problem instead of exhausting memory or time.
 *
 * @param maxDepth containers nested deeper than this are not opened (capsule, zip entry, volume,
 *     compressed section each count one)
 * @param maxDecompressedBytes total bytes all decompressions together may produce
 * @param maxMillis wall-clock time for the whole walk
 */
public record ExtractLimits(int maxDepth, long maxDecompressedBytes, long maxMillis) {
  /**
   * Inputs are read whole; a capsule or region may be copied once more, so this keeps the peak
   * under the default heap of a 4 GiB machine (flash chips are at most 64 MiB; vendor zips fit).
   */
  public static final long MAX_INPUT_BYTES = 256L << 20;

  /** Enough for any laptop flash (16-64 MiB) and vendor update seen in the peers' issue threads. */
  public static ExtractLimits defaults() {
    return new ExtractLimits(12, 256L << 20, 120_000);
  }
}
