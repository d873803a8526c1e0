package dev.muxless.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.muxless.core.MuxlessException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A real TCG launch of a profile without passthrough (SeaBIOS, no disk, no NIC, the fake battery
 * SSDT from ../shared when present): QMP reports running, events arrive, stop ends it, nothing is
 * left behind.
 */
class VmLaunchTest extends StateIsolation {

  /** A failed assertion must not leave a qemu running. */
  @AfterEach
  void killLeftovers() {
    for (VmRuntime rt : VmRuntime.all()) {
      rt.process().ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  static VmProfile tcgProfile(String name) {
    List<String> tables = new ArrayList<>();
    Tools.sharedIfPresent()
        .map(s -> s.resolve("acpi/community-fake-battery-SSDT1.dat"))
        .filter(Files::isRegularFile)
        .ifPresent(p -> tables.add(p.toString()));
    return new VmProfile(
        name,
        null,
        "q35",
        "tcg",
        null,
        128,
        1,
        new VmProfile.Firmware("seabios", null, null, null),
        null,
        null,
        null,
        tables,
        null,
        new VmProfile.Display("none", null, null),
        new VmProfile.Network("none", null));
  }

  @Test
  void launchReportsRunningDeliversEventsAndStopLeavesNothing() throws Exception {
    Tools.require("qemu-system-x86_64");
    VmProfile p = tcgProfile("tcg1");
    VmLauncher.Started s = VmLauncher.start(p, Duration.ofSeconds(15));
    VmRuntime rt = VmRuntime.of("tcg1");
    assertThat(s.status()).isEqualTo("running");
    assertThat(s.qemuVersion()).matches("\\d+\\.\\d+\\.\\d+");
    assertThat(Files.getPosixFilePermissions(rt.dir()))
        .containsExactlyInAnyOrder(
            java.nio.file.attribute.PosixFilePermission.OWNER_READ,
            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE,
            java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE);
    assertThat(VmControl.status("tcg1").qmpStatus()).isEqualTo("running");
    assertThat(VmControl.status("tcg1").pid()).isEqualTo(s.pid());
    assertThatThrownBy(() -> VmLauncher.start(p, Duration.ofSeconds(5)))
        .isInstanceOf(MuxlessException.class)
        .hasMessageContaining("already running (pid " + s.pid() + ")");

    // a watcher on the event socket sees what stop causes, while stop uses the command socket
    List<QmpEvent> watched = new CopyOnWriteArrayList<>();
    Thread watcher =
        new Thread(() -> VmControl.watch("tcg1", Duration.ofSeconds(20), watched::add));
    watcher.start();
    Thread.sleep(300); // let the watcher connect before the events happen
    try (QmpClient qmp = QmpClient.connect(rt.qmpSocket(), Duration.ofSeconds(5))) {
      qmp.execute("stop", java.util.Map.of(), Duration.ofSeconds(5));
      assertThat(
              qmp.execute("query-status", java.util.Map.of(), Duration.ofSeconds(5))
                  .path("status")
                  .asText())
          .isEqualTo("paused");
      qmp.execute("cont", java.util.Map.of(), Duration.ofSeconds(5));
      qmp.execute("system_reset", java.util.Map.of(), Duration.ofSeconds(5));
      assertThatThrownBy(
              () -> qmp.execute("no-such-command", java.util.Map.of(), Duration.ofSeconds(5)))
          .hasMessageContaining("no-such-command: The command no-such-command has not been found");
    }
    List<QmpEvent> live = new CopyOnWriteArrayList<>();
    // SeaBIOS without a boot disk never acts on the power button: stop falls back to quit
    VmControl.Stopped stopped = VmControl.stop("tcg1", false, Duration.ofSeconds(1), live::add);
    watcher.join(10_000);

    assertThat(stopped.how()).isEqualTo("quit after 1 s");
    assertThat(live).extracting(QmpEvent::event).contains("POWERDOWN", "SHUTDOWN");
    assertThat(live).isEqualTo(stopped.events());
    assertThat(watched)
        .extracting(QmpEvent::event)
        .containsSubsequence("STOP", "RESUME", "RESET", "POWERDOWN", "SHUTDOWN");
    QmpEvent shutdown =
        watched.stream().filter(e -> e.event().equals("SHUTDOWN")).findFirst().orElseThrow();
    assertThat(shutdown.data()).contains("host-qmp-quit");
    assertThat(watcher.isAlive()).isFalse();

    assertThat(ProcessHandle.of(s.pid()).map(VmRuntime::running).orElse(false)).isFalse();
    assertThat(rt.qmpSocket()).doesNotExist();
    assertThat(rt.eventSocket()).doesNotExist();
    assertThat(rt.pidFile()).doesNotExist();
    assertThat(rt.log()).exists();
    assertThat(VmControl.status("tcg1").state()).isEqualTo("stopped");
  }

  @Test
  void forceQuitsAtOnce() throws Exception {
    Tools.require("qemu-system-x86_64");
    VmLauncher.Started s = VmLauncher.start(tcgProfile("tcg2"), Duration.ofSeconds(15));
    List<QmpEvent> live = new ArrayList<>();
    VmControl.Stopped stopped = VmControl.stop("tcg2", true, Duration.ofSeconds(30), live::add);
    assertThat(stopped.how()).isEqualTo("quit at once (--force)");
    assertThat(live).extracting(QmpEvent::event).doesNotContain("POWERDOWN").contains("SHUTDOWN");
    assertThat(ProcessHandle.of(s.pid()).map(VmRuntime::running).orElse(false)).isFalse();
    assertThat(VmRuntime.of("tcg2").qmpSocket()).doesNotExist();
  }

  @Test
  void ovmfLaunchCreatesTheVarsCopyOnceAndRuns(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    Tools.require("qemu-system-x86_64");
    Path code = Path.of("/usr/share/OVMF/OVMF_CODE_4M.fd");
    Path template = Path.of("/usr/share/OVMF/OVMF_VARS_4M.fd");
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.isRegularFile(code) && Files.isRegularFile(template), "ovmf not installed");
    VmProfile base = tcgProfile("ovmf1");
    Path vars = dir.resolve("ovmf1_VARS.fd");
    VmProfile p =
        new VmProfile(
            base.name(),
            null,
            "q35",
            "tcg",
            null,
            256,
            1,
            new VmProfile.Firmware("ovmf", code.toString(), vars.toString(), template.toString()),
            null,
            null,
            null,
            base.acpiTables(),
            null,
            base.display(),
            base.network());
    VmLauncher.Started s = VmLauncher.start(p, Duration.ofSeconds(15));
    assertThat(s.status()).isEqualTo("running");
    assertThat(s.notes()).containsExactly("created " + vars + " from " + template);
    assertThat(Files.readAllBytes(vars)).isEqualTo(Files.readAllBytes(template));
    VmControl.stop("ovmf1", true, Duration.ofSeconds(5), e -> {});
    // the second start keeps the VM's own vars (a byte changed as if the guest had written it)
    byte[] mine = Files.readAllBytes(vars);
    mine[mine.length - 1] ^= 0x5a;
    Files.write(vars, mine);
    VmLauncher.Started again = VmLauncher.start(p, Duration.ofSeconds(15));
    assertThat(again.notes()).isEmpty();
    VmControl.stop("ovmf1", true, Duration.ofSeconds(5), e -> {});
    // not replaced by the template (the firmware itself may have written other variables)
    assertThat(Files.readAllBytes(vars)).isNotEqualTo(Files.readAllBytes(template));
  }

  @Test
  void staleFilesAreExplainedNotTrustedAndClearedOnStart() throws Exception {
    VmRuntime rt = VmRuntime.of("stale1");
    rt.create();
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Files.writeString(rt.pidFile(), gone.pid() + "\n");
    Files.writeString(rt.qmpSocket(), ""); // a dead socket file left behind

    RuntimeState st = rt.inspect();
    assertThat(st.kind()).isEqualTo(RuntimeState.Kind.STALE);
    assertThat(st.explanation())
        .contains("names " + gone.pid() + ", which is not running")
        .contains("qmp.sock refuses connections");
    VmControl.VmStatus vs = VmControl.status("stale1");
    assertThat(vs.state()).isEqualTo("stale");
    assertThat(vs.qmpStatus()).isNull();

    // a pid reused by another program (here: this JVM) is not trusted as qemu either
    Files.writeString(rt.pidFile(), ProcessHandle.current().pid() + "\n");
    assertThat(rt.inspect().explanation()).contains("which is now another program (pid reused)");
    assertThat(rt.process()).isEmpty();

    VmControl.Stopped s = VmControl.stop("stale1", false, Duration.ofSeconds(1), e -> {});
    assertThat(s.how()).startsWith("not running; removed stale files");
    assertThat(rt.pidFile()).doesNotExist();
    assertThat(rt.qmpSocket()).doesNotExist();

    // the same leftovers again: vm start clears them, says so, and starts
    Tools.require("qemu-system-x86_64");
    Files.writeString(rt.pidFile(), gone.pid() + "\n");
    Files.writeString(rt.qmpSocket(), "");
    VmLauncher.Started started = VmLauncher.start(tcgProfile("stale1"), Duration.ofSeconds(15));
    try {
      assertThat(started.notes())
          .anySatisfy(
              n ->
                  assertThat(n)
                      .startsWith("cleared stale files: ")
                      .contains("names " + gone.pid() + ", which is not running")
                      .contains("qmp.sock refuses connections"));
      assertThat(rt.inspect().kind()).isEqualTo(RuntimeState.Kind.RUNNING);
      assertThat(rt.pid()).contains(started.pid());
    } finally {
      VmControl.stop("stale1", true, Duration.ofSeconds(5), e -> {});
    }
    assertThat(rt.pidFile()).doesNotExist();
  }

  @Test
  void qemuFailingToStartIsReportedWithItsLog() {
    Tools.require("qemu-system-x86_64");
    VmProfile bad =
        new VmProfile(
            "bad1",
            null,
            "q35",
            "tcg",
            "no-such-cpu-model",
            128,
            1,
            new VmProfile.Firmware("seabios", null, null, null),
            null,
            null,
            null,
            null,
            null,
            null,
            new VmProfile.Network("none", null));
    assertThatThrownBy(() -> VmLauncher.start(bad, Duration.ofSeconds(15)))
        .isInstanceOf(MuxlessException.class)
        .hasMessageContaining("qemu exited with status 1 while starting")
        .hasMessageContaining("no-such-cpu-model");
    assertThat(VmRuntime.of("bad1").inspect().kind()).isEqualTo(RuntimeState.Kind.STOPPED);
  }
}
