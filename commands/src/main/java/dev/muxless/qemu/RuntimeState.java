package dev.muxless.qemu;

/**
 * What a VM's runtime directory shows: running (pid, and the qemu process as found when it was
 * inspected), stopped, stale (and why), or in use by something muxless cannot identify (a socket
 * that accepts connections without a qemu behind the pid file: never cleared).
 */
public record RuntimeState(Kind kind, Long pid, String explanation, ProcessHandle process) {
  public enum Kind {
    RUNNING,
    STOPPED,
    STALE,
    IN_USE
  }

  public RuntimeState(Kind kind, Long pid, String explanation) {
    this(kind, pid, explanation, null);
  }
}
