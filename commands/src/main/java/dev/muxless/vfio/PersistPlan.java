package dev.muxless.vfio;

import java.util.List;

/**
 * The boot-time setup for binding devices to vfio-pci: files to write, the kernel parameters still
 * missing from the running command line, the bootloader found, commands to run afterwards, and
 * notes for what muxless does not edit itself.
 */
public record PersistPlan(
    List<String> ids,
    boolean vfioBuiltin,
    List<PersistFile> files,
    List<String> kernelParameters,
    String bootloader,
    List<String> commands,
    List<String> notes) {
  public PersistPlan {
    ids = List.copyOf(ids);
    files = List.copyOf(files);
    kernelParameters = List.copyOf(kernelParameters);
    commands = List.copyOf(commands);
    notes = List.copyOf(notes);
  }
}
