package dev.muxless.qemu;

import dev.muxless.core.MuxlessException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code vm status}, {@code vm stop} and {@code vm watch} over a VM's runtime directory and QMP.
 */
public final class VmControl {
  static final Duration QMP_TIMEOUT = Duration.ofSeconds(5);

  private VmControl() {}

  /** One VM's state; qmpStatus is QMP's run state (running, paused, shutdown, ...) when running. */
  public record VmStatus(
      String name,
      String state,
      Long pid,
      String qmpStatus,
      String explanation,
      String runtimeDir,
      String log) {}

  public static VmStatus status(String name) {
    VmRuntime rt = VmRuntime.of(name);
    RuntimeState s = rt.inspect();
    String qmpStatus = null;
    String explanation = s.explanation();
    if (s.kind() == RuntimeState.Kind.RUNNING) {
      try (QmpClient qmp = QmpClient.connect(rt.qmpSocket(), QMP_TIMEOUT)) {
        qmpStatus = qmp.execute("query-status", Map.of(), QMP_TIMEOUT).path("status").asText();
      } catch (IOException | MuxlessException e) {
        explanation = "qemu runs but its QMP socket does not answer: " + e.getMessage();
      }
    }
    return new VmStatus(
        name,
        s.kind().name().toLowerCase(),
        s.pid(),
        qmpStatus,
        explanation,
        rt.dir().toString(),
        rt.log().toString());
  }

  /** Every VM muxless has a runtime directory for. */
  public static List<VmStatus> statusAll() {
    List<VmStatus> out = new ArrayList<>();
    for (VmRuntime rt : VmRuntime.all()) {
      out.add(status(rt.name()));
    }
    return out;
  }

  /** How a stop went: the method that ended qemu and the events seen on the way. */
  public record Stopped(String name, String how, List<QmpEvent> events) {}

  /**
   * Asks the guest to power down (ACPI power button) and waits up to timeout for qemu to exit, then
   * sends {@code quit}; with force, sends {@code quit} at once. A qemu that ignores QMP is sent
   * SIGTERM, then SIGKILL. The sockets and pid file are removed afterwards; the log stays. The
   * runtime directory's lock is held throughout, so a {@code vm start} or second stop waits.
   */
  public static Stopped stop(
      String name, boolean force, Duration timeout, Consumer<QmpEvent> sink) {
    VmRuntime rt = VmRuntime.of(name);
    if (!java.nio.file.Files.isDirectory(rt.dir())) {
      throw notRunning(name);
    }
    try (VmRuntime.Lock lock = rt.lock(timeout.plus(QMP_TIMEOUT))) {
      return stopLocked(rt, force, timeout, sink);
    }
  }

  private static MuxlessException notRunning(String name) {
    return MuxlessException.badInput(
        "VM '" + name + "' is not running", "see 'vm status' for the VMs muxless knows");
  }

