package dev.muxless.qemu;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One QMP event as it arrived: its name (SHUTDOWN, RESET, STOP, RESUME, POWERDOWN, GUEST_PANICKED,
 * ...), qemu's timestamp and its data as JSON text.
 */
public record QmpEvent(String event, Instant time, String data) {
  /** Marks the end of the event stream (qemu closed the connection). */
  static final QmpEvent CLOSED = new QmpEvent("(closed)", Instant.EPOCH, "{}");

  static QmpEvent of(JsonNode msg) {
    JsonNode ts = msg.path("timestamp");
    Instant t =
        Instant.ofEpochSecond(ts.path("seconds").asLong(), ts.path("microseconds").asLong() * 1000);
    JsonNode d = msg.path("data");
    return new QmpEvent(msg.path("event").asText(), t, d.isMissingNode() ? "{}" : d.toString());
  }

  /** One line: {@code SHUTDOWN {"guest":false,"reason":"host-qmp-quit"}}, with a plain meaning. */
  public String describe() {
    String meaning =
        switch (event) {
          case "SHUTDOWN" -> "the guest shut down or qemu is quitting";
          case "POWERDOWN" -> "the power button was pressed (ACPI)";
          case "RESET" -> "the guest reset";
          case "STOP" -> "the guest was paused";
          case "RESUME" -> "the guest runs";
          case "GUEST_PANICKED" -> "the guest kernel panicked";
          default -> "";
        };
    return event + " " + data + (meaning.isEmpty() ? "" : "  (" + meaning + ")");
  }
}
