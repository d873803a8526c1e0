package dev.muxless.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.muxless.core.MuxlessException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** QmpClient against a fake QMP server: replies qemu sends without an id, and interrupts. */
class QmpClientTest {
  @TempDir Path tmp;

  @Test
  void qmpErrorWithoutAnIdEndsTheCommandAtOnce() throws Exception {
    Path sock = tmp.resolve("q.sock");
    String noId = "{\"error\": {\"class\": \"GenericError\", \"desc\": \"JSON parse error\"}}";
    try (FakeQmp fake = new FakeQmp(sock, Map.of("query-status", noId));
        QmpClient qmp = QmpClient.connect(sock, Duration.ofSeconds(5))) {
      long t0 = System.nanoTime();
      assertThatThrownBy(() -> qmp.execute("query-status", Map.of(), Duration.ofSeconds(10)))
          .isInstanceOf(java.io.IOException.class)
          .hasMessage("query-status: JSON parse error");
      assertThat(System.nanoTime() - t0).isLessThan(Duration.ofSeconds(5).toNanos());
    }
  }

  @Test
  void anInterruptWhileWaitingForAnEventIsNotQemuExiting() throws Exception {
    Path sock = tmp.resolve("e.sock");
    try (FakeQmp fake = new FakeQmp(sock, Map.of());
        QmpClient qmp = QmpClient.connect(sock, Duration.ofSeconds(5))) {
      Thread.currentThread().interrupt();
      try {
        assertThatThrownBy(() -> qmp.nextEvent(Duration.ofSeconds(5)))
            .isInstanceOf(MuxlessException.class)
            .hasMessage("interrupted");
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
      } finally {
        Thread.interrupted();
      }
      assertThat(qmp.nextEvent(Duration.ofMillis(50))).isNull();
    }
  }
}
