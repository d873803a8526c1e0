package dev.muxless.core;

/**
 * An error a user can act on: one line naming what is wrong (file, field, offset or option), a
 * hint, and the exit status it maps to. The shell prints it without a stack trace.
 */
public class MuxlessException extends RuntimeException {
  private final ExitStatus status;
  private final String hint;

  public MuxlessException(ExitStatus status, String message, String hint) {
    super(message);
    this.status = status;
    this.hint = hint;
  }

  public MuxlessException(ExitStatus status, String message, String hint, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.hint = hint;
  }

  /** Bad usage or input (exit 2). */
  public static MuxlessException badInput(String message, String hint) {
    return new MuxlessException(ExitStatus.BAD_INPUT, message, hint);
  }

  /** Missing tool, file or privilege in the environment (exit 3). */
  public static MuxlessException environment(String message, String hint) {
    return new MuxlessException(ExitStatus.ENVIRONMENT, message, hint);
  }

  public ExitStatus status() {
    return status;
  }

  /** What to try next; may be null. */
  public String hint() {
    return hint;
  }
}
