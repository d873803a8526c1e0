package dev.muxless.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelWriterTest {
  @TempDir Path tmp;

  @Test
  void writesTheValueAndANewlineWithoutTruncatingFirst() throws Exception {
    Files.createDirectories(tmp.resolve("sys"));
    Path attr = tmp.resolve("sys/driver_override");
    Files.writeString(attr, "");
    new KernelWriter(HostRoot.of(tmp)).write("/sys/driver_override", "vfio-pci");
    assertThat(Files.readString(attr)).isEqualTo("vfio-pci\n");
  }

  @Test
  void aMissingAttributeIsAnIoErrorNotACreatedFile() {
    assertThatThrownBy(() -> new KernelWriter(HostRoot.of(tmp)).write("/sys/nope", "1"))
        .isInstanceOf(IOException.class);
    assertThat(Files.exists(tmp.resolve("sys/nope"))).isFalse();
  }

  @Test
  void aWriteThatNeverReturnsIsReportedInsteadOfHanging() throws Exception {
    // a FIFO with no reader blocks open(2) for writing, as unbind blocks while the GPU is in use
    Path fifo = tmp.resolve("unbind");
    Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
    org.junit.jupiter.api.Assumptions.assumeTrue(mk.waitFor() == 0, "mkfifo not available");
    long start = System.nanoTime();
    assertThatThrownBy(
            () ->
                new KernelWriter(HostRoot.of(tmp), Duration.ofMillis(300))
                    .write("/unbind", "0000:01:00.0"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("has not returned after")
        .hasMessageContaining("nvidia-persistenced");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    // let the blocked writer finish so no thread is left behind
    try (var in = Files.newInputStream(fifo)) {
      in.readAllBytes();
    }
  }
}
