package dev.muxless.kb;

import dev.muxless.core.CheckStatus;

/** What one check observed: PASS, FAIL, WARN (could not be sure) or SKIP (nothing to observe). */
public record Verdict(CheckStatus status, String message) {
  static Verdict pass(String m) {
    return new Verdict(CheckStatus.PASS, m);
  }

  static Verdict fail(String m) {
    return new Verdict(CheckStatus.FAIL, m);
  }

  static Verdict warn(String m) {
    return new Verdict(CheckStatus.WARN, m);
  }

  static Verdict skip(String m) {
    return new Verdict(CheckStatus.SKIP, m);
  }

  static Verdict of(boolean ok, String pass, String fail) {
    return ok ? pass(pass) : fail(fail);
  }
}
