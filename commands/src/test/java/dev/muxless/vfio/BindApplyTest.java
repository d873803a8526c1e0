package dev.muxless.vfio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.muxless.core.ExitStatus;
import dev.muxless.core.MuxlessException;
import dev.muxless.host.HostRoot;
import dev.muxless.host.HostWriter;
import dev.muxless.host.Hosts;
import dev.muxless.host.PciAddress;
import dev.muxless.host.SimulatedKernel;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bind, verify, rollback and restore end to end on fixture trees with the simulated kernel. */
class BindApplyTest {
  @TempDir Path tmp;

  Path journal() {
    return tmp.resolve("state/journal.json");
  }

  @Test
  void bindThenRestoreReturnsTheTreeExactly() {
    HostRoot h = Hosts.fixture("mxm-laptop", tmp);
    Map<String, String> before = Hosts.snapshot(h);
    BindPlan p = BindPlanner.plan(h, List.of(PciAddress.parse("01:00.0")), false);
    ApplyResult r = BindExecutor.apply(h, new SimulatedKernel(h), p, journal());
    assertThat(r.ok()).as(r.failure()).isTrue();
    assertThat(r.done()).hasSize(6);
    assertThat(h.linkName("/sys/bus/pci/devices/0000:01:00.0/driver")).contains("vfio-pci");
    assertThat(h.linkName("/sys/bus/pci/devices/0000:01:00.1/driver")).contains("vfio-pci");
    assertThat(h.exists("/dev/vfio/1")).isTrue();
    Journal j = Journal.load(journal(), h);
    assertThat(j.devices())
        .containsExactly(
            new DeviceState("0000:01:00.0", "nouveau", null),
            new DeviceState("0000:01:00.1", "snd_hda_intel", null));

    VfioRestore.Result back = VfioRestore.apply(h, new SimulatedKernel(h), journal());
    assertThat(back.problems()).isEmpty();
    assertThat(back.done()).hasSize(6);
    assertThat(Hosts.diff(before, Hosts.snapshot(h))).isEmpty();
    assertThat(Files.exists(journal())).isFalse();
    // idempotent: nothing left to do
    assertThat(VfioRestore.apply(h, new SimulatedKernel(h), journal()).done()).isEmpty();
    assertThat(Hosts.diff(before, Hosts.snapshot(h))).isEmpty();
  }

  @Test
  void everyFaultRollsBackToTheStateBefore() throws Exception {
    int steps = 6;
    for (int k = 1; k <= steps; k++) {
      Path dir = Files.createDirectory(tmp.resolve("k" + k));
      HostRoot h = Hosts.fixture("mxm-laptop", dir);
      Path jf = dir.resolve("journal.json");
      Map<String, String> before = Hosts.snapshot(h);
      BindPlan p = BindPlanner.plan(h, List.of(PciAddress.parse("01:00.0")), false);
      assertThat(p.steps()).hasSize(steps);
      FaultyWriter w =
          new FaultyWriter(new SimulatedKernel(h), k, new IOException("Input/output error"));
      ApplyResult r = BindExecutor.apply(h, w, p, jf);
      assertThat(r.ok()).as("k=" + k).isFalse();
      assertThat(r.failure()).contains("failed: Input/output error", p.steps().get(k - 1).path());
      assertThat(r.done()).hasSize(k - 1);
      assertThat(r.restored()).as("k=" + k).isTrue();
      assertThat(Hosts.diff(before, Hosts.snapshot(h))).as("k=" + k).isEmpty();
      assertThat(Files.exists(jf)).as("journal cleared after a clean rollback, k=" + k).isFalse();
    }
  }

