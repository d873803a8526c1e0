package dev.muxless.kb;

import dev.muxless.core.CheckStatus;
import dev.muxless.core.CheckStep;

/**
 * What one check observed: PASS, FAIL, WARN (could not be sure) or SKIP (nothing to observe), and
 * the fix when the observing engine names one (null: the requirement's commands are the fix).
 */
public record Verdict(CheckStatus status, String message, String fix) {
  static Verdict pass(String m) {
    return new Verdict(CheckStatus.PASS, m, null);
  }

  static Verdict fail(String m) {
    return new Verdict(CheckStatus.FAIL, m, null);
  }

  static Verdict fail(String m, String fix) {
    return new Verdict(CheckStatus.FAIL, m, fix);
  }

  static Verdict warn(String m, String fix) {
    return new Verdict(CheckStatus.WARN, m, fix);
  }

  static Verdict skip(String m) {
    return new Verdict(CheckStatus.SKIP, m, null);
  }

  static Verdict of(boolean ok, String pass, String fail) {
    return ok ? pass(pass) : fail(fail);
  }

  /** A step of another engine's check (host check), taken as it is. */
  static Verdict of(CheckStep s) {
    return new Verdict(s.status(), s.message(), s.fix());
  }
}
