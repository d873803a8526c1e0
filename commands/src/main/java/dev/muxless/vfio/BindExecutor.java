package dev.muxless.vfio;

import dev.muxless.core.MuxlessException;
import dev.muxless.host.HostRoot;
import dev.muxless.host.HostWriter;
import dev.muxless.host.PciAddress;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Carries out a {@link BindPlan}: journal first (atomically, before the first change), then each
 * write, each checked; on any failure the devices go back to exactly the state they had before this
 * run (libvirt's virhostdev does the same with its reattachdevs label).
 */
public final class BindExecutor {
  private BindExecutor() {}

  public static ApplyResult apply(HostRoot host, HostWriter writer, BindPlan plan, Path journal) {
    if (plan.isRefused()) {
      throw new IllegalArgumentException("refused plan: " + plan.refused());
    }
    List<DeviceState> before = new ArrayList<>();
    for (PciAddress a : plan.moved()) {
      before.add(DeviceState.read(host, a));
    }
    Journal j = Journal.load(journal, host);
    List<String> added = before.stream().map(DeviceState::address).filter(a -> !j.has(a)).toList();
    Journal recorded = j.with(before);
    recorded.save(journal);

    List<HostWrite> done = new ArrayList<>();
    String failure = null;
    boolean verification = false;
    for (HostWrite w : plan.steps()) {
      try {
        writer.write(w.path(), w.value());
      } catch (AccessDeniedException e) {
        if (done.isEmpty()) {
          recorded.without(added).save(journal);
          throw MuxlessException.environment(
              "cannot write " + w.path() + ": permission denied (nothing was changed)",
              "run as root, e.g. sudo ./muxless vfio bind "
                  + plan.device().replace(',', ' ')
                  + " --apply");
        }
        failure = "writing " + w.value() + " to " + w.path() + " failed: permission denied";
        break;
      } catch (IOException e) {
        failure = "writing " + w.value() + " to " + w.path() + " failed: " + message(e);
        break;
      }
      Optional<String> bad = StepCheck.verify(host, w);
      done.add(w);
      if (bad.isPresent()) {
        failure = bad.get();
        verification = true;
        break;
      }
    }
    if (failure == null) {
      return ApplyResult.success(done);
    }
    List<HostWrite> rollback = rollback(host, writer, before);
    boolean restored = before.stream().allMatch(s -> Restore.matches(host, s));
    if (restored) {
      recorded.without(added).save(journal);
    }
    return new ApplyResult(done, failure, verification, rollback, restored);
  }

  /** Puts devices back to the given states, last first; best effort, every write attempted. */
  static List<HostWrite> rollback(HostRoot host, HostWriter writer, List<DeviceState> states) {
    List<HostWrite> out = new ArrayList<>();
    for (int i = states.size() - 1; i >= 0; i--) {
      for (HostWrite w : Restore.steps(host, states.get(i))) {
        try {
          writer.write(w.path(), w.value());
          out.add(w);
        } catch (IOException e) {
          // keep going: the caller compares the final state with the recorded one
        }
      }
    }
    return out;
  }

  static String message(IOException e) {
    String m = e.getMessage();
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file";
    }
    return m == null ? e.getClass().getSimpleName() : m;
  }
}
