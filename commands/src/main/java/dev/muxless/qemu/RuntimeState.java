package dev.muxless.qemu;

/** What a VM's runtime directory shows: running (pid), stopped, or stale (and why). */
public record RuntimeState(Kind kind, Long pid, String explanation) {
  public enum Kind {
    RUNNING,
    STOPPED,
    STALE
  }
}
