package dev.muxless.qemu;

import dev.muxless.core.MuxlessException;
import dev.muxless.host.StateDir;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A VM's private runtime directory, {@code <state>/vm/<name>} (mode 0700, as the QMP socket gives
 * full control of the VM): the QMP sockets, qemu's pid file, qemu's stderr log and the profile it
 * was started from. Pids are checked against this machine's process table (not the host root): qemu
 * runs here.
 */
public final class VmRuntime {
  /** sun_path is 108 bytes on Linux, including the terminating NUL. */
  static final int MAX_SOCKET_PATH = 107;

  private final String name;
  private final Path dir;

  private VmRuntime(String name, Path dir) {
    this.name = name;
    this.dir = dir;
  }

  public static Path root() {
    return StateDir.path().resolve("vm");
  }

  public static VmRuntime of(String name) {
    if (name == null || !ProfileValidator.NAME.matcher(name).matches()) {
      throw MuxlessException.badInput(
          "not a VM name: '" + name + "'", "see 'vm status' for the VMs muxless knows");
    }
    return new VmRuntime(name, root().resolve(name));
  }

  /** Every VM with a runtime directory, by name. */
  public static List<VmRuntime> all() {
    List<VmRuntime> out = new ArrayList<>();
    if (!Files.isDirectory(root())) {
      return out;
    }
    try (Stream<Path> s = Files.list(root())) {
      s.filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .filter(n -> ProfileValidator.NAME.matcher(n).matches())
          .sorted()
          .forEach(n -> out.add(of(n)));
    } catch (IOException e) {
      // nothing listed
    }
    return out;
  }

  public String name() {
    return name;
  }

  public Path dir() {
    return dir;
  }

  public Path qmpSocket() {
    return dir.resolve("qmp.sock");
  }

  public Path eventSocket() {
    return dir.resolve("events.sock");
  }

  public Path pidFile() {
    return dir.resolve("qemu.pid");
  }

  public Path log() {
    return dir.resolve("qemu.log");
  }

  public Path profileCopy() {
    return dir.resolve("profile.json");
  }

