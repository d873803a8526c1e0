package dev.muxless.firmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real firmware: Debian's OVMF images hold an LZMA-compressed volume with two nested volumes. The
 * volumes, files and sections muxless walks must be exactly the ones UEFIExtract (Debian
 * uefitool-cli) reports for the same image: same order, nesting, types, sizes and GUIDs.
 */
class OvmfUefiExtractTest {
  private static final Set<String> COMPARED = Set.of("Volume", "File", "Section");

  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"OVMF_CODE.fd", "OVMF_CODE_4M.fd", "OVMF_VARS.fd"})
  void sameTreeAsUefiExtract(String image) throws Exception {
    Path fd = Path.of("/usr/share/OVMF", image);
    assumeTrue(Files.isRegularFile(fd), "Debian ovmf not installed: " + fd + " missing");
    Path tool = findOnPath("UEFIExtract");
    assumeTrue(tool != null, "UEFIExtract (Debian uefitool-cli) not on PATH");

    Path copy = tmp.resolve(image);
    Files.copy(fd, copy);
    Process p =
        new ProcessBuilder(tool.toString(), copy.toString(), "report")
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("uefiextract.log").toFile())
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("UEFIExtract finished").isTrue();
    List<String> expected = fromReport(tmp.resolve(image + ".report.txt"));

    ExtractResult r =
        RomExtractor.extract(Files.readAllBytes(fd), image, ExtractLimits.defaults(), null);
    List<String> actual = new ArrayList<>();
    for (FirmwareNode n : r.nodes()) {
      if (COMPARED.contains(n.type())) {
        actual.add(row(n.level(), n.type(), n.subtype(), n.size(), n.name()));
      }
    }
    assertThat(r.problems()).isEmpty();
    assertThat(expected).isNotEmpty();
    assertThat(actual).containsExactlyElementsOf(expected);
  }

  /** Rows of UEFIExtract's "Type | Subtype | Base | Size | CRC32 | --- Name" report. */
  static List<String> fromReport(Path report) throws IOException {
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(report)) {
      String[] f = line.split("\\|");
      if (f.length < 6 || !COMPARED.contains(f[0].trim())) {
        continue;
      }
      String name = f[5].trim();
      int level = 0;
      while (level < name.length() && name.charAt(level) == '-') {
        level++;
      }
      out.add(
          row(
              level,
              f[0].trim(),
              f[1].trim(),
              Long.parseLong(f[3].trim(), 16),
              name.substring(level).trim()));
    }
    return out;
  }

  static String row(int level, String type, String subtype, long size, String name) {
    boolean guid = name.matches("[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}");
    return "-".repeat(level)
        + " "
        + type
        + " | "
        + subtype
        + " | "
        + Long.toHexString(size)
        + (guid ? " | " + name : "");
  }

  static Path findOnPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path p = Path.of(dir, tool);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }
}
