package dev.muxless.rom;

/**
 * One named field of a ROM structure at an absolute offset, for the annotated hex dump.
 *
 * @param structure "header", "PCIR", "NPDE", "EFI", "BIT", "BIT token 'B'"...
 * @param value the decoded value, as text
 */
public record RomField(long offset, int size, String structure, String name, String value) {}