  private static Stopped stopLocked(
      VmRuntime rt, boolean force, Duration timeout, Consumer<QmpEvent> sink) {
    String name = rt.name();
    RuntimeState s = rt.inspect();
    if (s.kind() == RuntimeState.Kind.STOPPED) {
      throw notRunning(name);
    }
    if (s.kind() == RuntimeState.Kind.IN_USE) {
      throw rt.inUse(s);
    }
    if (s.kind() == RuntimeState.Kind.STALE) {
      rt.clean();
      return new Stopped(name, "not running; removed stale files: " + s.explanation(), List.of());
    }
    ProcessHandle proc = s.process();
    if (proc == null || !VmRuntime.running(proc)) {
      return finish(rt, name, "qemu had already exited", List.of());
    }
    List<QmpEvent> seen = new ArrayList<>();
    Consumer<QmpEvent> record =
        e -> {
          seen.add(e);
          sink.accept(e);
        };
    String how;
    boolean qmpAnswered = false;
    boolean quitAcknowledged = false;
    try (QmpClient qmp = QmpClient.connect(rt.qmpSocket(), QMP_TIMEOUT)) {
      qmpAnswered = true;
      String powerdownFailed = null;
      if (!force) {
        try {
          qmp.execute("system_powerdown", Map.of(), QMP_TIMEOUT);
          if (waitExit(proc, qmp, timeout, record)) {
            return finish(rt, name, "the guest powered down", seen);
          }
        } catch (IOException e) {
          powerdownFailed = e.getMessage(); // still try quit
        }
      }
      try {
        qmp.execute("quit", Map.of(), QMP_TIMEOUT);
        quitAcknowledged = true;
      } catch (IOException closed) {
        // qemu may close the socket before it answers quit
      }
      how =
          force
              ? "quit at once (--force)"
              : powerdownFailed != null
                  ? "quit (system_powerdown failed: " + powerdownFailed + ")"
                  : "quit after " + timeout.toSeconds() + " s";
      if (waitExit(proc, qmp, QMP_TIMEOUT, record)) {
        return finish(rt, name, how, seen);
      }
    } catch (MuxlessException e) {
      if (Thread.currentThread().isInterrupted()) {
        throw e; // Ctrl-C: leave the VM as it is
      }
      // QMP unusable: fall through to signals
    }
    String why =
        quitAcknowledged
            ? "qemu acknowledged quit but did not exit"
            : qmpAnswered ? "qemu did not acknowledge quit" : "QMP did not answer";
    proc.destroy();
    if (!waitExit(proc, null, QMP_TIMEOUT, record)) {
      proc.destroyForcibly();
      waitExit(proc, null, QMP_TIMEOUT, record);
      how = "killed (SIGKILL): " + why + ", nor did SIGTERM end it";
    } else {
      how = "terminated (SIGTERM): " + why;
    }
    return finish(rt, name, how, seen);
  }

  private static Stopped finish(VmRuntime rt, String name, String how, List<QmpEvent> seen) {
    rt.clean();
    return new Stopped(name, how, List.copyOf(seen));
  }

  private static boolean waitExit(
      ProcessHandle proc, QmpClient qmp, Duration timeout, Consumer<QmpEvent> sink) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (VmRuntime.running(proc) && System.nanoTime() < deadline) {
      if (qmp != null) {
        QmpEvent e = qmp.nextEvent(Duration.ofMillis(100));
        if (e != null && !QmpClient.isClosedMarker(e)) {
          sink.accept(e);
        }
        if (e != null && QmpClient.isClosedMarker(e)) {
          qmp = null;
        }
      } else {
        VmLauncher.sleep(50);
      }
    }
    boolean exited = !VmRuntime.running(proc);
    // events qemu sent just before exiting (SHUTDOWN) are still in the socket: read to the end
    long drainUntil = System.nanoTime() + Duration.ofSeconds(2).toNanos();
    while (exited && qmp != null && System.nanoTime() < drainUntil) {
      QmpEvent e = qmp.nextEvent(Duration.ofMillis(100));
      if (e != null && QmpClient.isClosedMarker(e)) {
        break;
      }
      if (e != null) {
        sink.accept(e);
      }
    }
    return exited;
  }

  /**
   * Follows a VM's events on its event socket, handing each to sink as it arrives, until qemu exits
   * or the time is up (null: no limit). Returns how it ended.
   */
  public static String watch(String name, Duration limit, Consumer<QmpEvent> sink) {
    VmRuntime rt = VmRuntime.of(name);
    RuntimeState s = rt.inspect();
    if (s.kind() != RuntimeState.Kind.RUNNING) {
      throw MuxlessException.badInput(
          "VM '" + name + "' is not running (" + s.explanation() + ")", "start it with 'vm start'");
    }
    long deadline = limit == null ? Long.MAX_VALUE : System.nanoTime() + limit.toNanos();
    try (QmpClient qmp = QmpClient.connect(rt.eventSocket(), QMP_TIMEOUT)) {
      while (System.nanoTime() < deadline) {
        QmpEvent e = qmp.nextEvent(Duration.ofMillis(200));
        if (e == null) {
          continue;
        }
        if (QmpClient.isClosedMarker(e)) {
          return "qemu exited";
        }
        sink.accept(e);
      }
      return "stopped watching after " + limit.toSeconds() + " s";
    }
  }

  /** The pid of a running VM, if any. */
  public static Optional<Long> pid(String name) {
    return VmRuntime.of(name).process().map(ProcessHandle::pid);
  }
}