  @Test
  void everyFaultInATwoDeviceBindAcrossThreeDriversRollsBack() throws Exception {
    for (int k = 1; k <= 6; k++) {
      Path dir = Files.createDirectory(tmp.resolve("s" + k));
      HostRoot h = Hosts.fixture("shared-group", dir);
      Path jf = dir.resolve("journal.json");
      Map<String, String> before = Hosts.snapshot(h);
      BindPlan p =
          BindPlanner.plan(
              h, List.of(PciAddress.parse("01:00.0"), PciAddress.parse("02:00.0")), false);
      assertThat(p.steps()).hasSize(6);
      FaultyWriter w =
          new FaultyWriter(new SimulatedKernel(h), k, new IOException("No such device"));
      ApplyResult r = BindExecutor.apply(h, w, p, jf);
      assertThat(r.restored()).as("k=" + k).isTrue();
      assertThat(Hosts.diff(before, Hosts.snapshot(h))).as("k=" + k).isEmpty();
    }
  }

  @Test
  void failedRollbackKeepsTheJournalAndRestoreFinishesTheJob() {
    HostRoot h = Hosts.fixture("demo", tmp);
    Map<String, String> before = Hosts.snapshot(h);
    BindPlan p = BindPlanner.plan(h, List.of(PciAddress.parse("01:00.0")), false);
    SimulatedKernel k = new SimulatedKernel(h);
    int[] n = {0};
    // step 3 (drivers_probe) fails, and so does the first rollback write
    dev.muxless.host.HostWriter flaky =
        (path, value) -> {
          n[0]++;
          if (n[0] == 3 || n[0] == 4) {
            throw new IOException("Input/output error");
          }
          k.write(path, value);
        };
    ApplyResult r = BindExecutor.apply(h, flaky, p, journal());
    assertThat(r.ok()).isFalse();
    assertThat(r.verificationFailed()).as("an I/O error, not a failed check").isFalse();
    assertThat(r.restored()).isFalse();
    assertThat(Files.exists(journal())).isTrue();
    assertThat(Journal.load(journal(), h).devices())
        .containsExactly(new DeviceState("0000:01:00.0", "nvidia", null));
    assertThat(VfioRestore.apply(h, k, journal()).problems()).isEmpty();
    assertThat(Hosts.diff(before, Hosts.snapshot(h))).isEmpty();
    assertThat(Files.exists(journal())).isFalse();
  }

  @Test
  void probeThatClaimsNothingIsCaughtAndRolledBack() {
    HostRoot h = Hosts.fixture("demo", tmp);
    Map<String, String> before = Hosts.snapshot(h);
    HostWriter k = new SimulatedKernel(h);
    // drivers_probe "succeeds" without binding, as when vfio-pci doesn't claim the device
    HostWriter silentProbe =
        (path, value) -> {
          if (!path.equals("/sys/bus/pci/drivers_probe")) {
            k.write(path, value);
          }
        };
    BindPlan p = BindPlanner.plan(h, List.of(PciAddress.parse("01:00.0")), false);
    ApplyResult r = BindExecutor.apply(h, silentProbe, p, journal());
    assertThat(r.ok()).isFalse();
    assertThat(r.verificationFailed()).as("a failed check, not an I/O error").isTrue();
    assertThat(r.failure())
        .isEqualTo(
            "drivers_probe succeeded but 0000:01:00.0 is bound to no driver: vfio-pci did not claim it");
    assertThat(r.rollback())
        .containsExactly(
            new HostWrite("/sys/bus/pci/devices/0000:01:00.0/driver_override", ""),
            new HostWrite("/sys/bus/pci/drivers/nvidia/bind", "0000:01:00.0"));
    assertThat(r.restored()).isTrue();
    assertThat(Hosts.diff(before, Hosts.snapshot(h))).isEmpty();
  }

