// STAND-IN: replaced by the rom area at merge
package dev.muxless.rom;

public record NvidiaInfo(String version, boolean mobile) {}
