// STAND-IN: replaced by the rom area at merge
package dev.muxless.rom;

public record RomImage(
    long offset,
    long length,
    int codeType,
    String vendorId,
    String deviceId,
    String classCode,
    boolean last) {}