  @Test
  void crashMidwayIsRepairedByRestore() {
    HostRoot h = Hosts.fixture("mxm-laptop", tmp);
    Map<String, String> before = Hosts.snapshot(h);
    BindPlan p = BindPlanner.plan(h, List.of(PciAddress.parse("01:00.0")), false);
    HostWriter k = new SimulatedKernel(h);
    int[] n = {0};
    HostWriter dies =
        (path, value) -> {
          if (++n[0] == 5) {
            throw new IllegalStateException("power lost");
          }
          k.write(path, value);
        };
    assertThatThrownBy(() -> BindExecutor.apply(h, dies, p, journal())).hasMessage("power lost");
    assertThat(Hosts.snapshot(h)).isNotEqualTo(before);
    assertThat(VfioRestore.plan(h, journal())).hasSize(2);
    VfioRestore.Result r = VfioRestore.apply(h, k, journal());
    assertThat(r.problems()).isEmpty();
    assertThat(Hosts.diff(before, Hosts.snapshot(h))).isEmpty();
  }

  @Test
  void notRootIsOneLineNamingTheFileAndChangesNothing() {
    HostRoot h = Hosts.fixture("demo", tmp);
    Map<String, String> before = Hosts.snapshot(h);
    BindPlan p = BindPlanner.plan(h, List.of(PciAddress.parse("01:00.0")), false);
    FaultyWriter w =
        new FaultyWriter(
            new SimulatedKernel(h),
            1,
            new AccessDeniedException(
                h.path("/sys/bus/pci/devices/0000:01:00.0/driver_override").toString()));
    assertThatThrownBy(() -> BindExecutor.apply(h, w, p, journal()))
        .isInstanceOf(MuxlessException.class)
        .hasMessage(
            "cannot write /sys/bus/pci/devices/0000:01:00.0/driver_override: permission denied"
                + " (nothing was changed)")
        .satisfies(
            e -> assertThat(((MuxlessException) e).status()).isEqualTo(ExitStatus.ENVIRONMENT));
    assertThat(Hosts.diff(before, Hosts.snapshot(h))).isEmpty();
    assertThat(Files.exists(journal())).isFalse();
  }

  @Test
  void journalKeepsTheFirstOriginalAcrossTwoBinds() throws Exception {
    HostRoot h = Hosts.fixture("demo", tmp);
    Map<String, String> before = Hosts.snapshot(h);
    SimulatedKernel k = new SimulatedKernel(h);
    BindPlan p = BindPlanner.plan(h, List.of(PciAddress.parse("01:00.0")), false);
    assertThat(BindExecutor.apply(h, k, p, journal()).ok()).isTrue();
    BindPlan again = BindPlanner.plan(h, List.of(PciAddress.parse("01:00.0")), false);
    assertThat(again.steps()).isEmpty();
    assertThat(Journal.load(journal(), h).devices())
        .containsExactly(new DeviceState("0000:01:00.0", "nvidia", null));
    // something clears driver_override while the device stays on vfio-pci: a second bind has a
    // step to do and must not record vfio-pci as the original
    k.write("/sys/bus/pci/devices/0000:01:00.0/driver_override", "");
    BindPlan second = BindPlanner.plan(h, List.of(PciAddress.parse("01:00.0")), false);
    assertThat(second.steps())
        .containsExactly(
            new HostWrite("/sys/bus/pci/devices/0000:01:00.0/driver_override", "vfio-pci"));
    ApplyResult r = BindExecutor.apply(h, k, second, journal());
    assertThat(r.ok()).as(r.failure()).isTrue();
    assertThat(r.done()).hasSize(1);
    assertThat(Journal.load(journal(), h).devices())
        .containsExactly(new DeviceState("0000:01:00.0", "nvidia", null));
    assertThat(VfioRestore.apply(h, k, journal()).problems()).isEmpty();
    assertThat(Hosts.diff(before, Hosts.snapshot(h))).isEmpty();
  }

  @Test
  void anEmptyJournalFileIsAnEmptyJournal() throws Exception {
    HostRoot h = Hosts.fixture("demo", tmp);
    Files.createDirectories(journal().getParent());
    Files.writeString(journal(), "");
    assertThat(Journal.load(journal(), h).devices()).isEmpty();
    assertThat(VfioRestore.plan(h, journal())).isEmpty();
    BindPlan p = BindPlanner.plan(h, List.of(PciAddress.parse("01:00.0")), false);
    assertThat(BindExecutor.apply(h, new SimulatedKernel(h), p, journal()).ok()).isTrue();
    assertThat(Journal.load(journal(), h).devices())
        .containsExactly(new DeviceState("0000:01:00.0", "nvidia", null));
  }

