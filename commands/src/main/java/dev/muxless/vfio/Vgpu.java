package dev.muxless.vfio;

import dev.muxless.host.PciAddress;

/** An existing mediated device ({@code /sys/bus/mdev/devices/UUID}): its parent and type id. */
public record Vgpu(String uuid, PciAddress parent, String type) {}
