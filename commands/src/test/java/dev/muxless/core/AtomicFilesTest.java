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
  void anUnwritableDirectoryIsAnEnvironmentErrorAndTheOldFileStays() throws Exception {
    Path f = tmp.resolve("ro/f");
    Files.createDirectories(f.getParent());
    Files.writeString(f, "keep");
    Files.setPosixFilePermissions(f.getParent(), PosixFilePermissions.fromString("r-x------"));
    try {
      org.junit.jupiter.api.Assumptions.assumeFalse(
          Files.isWritable(f.getParent()), "running as root: directory permissions not enforced");
      assertThatThrownBy(() -> AtomicFiles.writeString(f, "lost"))
          .isInstanceOfSatisfying(
              MuxlessException.class,
              e -> assertThat(e.status()).isEqualTo(ExitStatus.ENVIRONMENT));
      assertThat(Files.readString(f)).isEqualTo("keep");
    } finally {
      Files.setPosixFilePermissions(f.getParent(), PosixFilePermissions.fromString("rwx------"));
    }
  }
}
