package dev.muxless.rom;

/**
 * One finding about a ROM file: how bad, where (absolute offset in the file, -1 for the file as a
 * whole) and a plain message that says what it means.
 */
public record RomProblem(Severity severity, long offset, String message) {
  static RomProblem error(long offset, String message) {
    return new RomProblem(Severity.ERROR, offset, message);
  }

  static RomProblem warning(long offset, String message) {
    return new RomProblem(Severity.WARNING, offset, message);
  }

  static RomProblem info(long offset, String message) {
    return new RomProblem(Severity.INFO, offset, message);
  }
}
