package dev.muxless.qemu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.muxless.core.MuxlessException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A QMP client in plain Java over a unix socket (QEMU's QMP spec, docs/interop/qmp-spec: one JSON
 * object per line; a greeting, {@code qmp_capabilities}, then commands answered by {@code return}
 * or {@code error} with our {@code id}, and asynchronous {@code event} messages in between). A
 * reader thread sorts incoming messages into replies and events.
 */
public final class QmpClient implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNode CLOSED = JSON.createObjectNode().put("closed", true);

  private final SocketChannel channel;
  private final BlockingQueue<JsonNode> replies = new LinkedBlockingQueue<>();
  private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
  private final AtomicInteger ids = new AtomicInteger();
  private final JsonNode greeting;
  private final Thread reader;

  private QmpClient(SocketChannel channel, Duration timeout) throws IOException {
    this.channel = channel;
    BufferedReader in =
        new BufferedReader(
            new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
    BlockingQueue<JsonNode> first = new LinkedBlockingQueue<>();
    reader = new Thread(() -> readLoop(in, first), "qmp-reader");
    reader.setDaemon(true);
    reader.start();
    try {
      greeting = first.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted");
    }
    if (greeting == null || !greeting.has("QMP")) {
      throw new IOException("no QMP greeting within " + timeout.toSeconds() + " s");
    }
  }

  /** Connects, reads the greeting and leaves capabilities negotiation mode. */
  public static QmpClient connect(Path socket, Duration timeout) {
    SocketChannel ch = null;
    try {
      ch = SocketChannel.open(StandardProtocolFamily.UNIX);
      ch.connect(UnixDomainSocketAddress.of(socket));
      QmpClient c = new QmpClient(ch, timeout);
      c.execute("qmp_capabilities", Map.of(), timeout);
      return c;
    } catch (IOException e) {
      if (ch != null) {
        try {
          ch.close();
        } catch (IOException ignored) {
          // already failing
        }
      }
      throw MuxlessException.environment(
          "cannot talk QMP on " + socket + ": " + e.getMessage(),
          "is the VM running? see 'vm status'");
    }
  }

  /** qemu's version from the greeting, e.g. 7.2.22. */
  public String qemuVersion() {
    JsonNode v = greeting.path("QMP").path("version").path("qemu");
    return v.path("major").asInt() + "." + v.path("minor").asInt() + "." + v.path("micro").asInt();
  }

  private void readLoop(BufferedReader in, BlockingQueue<JsonNode> first) {
    boolean greeted = false;
    try {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode msg;
        try {
          msg = JSON.readTree(line);
        } catch (IOException bad) {
          continue; // not a QMP message; QMP never sends partial lines
        }
        if (!greeted) {
          greeted = true;
          first.add(msg);
        } else if (msg.has("event")) {
          events.add(msg);
        } else {
          replies.add(msg);
        }
      }
    } catch (IOException closed) {
      // the socket was closed: by us, or qemu exited
    } finally {
      first.add(CLOSED);
      replies.add(CLOSED);
      events.add(CLOSED);
    }
  }

  /** Runs a command and returns its {@code return} value; a QMP error is an exception. */
  public JsonNode execute(String command, Map<String, ?> arguments, Duration timeout)
      throws IOException {
    int id = ids.incrementAndGet();
    ObjectNode req = JSON.createObjectNode().put("execute", command).put("id", id);
    if (!arguments.isEmpty()) {
      req.set("arguments", JSON.valueToTree(arguments));
    }
    byte[] bytes = (JSON.writeValueAsString(req) + "\n").getBytes(StandardCharsets.UTF_8);
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    synchronized (channel) {
      while (buf.hasRemaining()) {
        channel.write(buf);
      }
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      JsonNode r;
      try {
        r = replies.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted");
      }
      if (r == null) {
        throw new IOException(command + ": no reply within " + timeout.toSeconds() + " s");
      }
      if (r == CLOSED) {
        replies.add(CLOSED);
        throw new IOException(command + ": qemu closed the connection");
      }
      if (!r.has("id") && r.has("error")) {
        // qemu answers input it cannot parse with an error without an id: it is this command's
        throw new IOException(
            command + ": " + r.path("error").path("desc").asText(r.path("error").toString()));
      }
      if (r.path("id").asInt(-1) != id) {
        continue; // a late reply to an earlier command that timed out
      }
      if (r.has("error")) {
        throw new IOException(
            command + ": " + r.path("error").path("desc").asText(r.path("error").toString()));
      }
      return r.path("return");
    }
  }

  /**
   * The next event (its JSON: {@code event}, {@code data}, {@code timestamp}), or null when none
   * arrives in time. Returns {@link #isClosedMarker closed} once qemu has gone; an interrupt of the
   * waiting thread is a {@link MuxlessException} ("interrupted"), with the interrupt flag kept.
   */
  public QmpEvent nextEvent(Duration timeout) {
    try {
      JsonNode e = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (e == null) {
        return null;
      }
      if (e == CLOSED) {
        events.add(CLOSED);
        return QmpEvent.CLOSED;
      }
      return QmpEvent.of(e);
    } catch (InterruptedException ex) {
      // not CLOSED: an interrupt (Ctrl-C) is not qemu exiting
      Thread.currentThread().interrupt();
      throw MuxlessException.environment("interrupted", null);
    }
  }

  public static boolean isClosedMarker(QmpEvent e) {
    return e == QmpEvent.CLOSED;
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException ignored) {
      // closing a socket qemu already closed
    }
    try {
      reader.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
