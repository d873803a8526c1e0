package dev.muxless.rom;

/**
 * A stretch of the file that is not part of the image chain: a firmware prefix, other data before
 * the ROM, padding, a second copy of the ROM, images appended after the chain, or other data.
 *
 * @param kind prefix, before, padding, copy, appended or data
 */
public record RomRegion(long offset, long length, String kind, String description) {}
