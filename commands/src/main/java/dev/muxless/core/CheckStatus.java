package dev.muxless.core;

/** The verdict of one check step (host check, vm check, setup validate). */
public enum CheckStatus {
  PASS,
  WARN,
  FAIL,
  SKIP
}
