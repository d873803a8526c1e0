package dev.muxless.rom;

/** How bad a {@link RomProblem} is: ERROR breaks the ROM, WARNING may, INFO is worth knowing. */
public enum Severity {
  ERROR,
  WARNING,
  INFO
}
