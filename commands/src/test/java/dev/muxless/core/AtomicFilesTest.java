package dev.muxless.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path tmp;

  @Test
  void replacingAFileKeepsItsPermissions() throws Exception {
    Path grub = tmp.resolve("grub");
    Files.writeString(grub, "old\n");
    Files.setPosixFilePermissions(grub, PosixFilePermissions.fromString("rw-r--r--"));
    AtomicFiles.writeString(grub, "new\n");
    assertThat(Files.readString(grub)).isEqualTo("new\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(grub)))
        .isEqualTo("rw-r--r--");

    Path secret = tmp.resolve("secret");
    Files.writeString(secret, "x");
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
    AtomicFiles.writeString(secret, "y");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)))
        .isEqualTo("rw-------");
  }

  @Test
  void aNewFileIsWorldReadableAndNoTemporaryIsLeft() throws Exception {
    Path report = tmp.resolve("sub/report.md");
    AtomicFiles.writeString(report, "# r\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(report)))
        .isEqualTo("rw-r--r--");
    try (Stream<Path> s = Files.list(report.getParent())) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("report.md");
    }
  }

  @Test
  void aFailedWriteIsAnEnvironmentErrorAndLeavesNoTemporaryBehind() throws Exception {
    // the rename onto a non-empty directory fails even for root: what is there stays intact
    Path target = tmp.resolve("busy");
    Files.createDirectories(target);
    Files.writeString(target.resolve("inside"), "keep");
    assertThatThrownBy(() -> AtomicFiles.writeString(target, "lost"))
        .isInstanceOfSatisfying(
            MuxlessException.class,
            e -> {
              assertThat(e.status()).isEqualTo(ExitStatus.ENVIRONMENT);
              assertThat(e.getMessage()).startsWith("cannot write " + target);
            });
    assertThat(Files.readString(target.resolve("inside"))).isEqualTo("keep");
    try (Stream<Path> s = Files.list(tmp)) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("busy");
    }
  }
}
