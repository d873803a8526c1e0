package dev.muxless.firmware;

/**
 * The walker's position: the path of containers so far, the innermost volume and file, the absolute
 * offset in the input of the current buffer's byte 0 (-1 once inside decompressed data), the report
 * level and the nesting depth counted against {@link ExtractLimits#maxDepth}.
 */
record Where(
    String path, String volume, String file, String section, long base, int level, int depth) {

  static Where root() {
    return new Where("", null, null, null, 0, 0, 0);
  }

  /** Absolute offset of index {@code off} of the current buffer, or -1 in decompressed data. */
  long abs(long off) {
    return base < 0 ? -1 : base + off;
  }

  /** Into a container (capsule, region, zip entry): one level and one depth deeper. */
  Where into(String step) {
    return new Where(join(step), volume, file, section, base, level + 1, depth + 1);
  }

  Where volume(String name) {
    return new Where(join("volume " + name), name, null, null, base, level + 1, depth + 1);
  }

  Where file(String guid) {
    return new Where(join("file " + guid), volume, guid, null, base, level + 1, depth);
  }

  Where section(String type) {
    return new Where(join(type), volume, file, type, base, level + 1, depth);
  }

  /** One nesting level deeper without a new report level (sections inside a GUID section). */
  Where deeper() {
    return new Where(path, volume, file, section, base, level, depth + 1);
  }

  /** Into a buffer produced by decompression: absolute offsets stop here. */
  Where decompressed() {
    return new Where(path, volume, file, section, -1, level, depth + 1);
  }

  /** Into a copy of the current buffer that starts at index {@code off}. */
  Where rebased(long off) {
    return new Where(path, volume, file, section, abs(off), level, depth);
  }

  private String join(String step) {
    return path.isEmpty() ? step : path + " > " + step;
  }

  String label() {
    return path.isEmpty() ? "input" : path;
  }
}
