package dev.muxless.vfio;

import dev.muxless.core.MuxlessException;
import dev.muxless.host.HostRoot;
import dev.muxless.host.HostWriter;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code vfio restore}: puts every device in the journal back to its recorded binding. Computed
 * from the journal and the host as it is now, so it works after a crash or a reboot midway and does
 * nothing the second time.
 */
public final class VfioRestore {
  private VfioRestore() {}

  /** One device's way back: its recorded state and the writes it needs now. */
  public record DeviceRestore(DeviceState recorded, List<HostWrite> steps) {}

  /** What restoring would do. */
  public static List<DeviceRestore> plan(HostRoot host, Path journal) {
    List<DeviceRestore> out = new ArrayList<>();
    for (DeviceState s : Journal.load(journal, host).devices()) {
      out.add(new DeviceRestore(s, Restore.steps(host, s)));
    }
    return out;
  }

  /** The outcome: writes done, and a problem per device that did not come back. */
  public record Result(List<HostWrite> done, List<String> problems) {}

  public static Result apply(HostRoot host, HostWriter writer, Path journal) {
    Journal j = Journal.load(journal, host);
    List<HostWrite> done = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    List<String> back = new ArrayList<>();
    for (DeviceState s : j.devices()) {
      String problem = null;
      for (HostWrite w : Restore.steps(host, s)) {
        try {
          writer.write(w.path(), w.value());
        } catch (AccessDeniedException e) {
          if (done.isEmpty()) {
            throw MuxlessException.environment(
                "cannot write " + w.path() + ": permission denied (nothing was changed)",
                "run as root, e.g. sudo ./muxless vfio restore --apply");
          }
          problem = s.address() + ": writing " + w.path() + " failed: permission denied";
          break;
        } catch (IOException e) {
          problem = s.address() + ": writing " + w.path() + " failed: " + BindExecutor.message(e);
          break;
        }
        done.add(w);
        Optional<String> bad = StepCheck.verify(host, w);
        if (bad.isPresent()) {
          problem = s.address() + ": " + bad.get();
          break;
        }
      }
      if (problem == null && Restore.matches(host, s)) {
        back.add(s.address());
      } else {
        problems.add(problem != null ? problem : s.address() + ": not back to " + describe(s));
      }
    }
    j.without(back).save(journal);
    return new Result(done, problems);
  }

  static String describe(DeviceState s) {
    return "driver "
        + (s.driver() == null ? "none" : s.driver())
        + ", driver_override "
        + (s.driverOverride() == null ? "(null)" : s.driverOverride());
  }
}
