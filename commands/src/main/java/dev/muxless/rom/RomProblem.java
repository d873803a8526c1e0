// STAND-IN: replaced by the rom area at merge
package dev.muxless.rom;

public record RomProblem(Severity severity, long offset, String message) {}
