package dev.muxless.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.muxless.core.ExitStatus;
import dev.muxless.core.MuxlessException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * vm start / vm stop against runtime directories they must not clean: one whose socket answers
 * without a qemu behind the pid file, and one another start or stop holds the lock of. No qemu
 * needed: a fake QMP server and a copy of sleep(1) named like qemu stand in.
 */
class VmRuntimeLockTest extends StateIsolation {
  @TempDir Path tmp;

  private static VmProfile profile(String name) {
    return VmLaunchTest.tcgProfile(name);
  }

  @Test
  void aSocketThatAnswersWithoutQemuIsRefusedNotCleared() throws Exception {
    VmRuntime rt = VmRuntime.of("busy1");
    rt.create();
    try (FakeQmp qmp = new FakeQmp(rt.qmpSocket(), Map.of())) {
      RuntimeState s = rt.inspect();
      assertThat(s.kind()).isEqualTo(RuntimeState.Kind.IN_USE);
      assertThat(s.explanation()).contains("qmp.sock accepts connections but no qemu owns");
      assertThatThrownBy(() -> VmLauncher.start(profile("busy1"), Duration.ofSeconds(1)))
          .isInstanceOfSatisfying(
              MuxlessException.class, e -> assertThat(e.status()).isEqualTo(ExitStatus.ENVIRONMENT))
          .hasMessageContaining("accepts connections");
      assertThatThrownBy(() -> VmControl.stop("busy1", true, Duration.ofSeconds(1), e -> {}))
          .isInstanceOf(MuxlessException.class)
          .hasMessageContaining("accepts connections");
      assertThat(rt.qmpSocket()).exists();
      assertThat(VmControl.status("busy1").state()).isEqualTo("in_use");
    }
  }

  @Test
  void startAndStopWaitForTheLockThenGiveUpWithoutTouchingTheDirectory() throws Exception {
    VmRuntime rt = VmRuntime.of("locked1");
    rt.create();
    Files.writeString(rt.pidFile(), "999999999\n"); // stale: would be cleared without the lock
    try (VmRuntime.Lock held = rt.lock(Duration.ofSeconds(1))) {
      long t0 = System.nanoTime();
      assertThatThrownBy(() -> VmLauncher.start(profile("locked1"), Duration.ofMillis(300)))
          .isInstanceOf(MuxlessException.class)
          .hasMessageContaining("is being started or stopped by another muxless")
          .hasMessageContaining(rt.lockFile().toString());
      assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(Duration.ofMillis(300).toNanos());
      assertThatThrownBy(() -> VmControl.stop("locked1", true, Duration.ZERO, e -> {}))
          .hasMessageContaining("is being started or stopped by another muxless");
      assertThat(rt.pidFile()).exists();
    }
    // released: the stale pid file is now cleared
    VmControl.Stopped s = VmControl.stop("locked1", true, Duration.ofSeconds(1), e -> {});
    assertThat(s.how()).startsWith("not running; removed stale files");
    assertThat(rt.pidFile()).doesNotExist();
  }

  @Test
  void aZombieIsDescribedAsExitedNotReaped() throws Exception {
    // sh starts a child, then becomes sleep, which never reaps it
    Process parent =
        new ProcessBuilder("sh", "-c", "sleep 0.3 & echo $!; exec sleep 5")
            .redirectErrorStream(true)
            .start();
    try {
      String pid =
          new java.io.BufferedReader(new java.io.InputStreamReader(parent.getInputStream()))
              .readLine()
              .trim();
      Path stat = Path.of("/proc", pid, "stat");
      long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
      while (!Files.readString(stat).matches("(?s).*\\) Z .*")) {
        assertThat(System.nanoTime()).isLessThan(deadline);
        Thread.sleep(20);
      }
      VmRuntime rt = VmRuntime.of("zombie1");
      rt.create();
      Files.writeString(rt.pidFile(), pid + "\n");
      RuntimeState s = rt.inspect();
      assertThat(s.kind()).isEqualTo(RuntimeState.Kind.STALE);
      assertThat(s.explanation())
          .contains("names " + pid + ", which exited but was not reaped (a zombie)")
          .doesNotContain("pid reused");
    } finally {
      parent.destroyForcibly();
    }
  }

  /** A long-running process whose executable is named like qemu, so isQemu accepts it. */
  private Process fakeQemu() throws Exception {
    Path sleep = Tools.require("sleep");
    Path fake = tmp.resolve("qemu-system-fake");
    Files.copy(sleep, fake, StandardCopyOption.REPLACE_EXISTING);
    fake.toFile().setExecutable(true);
    return new ProcessBuilder(fake.toString(), "60").start();
  }

  @Test
  void stopStillSendsQuitWhenPowerdownFailsAndSaysQuitWasAcknowledged() throws Exception {
    Process qemu = fakeQemu();
    try {
      VmRuntime rt = VmRuntime.of("fake1");
      rt.create();
      Files.writeString(rt.pidFile(), qemu.pid() + "\n");
      String error =
          "{\"error\": {\"class\": \"GenericError\", \"desc\": \"no ACPI\"}, \"id\": ID}";
      try (FakeQmp qmp = new FakeQmp(rt.qmpSocket(), Map.of("system_powerdown", error))) {
        assertThat(rt.inspect().kind()).isEqualTo(RuntimeState.Kind.RUNNING);
        assertThat(rt.inspect().process().pid()).isEqualTo(qemu.pid());
        VmControl.Stopped s = VmControl.stop("fake1", false, Duration.ofSeconds(1), e -> {});
        assertThat(qmp.commands).containsSubsequence("system_powerdown", "quit");
        assertThat(s.how())
            .isEqualTo("terminated (SIGTERM): qemu acknowledged quit but did not exit")
            .doesNotContain("QMP did not answer");
      }
      assertThat(qemu.isAlive()).isFalse();
      assertThat(rt.pidFile()).doesNotExist();
    } finally {
      qemu.destroyForcibly();
    }
  }

  @Test
  void stateListsOnlyTheKindsItHas() {
    assertThat(List.of(RuntimeState.Kind.values()))
        .extracting(Enum::name)
        .containsExactly("RUNNING", "STOPPED", "STALE", "IN_USE");
  }
}