  /** Creates the directory with mode 0700 (and tightens an existing one). */
  public void create() {
    try {
      Files.createDirectories(dir.getParent());
      if (!Files.isDirectory(dir)) {
        Files.createDirectory(
            dir,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    } catch (IOException e) {
      throw MuxlessException.environment(
          "cannot create the runtime directory " + dir + ": " + e.getMessage(),
          "set MUXLESS_STATE or XDG_STATE_HOME to a writable directory");
    }
    if (eventSocket().toString().length() > MAX_SOCKET_PATH) {
      throw MuxlessException.environment(
          "the QMP socket path " + eventSocket() + " is longer than a unix socket allows (107)",
          "set MUXLESS_STATE to a shorter directory");
    }
  }

  /** The pid in qemu's pid file, if there is a readable one. */
  public Optional<Long> pid() {
    try {
      String s = Files.readString(pidFile(), StandardCharsets.US_ASCII).trim();
      return s.matches("\\d{1,10}") ? Optional.of(Long.parseLong(s)) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The live qemu process the pid file names; empty when it is gone or the pid was reused. */
  public Optional<ProcessHandle> process() {
    return pid().flatMap(ProcessHandle::of).filter(VmRuntime::running).filter(VmRuntime::isQemu);
  }

  /**
   * Alive and not a zombie: a qemu started by an earlier muxless process is reparented when that
   * process exits, and in a container without an init that reaps, it lingers as a zombie that
   * {@link ProcessHandle#isAlive} still reports.
   */
  static boolean running(ProcessHandle h) {
    if (!h.isAlive()) {
      return false;
    }
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(h.pid()), "stat"));
      int close = stat.lastIndexOf(')');
      return close < 0 || close + 2 >= stat.length() || stat.charAt(close + 2) != 'Z';
    } catch (IOException e) {
      return h.isAlive();
    }
  }

  static boolean isQemu(ProcessHandle h) {
    // /proc/<pid>/cmdline is readable for our own processes; info().command() may be empty
    Optional<String> cmd = h.info().command();
    if (cmd.isPresent()) {
      return cmd.get().contains("qemu");
    }
    try {
      byte[] b = Files.readAllBytes(Path.of("/proc", Long.toString(h.pid()), "cmdline"));
      return new String(b, StandardCharsets.UTF_8).contains("qemu");
    } catch (IOException e) {
      return false;
    }
  }

  /** True when something accepts connections on the socket (a live qemu monitor). */
  static boolean accepts(Path socket) {
    if (!Files.exists(socket)) {
      return false;
    }
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.connect(UnixDomainSocketAddress.of(socket));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * What is in the directory now: running, stopped (nothing left), stale (a pid file or socket from
   * an earlier run that nothing is behind), or in use (a socket accepts connections but no qemu
   * owns the pid file: never treated as stale), with the reason in words. The pid file is read
   * once.
   */
  public RuntimeState inspect() {
    Optional<Long> pid = pid();
    Optional<ProcessHandle> handle = pid.flatMap(ProcessHandle::of);
    Optional<ProcessHandle> live = handle.filter(VmRuntime::running).filter(VmRuntime::isQemu);
    if (live.isPresent()) {
      return new RuntimeState(
          RuntimeState.Kind.RUNNING, live.get().pid(), "qemu is running", live.get());
    }
    List<String> why = new ArrayList<>();
    if (pid.isPresent()) {
      String now;
      if (handle.isEmpty() || !handle.get().isAlive()) {
        now = ", which is not running";
      } else if (!running(handle.get())) {
        now = ", which exited but was not reaped (a zombie)";
      } else {
        now = ", which is now another program (pid reused)";
      }
      why.add("pid file " + pidFile() + " names " + pid.get() + now);
    } else if (Files.exists(pidFile())) {
      why.add("pid file " + pidFile() + " is unreadable or empty");
    }
    List<String> answering = new ArrayList<>();
    for (Path s : List.of(qmpSocket(), eventSocket())) {
      if (Files.exists(s)) {
        if (accepts(s)) {
          answering.add(s.toString());
        } else {
          why.add("socket " + s + " refuses connections");
        }
      }
    }
    if (!answering.isEmpty()) {
      return new RuntimeState(
          RuntimeState.Kind.IN_USE,
          pid.orElse(null),
          "socket "
              + String.join(" and ", answering)
              + " accepts connections but no qemu owns the pid file"
              + (why.isEmpty() ? "" : " (" + String.join("; ", why) + ")")
              + ": another muxless may be starting this VM, or a qemu runs without muxless");
    }
    if (why.isEmpty()) {
      return new RuntimeState(RuntimeState.Kind.STOPPED, null, "not running");
    }
    return new RuntimeState(
        RuntimeState.Kind.STALE,
        pid.orElse(null),
        "left over from an earlier run (qemu was killed or the host rebooted): "
            + String.join("; ", why));
  }

  /** Refuses to touch a directory a socket of which answers without a qemu behind it. */
  MuxlessException inUse(RuntimeState s) {
    return MuxlessException.environment(
        "VM '" + name + "': " + s.explanation(),
        "see 'vm status "
            + name
            + "'; if nothing uses "
            + dir
            + ", remove its sockets by hand and try again");
  }

  public Path lockFile() {
    return dir.resolve("lock");
  }

  /** A held {@link #lock}: release it with close. */
  public static final class Lock implements AutoCloseable {
    private final FileChannel channel;

    private Lock(FileChannel channel) {
      this.channel = channel;
    }

    @Override
    public void close() {
      try {
        channel.close(); // releases the lock
      } catch (IOException ignored) {
        // the lock goes with the channel either way
      }
    }
  }

  /**
   * An exclusive lock on the directory's {@code lock} file (the directory must exist), held by
   * {@code vm start} from its inspection to the end of the QMP handshake and by all of {@code vm
   * stop}, so two of them never clean each other's files. Waits up to wait for another holder (a
   * process, or another thread of this one), then fails naming the lock file.
   */
  public Lock lock(Duration wait) {
    FileChannel ch;
    try {
      ch = FileChannel.open(lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw MuxlessException.environment(
          "cannot open " + lockFile() + ": " + e.getMessage(),
          "set MUXLESS_STATE or XDG_STATE_HOME to a writable directory");
    }
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      try {
        if (ch.tryLock() != null) {
          return new Lock(ch);
        }
      } catch (OverlappingFileLockException heldHere) {
        // another thread of this JVM holds it
      } catch (IOException e) {
        closeQuietly(ch);
        throw MuxlessException.environment(
            "cannot lock " + lockFile() + ": " + e.getMessage(), "check the state directory");
      }
      if (System.nanoTime() >= deadline) {
        closeQuietly(ch);
        throw MuxlessException.environment(
            "VM '"
                + name
                + "' is being started or stopped by another muxless (it holds "
                + lockFile()
                + ")",
            "wait for it to finish, then see 'vm status " + name + "'");
      }
      VmLauncher.sleep(50);
    }
  }

  private static void closeQuietly(FileChannel ch) {
    try {
      ch.close();
    } catch (IOException ignored) {
      // failing already
    }
  }

  /**
   * Removes the files only when the pid file is absent or names proc: a qemu that failed to start
   * must not take a live VM's sockets with it.
   */
  void cleanIfOurs(long procPid) {
    Optional<Long> pid = pid();
    if (pid.isEmpty() || pid.get() == procPid) {
      clean();
    }
  }

  /** Removes the sockets and pid file (never the log: it explains the last run). */
  public void clean() {
    for (Path p : List.of(qmpSocket(), eventSocket(), pidFile())) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException e) {
        throw MuxlessException.environment(
            "cannot remove " + p + ": " + e.getMessage(), "remove it by hand");
      }
    }
  }

  /** The last non-empty lines of qemu's log, for error messages. */
  public String logTail(int lines) {
    try {
      List<String> all =
          Files.readAllLines(log(), StandardCharsets.UTF_8).stream()
              .filter(l -> !l.isBlank())
              .toList();
      return String.join(" | ", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "";
    }
  }
}
