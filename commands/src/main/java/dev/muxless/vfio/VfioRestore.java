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

  /**
   * One device's way back: its recorded state, the writes it needs now, and whether it is absent
   * from the bus (then it has no steps and its journal entry is kept for when it comes back).
   */
  public record DeviceRestore(DeviceState recorded, List<HostWrite> steps, boolean absent) {}

  /** What restoring would do. */
  public static List<DeviceRestore> plan(HostRoot host, Path journal) {
    List<DeviceRestore> out = new ArrayList<>();
    for (DeviceState s : Journal.load(journal, host).devices()) {
      out.add(new DeviceRestore(s, Restore.steps(host, s), !Restore.present(host, s)));
    }
    return out;
  }

  /**
   * The outcome: writes done, the devices actually changed (already-there ones are not counted),
   * the absent devices whose entries the journal keeps, a problem per device that did not come
   * back, and whether any problem was a failed write (I/O or permission) rather than a check.
   */
  public record Result(
      List<HostWrite> done,
      List<String> restored,
      List<String> absent,
      List<String> problems,
      boolean writeFailed) {}

  public static Result apply(HostRoot host, HostWriter writer, Path journal) {
    Journal j = Journal.load(journal, host);
    List<HostWrite> done = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    List<String> back = new ArrayList<>();
    List<String> changed = new ArrayList<>();
    List<String> absent = new ArrayList<>();
    boolean writeFailed = false;
    for (DeviceState s : j.devices()) {
      if (!Restore.present(host, s)) {
        absent.add(s.address());
        continue;
      }
      String problem = null;
      List<HostWrite> steps = Restore.steps(host, s);
      for (HostWrite w : steps) {
        try {
          writer.write(w.path(), w.value());
        } catch (AccessDeniedException e) {
          if (done.isEmpty()) {
            throw MuxlessException.environment(
                "cannot write " + w.path() + ": permission denied (nothing was changed)",
                "run as root, e.g. sudo ./muxless vfio restore --apply");
          }
          problem = s.address() + ": writing " + w.path() + " failed: permission denied";
          writeFailed = true;
          break;
        } catch (IOException e) {
          problem = s.address() + ": writing " + w.path() + " failed: " + BindExecutor.message(e);
          writeFailed = true;
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
        if (!steps.isEmpty()) {
          changed.add(s.address());
        }
      } else {
        problems.add(problem != null ? problem : s.address() + ": not back to " + describe(s));
      }
    }
    j.without(back).save(journal);
    return new Result(done, changed, absent, problems, writeFailed);
  }

  static String describe(DeviceState s) {
    return "driver "
        + (s.driver() == null ? "none" : s.driver())
        + ", driver_override "
        + (s.driverOverride() == null ? "(null)" : s.driverOverride());
  }
}
