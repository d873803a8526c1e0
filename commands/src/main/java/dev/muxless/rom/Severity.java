// STAND-IN: replaced by the rom area at merge
package dev.muxless.rom;

public enum Severity {
  ERROR,
  WARNING,
  INFO
}
