package dev.muxless.qemu;

import dev.muxless.host.HostRoot;
import java.util.List;
import java.util.Optional;

/**
 * Finds an OVMF code/vars pair where distributions install it, looked up through the host root.
 * Paths returned are host paths (as qemu on that host will open them).
 */
public final class OvmfLocator {
  /** A code image and the pristine vars template that goes with it. */
  public record Ovmf(String code, String vars) {}

  /** In order of preference: 4 MiB (current) builds before 2 MiB ones; non-secure-boot builds. */
  public static final List<Ovmf> CANDIDATES =
      List.of(
          // Debian, Ubuntu (package ovmf)
          new Ovmf("/usr/share/OVMF/OVMF_CODE_4M.fd", "/usr/share/OVMF/OVMF_VARS_4M.fd"),
          new Ovmf("/usr/share/OVMF/OVMF_CODE.fd", "/usr/share/OVMF/OVMF_VARS.fd"),
          // Fedora (edk2-ovmf)
          new Ovmf("/usr/share/edk2/ovmf/OVMF_CODE.fd", "/usr/share/edk2/ovmf/OVMF_VARS.fd"),
          // Arch (edk2-ovmf)
          new Ovmf("/usr/share/edk2/x64/OVMF_CODE.4m.fd", "/usr/share/edk2/x64/OVMF_VARS.4m.fd"),
          new Ovmf(
              "/usr/share/edk2-ovmf/x64/OVMF_CODE.fd", "/usr/share/edk2-ovmf/x64/OVMF_VARS.fd"),
          // QEMU's own build (make install)
          new Ovmf("/usr/share/qemu/edk2-x86_64-code.fd", "/usr/share/qemu/edk2-i386-vars.fd"));

  private OvmfLocator() {}

  public static Optional<Ovmf> find(HostRoot host) {
    return CANDIDATES.stream()
        .filter(o -> host.exists(o.code()) && host.exists(o.vars()))
        .findFirst();
  }
}
