package dev.muxless.notebook;

/**
 * The two kinds of cell in Jupytext's percent format: {@code // %%} and {@code // %% [markdown]}.
 */
public enum CellKind {
  CODE,
  MARKDOWN
}
