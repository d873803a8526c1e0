// STAND-IN: replaced by the rom area at merge
package dev.muxless.rom;

import java.util.List;

/** The PCI expansion ROM alone, cut out of a larger file (stand-in for the rom area's record). */
public record StrippedRom(byte[] bytes, int start, int end, List<String> removed) {}
