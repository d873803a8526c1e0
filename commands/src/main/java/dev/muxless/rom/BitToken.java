package dev.muxless.rom;

/**
 * One BIT token (NVIDIA BIT spec): id ('B' BIOSDATA, 'S' strings, 'i' info...), data version, data
 * size and pointer (relative to the x86 image; 0 means NOP).
 */
public record BitToken(char id, int version, int size, long pointer, long absoluteOffset) {}