  @Test
  void aDamagedJournalIsAnEnvironmentErrorNamingTheFileAndTheWayOut() throws Exception {
    HostRoot h = Hosts.fixture("demo", tmp);
    Files.createDirectories(journal().getParent());
    Files.writeString(journal(), "{\"host\": \"demo\", \"devi");
    assertThatThrownBy(() -> VfioRestore.plan(h, journal()))
        .isInstanceOf(MuxlessException.class)
        .hasMessageContaining(journal().toString())
        .hasMessageContaining("damaged")
        .satisfies(
            e -> {
              MuxlessException m = (MuxlessException) e;
              assertThat(m.status()).isEqualTo(ExitStatus.ENVIRONMENT);
              assertThat(m.hint()).contains("move " + journal() + " away");
            });
  }

  @Test
  void restoreKeepsAbsentDevicesAndCountsOnlyTheDevicesItChanged() throws Exception {
    HostRoot h = Hosts.fixture("mxm-laptop", tmp);
    SimulatedKernel k = new SimulatedKernel(h);
    BindPlan p = BindPlanner.plan(h, List.of(PciAddress.parse("01:00.0")), false);
    assertThat(BindExecutor.apply(h, k, p, journal()).ok()).isTrue();
    // the audio function drops off the bus (hot-unplugged, or the slot powered down)
    dev.muxless.host.TreeFixture.deleteTree(h.path("/sys/bus/pci/devices/0000:01:00.1"));
    assertThat(VfioRestore.plan(h, journal()))
        .extracting(VfioRestore.DeviceRestore::absent)
        .containsExactly(false, true);
    VfioRestore.Result r = VfioRestore.apply(h, k, journal());
    assertThat(r.problems()).isEmpty();
    assertThat(r.restored()).containsExactly("0000:01:00.0");
    assertThat(r.absent()).containsExactly("0000:01:00.1");
    assertThat(Journal.load(journal(), h).devices())
        .containsExactly(new DeviceState("0000:01:00.1", "snd_hda_intel", null));
    VfioRestore.Result again = VfioRestore.apply(h, k, journal());
    assertThat(again.restored()).isEmpty();
    assertThat(again.done()).isEmpty();
    assertThat(again.absent()).containsExactly("0000:01:00.1");
    assertThat(Files.exists(journal())).isTrue();
  }

  @Test
  void restoreTellsAFailedWriteFromAFailedCheck() throws Exception {
    for (boolean io : List.of(true, false)) {
      Path root = Files.createDirectories(tmp.resolve("io-" + io));
      Path jf = root.resolve("journal.json");
      HostRoot h = Hosts.fixture("demo", root);
      SimulatedKernel k = new SimulatedKernel(h);
      BindPlan p = BindPlanner.plan(h, List.of(PciAddress.parse("01:00.0")), false);
      assertThat(BindExecutor.apply(h, k, p, jf).ok()).isTrue();
      int[] n = {0};
      HostWriter w =
          (path, value) -> {
            if (path.endsWith("/bind")) {
              if (io) {
                throw new IOException("Input/output error");
              }
              return; // the write "succeeds" and binds nothing
            }
            n[0]++;
            k.write(path, value);
          };
      VfioRestore.Result r = VfioRestore.apply(h, w, jf);
      assertThat(n[0]).isPositive();
      assertThat(r.problems()).hasSize(1);
      assertThat(r.writeFailed()).as("io=" + io).isEqualTo(io);
      assertThat(r.restored()).isEmpty();
      assertThat(Journal.load(jf, h).devices()).hasSize(1);
    }
  }
}
