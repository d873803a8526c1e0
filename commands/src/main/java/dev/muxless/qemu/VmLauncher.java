package dev.muxless.qemu;

import dev.muxless.core.AtomicFiles;
import dev.muxless.core.MuxlessException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts qemu for a profile: checks the inputs exist, creates the per-VM OVMF vars copy from its
 * template when missing, refuses to start over a running VM and clears a stale runtime directory
 * (saying why), runs qemu from its argv with {@link ProcessBuilder} (never a shell) with stderr in
 * the runtime log, then waits for the QMP handshake and asks {@code query-status}.
 */
public final class VmLauncher {
  private VmLauncher() {}

  /** What {@code vm start} did; notes explain stale files cleared and files created. */
  public record Started(
      String name,
      long pid,
      String status,
      String qemuVersion,
      String runtimeDir,
      String log,
      List<String> notes,
      List<String> argv) {}

  /** What {@code vm start --dry-run} would run, after the same checks. */
  public static List<String> plan(VmProfile p) {
    requireInputs(p);
    return QemuArgs.forLaunch(p, VmRuntime.of(p.name()));
  }

  /**
   * Starts the VM. The runtime directory's lock is held from the inspection to the end of the QMP
   * handshake, so a second {@code vm start} of the same VM waits, then finds it running.
   */
  public static Started start(VmProfile p, Duration timeout) {
    VmRuntime rt = VmRuntime.of(p.name());
    requireInputs(p);
    rt.create();
    try (VmRuntime.Lock lock = rt.lock(timeout)) {
      return startLocked(p, rt, timeout);
    }
  }

  private static Started startLocked(VmProfile p, VmRuntime rt, Duration timeout) {
    List<String> notes = new ArrayList<>();
    RuntimeState state = rt.inspect();
    if (state.kind() == RuntimeState.Kind.RUNNING) {
      throw MuxlessException.badInput(
          "VM '" + p.name() + "' is already running (pid " + state.pid() + ")",
          "see 'vm status " + p.name() + "', or stop it with 'vm stop " + p.name() + "'");
    }
    if (state.kind() == RuntimeState.Kind.IN_USE) {
      throw rt.inUse(state);
    }
    if (state.kind() == RuntimeState.Kind.STALE) {
      notes.add("cleared stale files: " + state.explanation());
      rt.clean();
    }
    ensureVars(p, notes);
    List<String> argv = QemuArgs.forLaunch(p, rt);
    AtomicFiles.writeString(rt.profileCopy(), ProfileReader.write(p));
    ProcessBuilder pb = new ProcessBuilder(detached(argv));
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.redirectOutput(ProcessBuilder.Redirect.to(rt.log().toFile()));
    pb.redirectErrorStream(true);
    Process proc;
    try {
      proc = pb.start();
    } catch (IOException e) {
      throw MuxlessException.environment(
          "cannot run " + argv.get(0) + ": " + e.getMessage(),
          "install qemu-system-x86 or set \"qemu\" in the profile to the binary's path");
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!VmRuntime.accepts(rt.qmpSocket())) {
      if (!proc.isAlive()) {
        throw exited(proc, rt);
      }
      if (System.nanoTime() > deadline) {
        proc.destroyForcibly();
        rt.cleanIfOurs(proc.pid());
        throw MuxlessException.environment(
            "qemu did not open its QMP socket within " + timeout.toSeconds() + " s",
            "see " + rt.log());
      }
      sleep(50);
    }
    try (QmpClient qmp = QmpClient.connect(rt.qmpSocket(), timeout)) {
      String status = qmp.execute("query-status", Map.of(), timeout).path("status").asText();
      return new Started(
          p.name(),
          proc.pid(),
          status,
          qmp.qemuVersion(),
          rt.dir().toString(),
          rt.log().toString(),
          notes,
          argv);
    } catch (IOException | MuxlessException e) {
      // qemu opens its monitors before it checks the rest of the command line, so a bad option
      // shows up here as a closed connection: report qemu's own words then
      try {
        if (proc.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
          throw exited(proc, rt);
        }
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
      }
      throw MuxlessException.environment(
          "qemu started (pid " + proc.pid() + ") but QMP failed: " + e.getMessage(),
          "see " + rt.log() + "; stop it with 'vm stop " + p.name() + " --force'");
    }
  }

  /**
   * qemu in its own session (setsid(1), util-linux), so a Ctrl-C in the terminal that ran {@code vm
   * start --follow} stops muxless, not the guest. setsid execs qemu directly (a child of the JVM is
   * not a process-group leader), so the pid stays qemu's. Without setsid, argv as is.
   */
  static List<String> detached(List<String> argv) {
    for (String dir : new String[] {"/usr/bin", "/bin"}) {
      if (java.nio.file.Files.isExecutable(java.nio.file.Path.of(dir, "setsid"))) {
        List<String> out = new java.util.ArrayList<>();
        out.add(dir + "/setsid");
        out.addAll(argv);
        return out;
      }
    }
    return argv;
  }

  private static MuxlessException exited(Process proc, VmRuntime rt) {
    int code = proc.exitValue();
    rt.cleanIfOurs(proc.pid());
    return MuxlessException.environment(
        "qemu exited with status " + code + " while starting: " + rt.logTail(3),
        "the whole log is " + rt.log() + "; 'vm check' finds most causes");
  }

  /** Each input file the profile names must exist: one error naming the first missing field. */
  static void requireInputs(VmProfile p) {
    for (var e : ProfilePaths.inputs(p).entrySet()) {
      if (!Files.isRegularFile(Path.of(e.getValue()))) {
        throw MuxlessException.badInput(
            p.name() + ": field '" + e.getKey() + "': no such file " + e.getValue(),
            hintFor(e.getKey()));
      }
    }
    if (p.firmware().isOvmf()
        && !Files.isRegularFile(Path.of(p.firmware().vars()))
        && p.firmware().varsTemplate() == null) {
      throw MuxlessException.badInput(
          p.name() + ": field 'firmware.vars': no such file " + p.firmware().vars(),
          "add \"varsTemplate\": \"/usr/share/OVMF/OVMF_VARS_4M.fd\" so muxless can create it");
    }
  }

  private static String hintFor(String field) {
    if (field.startsWith("firmware")) {
      return "install ovmf (Debian: apt install ovmf) or fix the path; 'vm init' finds it";
    }
    if (field.equals("gpu.romfile")) {
      return "extract the VBIOS first ('rom extract' / 'rom dump'), or fix the path";
    }
    if (field.startsWith("acpiTables")) {
      return "generate the tables first ('acpi rom-table', 'acpi battery'), or fix the path";
    }
    return "fix the path in the profile (relative paths are relative to the profile file)";
  }

  /** The per-VM vars copy: created once from the template, then the VM's own (never reset). */
  private static void ensureVars(VmProfile p, List<String> notes) {
    if (!p.firmware().isOvmf()) {
      return;
    }
    Path vars = Path.of(p.firmware().vars());
    if (Files.isRegularFile(vars)) {
      return;
    }
    Path template = Path.of(p.firmware().varsTemplate());
    try {
      AtomicFiles.write(vars, Files.readAllBytes(template));
    } catch (IOException e) {
      throw MuxlessException.environment(
          "cannot read " + template + ": " + e.getMessage(), "check the OVMF installation");
    }
    notes.add("created " + vars + " from " + template);
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw MuxlessException.environment("interrupted", null);
    }
  }
}
