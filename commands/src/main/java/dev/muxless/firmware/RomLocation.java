package dev.muxless.firmware;

/**
 * Where a ROM was found.
 *
 * @param path the chain of containers from the input down to the region ("capsule > volume
 *     6938079B-... > file 1B45CC0A-... > GUID defined (LZMA) > Raw")
 * @param volume the innermost volume's name GUID, or null
 * @param file the FFS file's GUID, or null
 * @param section the innermost section type, or null
 * @param offsetInRegion offset of the ROM inside the region it was found in
 * @param absoluteOffset offset in the input file, or -1 when the region was decompressed
 */
public record RomLocation(
    String path,
    String volume,
    String file,
    String section,
    long offsetInRegion,
    long absoluteOffset) {

  /** A short file-name-safe tag for this location (used in VENDOR_DEVICE_&lt;where&gt;.rom). */
  public String tag() {
    if (file != null) {
      return "file-" + file.substring(0, 8).toLowerCase(java.util.Locale.ROOT);
    }
    if (absoluteOffset >= 0) {
      return String.format("off-%08x", absoluteOffset);
    }
    return "region";
  }
}
