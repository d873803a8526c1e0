package dev.muxless.vfio;

/**
 * One planned host change: write value to the file at a real host path ({@code echo value > path}).
 */
public record HostWrite(String path, String value) {
  @Override
  public String toString() {
    return "echo " + (value.isEmpty() ? "''" : value) + " > " + path;
  }
}
