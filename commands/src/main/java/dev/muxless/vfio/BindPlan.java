package dev.muxless.vfio;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.muxless.host.PciAddress;
import java.util.List;

/**
 * The value {@code vfio bind} computes before touching anything: the ordered host writes that move
 * the named devices and their sibling functions to vfio-pci, or the reason it refuses. device is
 * the named address (several are joined with commas); moved lists the address of every function the
 * steps move.
 */
@JsonPropertyOrder({"device", "steps", "refused"})
public record BindPlan(
    String device, List<HostWrite> steps, String refused, @JsonIgnore List<PciAddress> moved) {
  public BindPlan {
    steps = List.copyOf(steps);
    moved = List.copyOf(moved);
  }

  static BindPlan refuse(String device, String reason) {
    return new BindPlan(device, List.of(), reason, List.of());
  }

  @JsonIgnore
  public boolean isRefused() {
    return refused != null;
  }
}
