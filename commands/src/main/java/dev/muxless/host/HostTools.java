package dev.muxless.host;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Finds qemu and OVMF on a host and their versions. A version comes from the package database
 * ({@code /var/lib/dpkg/status}), so it works on fixture trees too; on the real host, qemu's own
 * {@code --version} is asked when the package database has nothing.
 */
public final class HostTools {
  static final List<String> QEMU =
      List.of(
          "/usr/bin/qemu-system-x86_64",
          "/usr/local/bin/qemu-system-x86_64",
          "/usr/libexec/qemu-kvm",
          "/bin/qemu-system-x86_64");

  /**
   * OVMF code images where Debian, Fedora and Arch install them: the code halves of the pairs
   * {@code vm init} looks for, then the combined image some distributions ship.
   */
  static final List<String> OVMF =
      java.util.stream.Stream.concat(
              dev.muxless.qemu.OvmfLocator.CANDIDATES.stream()
                  .map(dev.muxless.qemu.OvmfLocator.Ovmf::code),
              java.util.stream.Stream.of("/usr/share/qemu/OVMF.fd", "/usr/share/ovmf/OVMF.fd"))
          .toList();

  private HostTools() {}

  /** A tool found at a host path, with its version when known. */
  public record Found(String path, String version) {}

  public static Optional<Found> qemu(HostRoot host) {
    for (String p : QEMU) {
      if (Files.isRegularFile(host.path(p))) {
        String v = dpkgVersion(host, "qemu-system-x86").orElse(null);
        if (v == null && host.isReal()) {
          v = runVersion(host.path(p)).orElse(null);
        }
        return Optional.of(new Found(p, v));
      }
    }
    return Optional.empty();
  }

  public static Optional<Found> ovmf(HostRoot host) {
    for (String p : OVMF) {
      if (Files.isRegularFile(host.path(p))) {
        String v = dpkgVersion(host, "ovmf").or(() -> dpkgVersion(host, "edk2-ovmf")).orElse(null);
        return Optional.of(new Found(p, v));
      }
    }
    return Optional.empty();
  }

  /** The Version: of an installed package in /var/lib/dpkg/status (streamed: it runs to MBs). */
  public static Optional<String> dpkgVersion(HostRoot host, String pkg) {
    Path status = host.path("/var/lib/dpkg/status");
    if (!Files.isRegularFile(status)) {
      return Optional.empty();
    }
    try (BufferedReader r = Files.newBufferedReader(status, StandardCharsets.UTF_8)) {
      boolean in = false;
      String line;
      while ((line = r.readLine()) != null) {
        if (line.startsWith("Package: ")) {
          in = line.substring(9).trim().equals(pkg);
        } else if (in && line.startsWith("Version: ")) {
          return Optional.of(line.substring(9).trim());
        }
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  /** "QEMU emulator version 7.2.15 (Debian ...)" → "7.2.15"; bounded to a few seconds. */
  static Optional<String> runVersion(Path exe) {
    try {
      Process p = new ProcessBuilder(exe.toString(), "--version").redirectErrorStream(true).start();
      byte[] out = p.getInputStream().readNBytes(4096);
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return Optional.empty();
      }
      String first = new String(out, StandardCharsets.UTF_8).lines().findFirst().orElse("");
      int i = first.indexOf("version ");
      if (i < 0) {
        return Optional.empty();
      }
      String rest = first.substring(i + 8).trim();
      int sp = rest.indexOf(' ');
      return Optional.of(sp < 0 ? rest : rest.substring(0, sp));
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
