package dev.muxless.firmware;

/**
 * One structure the walker found, in the shape of UEFIExtract's report rows: type ("Volume",
 * "File", "Section", "Capsule", "Region", "Zip entry"), subtype ("FFSv2", "DXE driver", "GUID
 * defined", ...), name (a GUID or a label), absolute offset (-1 inside decompressed data), full
 * size including headers, and nesting level (the input itself is level 0).
 */
public record FirmwareNode(
    int level, String type, String subtype, String name, long offset, long size) {}
