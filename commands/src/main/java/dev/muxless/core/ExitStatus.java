package dev.muxless.core;

/**
 * The process exit statuses of {@code ./muxless <command>}, mapped in this one place.
 *
 * <p>Every command ends with one of these; the shell turns them into the process status in one-shot
 * mode and ignores them in the interactive shell.
 */
public enum ExitStatus {
  /** The command did what was asked and found nothing wrong. */
  OK(0),
  /** The command ran, and a check it performed found problems (a FAIL step, a bad ROM). */
  PROBLEMS(1),
  /** Bad usage or bad input: an unknown option, a missing file, a malformed ROM or profile. */
  BAD_INPUT(2),
  /** The environment is missing something or the user lacks a privilege (not root, no tool). */
  ENVIRONMENT(3);

  private final int code;

  ExitStatus(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** The more severe of two statuses: used when a command handles several inputs. */
  public ExitStatus worst(ExitStatus other) {
    return other.code > code ? other : this;
  }
}
