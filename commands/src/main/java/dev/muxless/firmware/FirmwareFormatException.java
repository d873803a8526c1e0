package dev.muxless.firmware;

/**
 * A structure in the input is not what its header claims (truncated, a length past the end, a bad
 * Huffman table). The walker turns it into a {@link FirmwareProblem} for the region and goes on.
 */
public class FirmwareFormatException extends RuntimeException {
  private final long offset;

  public FirmwareFormatException(String message, long offset) {
    super(message);
    this.offset = offset;
  }

  public long offset() {
    return offset;
  }
}
