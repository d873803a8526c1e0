package dev.muxless.host;

import java.io.IOException;

/**
 * The one way muxless changes a host: write a value to a host file (a sysfs attribute), as {@code
 * echo VALUE > PATH} does. The real host gets {@link KernelWriter}; fixture trees and the demo get
 * {@link SimulatedKernel}, which gives the files their kernel behaviour. Executors take a writer so
 * tests can inject faults.
 */
public interface HostWriter {
  /** Writes value (a newline is appended, as echo does) to the file at a real host path. */
  void write(String hostPath, String value) throws IOException;

  /** The writer for a host root: the kernel itself on /, a simulation elsewhere. */
  static HostWriter forHost(HostRoot host) {
    return host.isReal() ? new KernelWriter(host) : new SimulatedKernel(host);
  }
}
