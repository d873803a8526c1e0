package dev.muxless.qemu;

import dev.muxless.host.HostRoot;
import java.util.List;

/**
 * The GVT-g facts {@code vm init} needs: existing vGPUs under {@code /sys/bus/mdev/devices} and the
 * types the iGPU offers, as the vfio engine ({@link dev.muxless.vfio.Gvt}) reads them, in the shape
 * a profile needs.
 */
public final class VgpuFinder {
  /** An existing vGPU. */
  public record Existing(String uuid, String parent, String type) {}

  /** A type that can be created, with its free instances. */
  public record Type(String parent, String id, int available) {}

  private VgpuFinder() {}

  public static List<Existing> existing(HostRoot host) {
    return dev.muxless.vfio.Gvt.list(host).stream()
        .map(
            v ->
                new Existing(v.uuid(), v.parent() == null ? null : v.parent().toString(), v.type()))
        .toList();
  }

  public static List<Type> types(HostRoot host) {
    return dev.muxless.vfio.Gvt.types(host).stream()
        .map(t -> new Type(t.parent().toString(), t.id(), t.availableInstances()))
        .toList();
  }
}
