package dev.muxless.notebook;

/** How a cell fared in a run. */
public enum CellStatus {
  /** Ran without a failure, or is a Markdown cell. */
  OK,
  /** A snippet in it failed to compile or threw. */
  FAILED,
  /** Not run: an earlier cell failed and the run stopped. */
  NOT_RUN
}
