package dev.muxless.host;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Writes to the real kernel's sysfs: one write(2) of the whole value and a newline on an existing
 * file (never created, never truncated to a temporary: sysfs attributes take one store call).
 */
public final class KernelWriter implements HostWriter {
  /** How long one sysfs write may block before muxless says so (unbind waits for users). */
  static final Duration PATIENCE = Duration.ofSeconds(20);

  private final HostRoot host;
  private final Duration patience;

  public KernelWriter(HostRoot host) {
    this(host, PATIENCE);
  }

  KernelWriter(HostRoot host, Duration patience) {
    this.host = host;
    this.patience = patience;
  }

  /**
   * One write, on a daemon thread so a store that never returns is reported instead of hanging the
   * shell: unbinding the NVIDIA driver blocks while a display server, nvidia-persistenced or a CUDA
   * job still holds the GPU (known-problems 26: "virsh nodedev-detach hangs").
   */
  @Override
  public void write(String hostPath, String value) throws IOException {
    byte[] bytes = (value + "\n").getBytes(StandardCharsets.US_ASCII);
    FutureTask<Void> task =
        new FutureTask<>(
            () -> {
              try (OutputStream out =
                  Files.newOutputStream(host.path(hostPath), StandardOpenOption.WRITE)) {
                out.write(bytes);
              }
              return null;
            });
    Thread t = new Thread(task, "sysfs-write");
    t.setDaemon(true);
    t.start();
    try {
      task.get(patience.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new IOException(
          "writing '"
              + value
              + "' to "
              + hostPath
              + " has not returned after "
              + patience.toSeconds()
              + " s: the driver is waiting for the device's users to let go (stop the display"
              + " server, nvidia-persistenced, CUDA jobs); the write may still complete later");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while writing " + hostPath, e);
    }
  }
}
