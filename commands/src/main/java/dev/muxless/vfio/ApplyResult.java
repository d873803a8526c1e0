package dev.muxless.vfio;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * What applying a plan did: the writes done, and on failure the reason, whether it was a check of a
 * step that failed (verification: the write went through but the host does not show its effect)
 * rather than the write itself, the rollback writes and whether the devices are back in the state
 * they had before (restored).
 */
@JsonPropertyOrder({"ok", "done", "failure", "rollback", "restored"})
public record ApplyResult(
    List<HostWrite> done,
    String failure,
    @JsonIgnore boolean verificationFailed,
    List<HostWrite> rollback,
    boolean restored) {
  public ApplyResult {
    done = List.copyOf(done);
    rollback = List.copyOf(rollback);
  }

  static ApplyResult success(List<HostWrite> done) {
    return new ApplyResult(done, null, false, List.of(), false);
  }

  /** True when every step was written and verified. */
  @JsonProperty("ok")
  public boolean ok() {
    return failure == null;
  }
}
