package dev.muxless.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputFilesTest {
  @TempDir Path dir;

  private static void oneLineBadInput(Runnable r, String message) {
    assertThatThrownBy(r::run)
        .isInstanceOfSatisfying(
            MuxlessException.class,
            e -> {
              assertThat(e.status()).isEqualTo(ExitStatus.BAD_INPUT);
              assertThat(e.getMessage()).isEqualTo(message).doesNotContain("\n");
              assertThat(e.hint()).isNotBlank();
            });
  }

  @Test
  void readsAFileWithinTheCap() throws Exception {
    Path f = dir.resolve("t.aml");
    Files.write(f, new byte[] {1, 2, 3});
    assertThat(InputFiles.read(f, 3, "ACPI table")).containsExactly(1, 2, 3);
  }

  @Test
  void eachFailureIsOneBadInputLineNamingTheFile() throws Exception {
    Path missing = dir.resolve("nope.rom");
    oneLineBadInput(() -> InputFiles.read(missing, 10, "ROM file"), missing + ": no such file");
    oneLineBadInput(
        () -> InputFiles.read(dir, 10, "ACPI table"), dir + ": is a directory, not an ACPI table");
    Path big = dir.resolve("big.rom");
    Files.write(big, new byte[2048]);
    oneLineBadInput(
        () -> InputFiles.read(big, 1024, "ROM file"),
        big + ": 2048 bytes is larger than any ROM file (at most 1 KiB)");
  }

  @Test
  void anUnreadableFileIsBadInput() throws Exception {
    Path f = dir.resolve("secret.aml");
    Files.write(f, new byte[4]);
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("---------"));
    if (!Files.isReadable(f)) {
      oneLineBadInput(() -> InputFiles.read(f, 10, "ACPI table"), f + ": permission denied");
      return;
    }
    // root reads every file; a read that fails with EIO still must be one line of bad input:
    // /proc/self/mem reports size 0 and fails at offset 0, which no process maps
    Path mem = Path.of("/proc/self/mem");
    Assumptions.assumeTrue(Files.exists(mem), "no /proc/self/mem: not Linux");
    oneLineBadInput(
        () -> InputFiles.read(mem, 10, "ACPI table"), mem + ": cannot read (Input/output error)");
  }
}
