package dev.muxless.rom;

import java.util.List;

/**
 * The PCI expansion ROM cut out of a file.
 *
 * @param start absolute offset in the input where the ROM starts
 * @param end absolute offset just after the chain's last image
 * @param removed what was dropped, for people ("0x400 bytes of NVGI firmware prefix")
 */
public record StrippedRom(byte[] bytes, int start, int end, List<String> removed) {}
