package dev.muxless.qemu;

import dev.muxless.core.AtomicFiles;
import dev.muxless.host.HostRoot;
import java.nio.file.Path;
import java.util.List;

/** The demo host's profile, as {@code vm init} writes it, in a directory of the test's own. */
final class DemoProfiles {
  private DemoProfiles() {}

  static VmInit.Options demoOptions() {
    return new VmInit.Options(
        "demo",
        null,
        null,
        "vbios.rom",
        List.of("ssdt-rom.aml", "ssdt-battery.aml"),
        "vmlinuz",
        "initrd.img",
        "console=ttyS0 root=/dev/vda1 quiet");
  }

  /** Writes demo.json into dir via vm init on the demo host and returns its path. */
  static Path write(Path dir) {
    VmInit.Result r = VmInit.init(HostRoot.demo(), demoOptions());
    Path f = dir.resolve("demo.json");
    AtomicFiles.writeString(f, ProfileReader.write(r.profile()));
    return f;
  }

  /** Text with the test directory replaced by @DIR@, so goldens do not depend on it. */
  static String portable(String text, Path dir) {
    return text.replace(dir.toAbsolutePath().toString(), "@DIR@");
  }
}
