package dev.muxless.acpi;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real ACPICA tools for tests: {@code iasl} (compile, disassemble) and {@code acpiexec}
 * (load tables and evaluate methods). acpiexec always exits 0, so callers parse its output with
 * {@link AcpiExecOutput}. Commands go through acpiexec's command input (stdin), one session for a
 * whole batch: {@code -b} is limited to 1023 characters (acpi-rom.md 4.3).
 */
final class AcpiTools {
  private AcpiTools() {}

  static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  static void assumeTool(String tool) {
    assumeTrue(onPath(tool), tool + " not installed (acpica-tools): skipping; CI installs it");
  }

  static Path shared() {
    String s = System.getProperty("muxless.shared");
    return s == null ? null : Path.of(s);
  }

  static Path assumeShared(String sub) {
    Path p = shared() == null ? null : shared().resolve(sub);
    assumeTrue(p != null && Files.isDirectory(p), "../shared/" + sub + " not present: skipping");
    return p;
  }

  record Run(int exit, String output) {}

  static Run exec(Path dir, List<String> cmd, Path stdin, long timeoutSeconds)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
    pb.redirectInput(
        stdin == null
            ? ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())
            : ProcessBuilder.Redirect.from(stdin.toFile()));
    Path out = Files.createTempFile(dir, "tool-", ".out");
    pb.redirectOutput(out.toFile());
    Process p = pb.start();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException(cmd.get(0) + " timed out after " + timeoutSeconds + " s");
    }
    String text = Files.readString(out, StandardCharsets.ISO_8859_1);
    Files.delete(out);
    return new Run(p.exitValue(), text);
  }

  /** Compiles {@code asl} with iasl; returns the AML bytes (fails the test on iasl errors). */
  static byte[] iasl(Path dir, String stem, String asl) throws Exception {
    Path src = dir.resolve(stem + ".asl");
    Files.writeString(src, asl, StandardCharsets.US_ASCII);
    Run r = exec(dir, List.of("iasl", "-p", stem, src.getFileName().toString()), null, 300);
    Path aml = dir.resolve(stem + ".aml");
    if (!Files.exists(aml) || !r.output().contains("Compilation successful")) {
      throw new AssertionError("iasl failed for " + stem + ":\n" + r.output());
    }
    return Files.readAllBytes(aml);
  }

  /** Disassembles with {@code iasl -d}; returns iasl's console output and the .dsl text. */
  static Run disassemble(Path dir, String stem, byte[] aml) throws Exception {
    Path f = dir.resolve(stem + ".aml");
    Files.write(f, aml);
    Run r = exec(dir, List.of("iasl", "-d", f.getFileName().toString()), null, 120);
    Path dsl = dir.resolve(stem + ".dsl");
    String text = Files.exists(dsl) ? Files.readString(dsl, StandardCharsets.ISO_8859_1) : "";
    return new Run(r.exit(), r.output() + "\n----\n" + text);
  }

  /**
   * Loads {@code tables} (a DSDT first replaces acpiexec's empty one) and runs {@code commands}.
   */
  static AcpiExecOutput acpiexec(Path dir, List<Path> tables, List<String> commands)
      throws Exception {
    Path in = Files.createTempFile(dir, "cmds-", ".txt");
    List<String> lines = new ArrayList<>(commands);
    lines.add("quit");
    Files.write(in, lines, StandardCharsets.US_ASCII);
    List<String> cmd = new ArrayList<>(List.of("acpiexec"));
    tables.forEach(t -> cmd.add(t.toAbsolutePath().toString()));
    Run r = exec(dir, cmd, in, 300);
    return new AcpiExecOutput(r.output());
  }
}
