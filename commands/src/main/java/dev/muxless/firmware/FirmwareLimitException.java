package dev.muxless.firmware;

/** A limit of {@link ExtractLimits} was reached (depth, decompressed bytes, time). */
public class FirmwareLimitException extends FirmwareFormatException {
  public FirmwareLimitException(String message, long offset) {
    super(message, offset);
  }
}
