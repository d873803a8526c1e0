package dev.muxless.host;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;

/**
 * Writes to the real kernel's sysfs: one write(2) of the whole value and a newline on an existing
 * file (never created, never truncated to a temporary: sysfs attributes take one store call).
 */
public final class KernelWriter implements HostWriter {
  private final HostRoot host;

  public KernelWriter(HostRoot host) {
    this.host = host;
  }

  @Override
  public void write(String hostPath, String value) throws IOException {
    byte[] bytes = (value + "\n").getBytes(StandardCharsets.US_ASCII);
    try (OutputStream out = Files.newOutputStream(host.path(hostPath), StandardOpenOption.WRITE)) {
      out.write(bytes);
    }
  }
}
