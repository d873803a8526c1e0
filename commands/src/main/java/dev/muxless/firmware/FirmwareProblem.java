package dev.muxless.firmware;

/**
 * Something the walker could not open or did not trust, where it was, and what it did about it.
 *
 * @param where the location path ("volume X > file Y > GUID defined (LZMA)")
 * @param offset absolute offset in the input, or -1 inside decompressed data
 * @param message one line
 * @param limit true when a bound of {@link ExtractLimits} stopped the walk here
 */
public record FirmwareProblem(String where, long offset, String message, boolean limit) {}
