package dev.muxless.vfio;

import java.util.List;

/**
 * What applying a plan did: the writes done, and on failure the reason, the rollback writes and
 * whether the devices are back in the state they had before (restored).
 */
public record ApplyResult(
    boolean ok, List<HostWrite> done, String failure, List<HostWrite> rollback, boolean restored) {
  public ApplyResult {
    done = List.copyOf(done);
    rollback = List.copyOf(rollback);
  }
}
