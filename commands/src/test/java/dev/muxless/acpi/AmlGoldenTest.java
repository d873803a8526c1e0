package dev.muxless.acpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our encoder against iasl, byte for byte. Golden files in src/test/resources/acpi/golden: for each
 * case, {@code <case>.asl} is what {@link AslPrinter} prints and {@code <case>.aml} is what iasl
 * compiled from it. Regenerate both with {@code bench/acpi-golden-rebless.sh} (see the README
 * there); review the ASL diff before committing.
 *
 * <p>Header bytes 28-35 (creator id and revision: iasl writes "INTL" and its version, we write
 * "MXLS" 1) and the checksum that depends on them are compared separately.
 */
class AmlGoldenTest {
  static final String DIR = "/acpi/golden/";
  @TempDir Path tmp;

  @TestFactory
  Iterable<DynamicTest> encodingMatchesIaslGolden() throws Exception {
    if (Boolean.getBoolean("muxless.golden.rebless")) {
      rebless();
    }
    return GoldenCases.all().entrySet().stream()
        .map(e -> DynamicTest.dynamicTest(e.getKey(), () -> check(e.getKey(), e.getValue())))
        .toList();
  }

  private static byte[] resource(String name) throws Exception {
    try (var in = AmlGoldenTest.class.getResourceAsStream(DIR + name)) {
      assertThat(in).as("golden file " + name + " (run bench/acpi-golden-rebless.sh)").isNotNull();
      return in.readAllBytes();
    }
  }

  private static void check(String name, DefinitionBlock b) throws Exception {
    String asl = b.toAsl();
    assertThat(asl).isEqualTo(new String(resource(name + ".asl"), StandardCharsets.US_ASCII));
    byte[] ours = b.toAml();
    byte[] iasl = resource(name + ".aml");
    assertThat(ours.length).as(name + " length").isEqualTo(iasl.length);
    assertThat(Arrays.copyOfRange(ours, 0, 9))
        .as(name + " header 0-8")
        .isEqualTo(Arrays.copyOfRange(iasl, 0, 9));
    assertThat(Arrays.copyOfRange(ours, 10, 28))
        .as(name + " header 10-27")
        .isEqualTo(Arrays.copyOfRange(iasl, 10, 28));
    int diff = mismatch(ours, iasl, 36);
    assertThat(diff)
        .as(name + ": first differing body byte at offset 0x" + Integer.toHexString(diff))
        .isEqualTo(-1);
    assertThat(AmlReader.readHeader(ours, name).checksumValid()).isTrue();
    assertThat(AmlReader.readHeader(iasl, name).checksumValid()).isTrue();
  }

  private static int mismatch(byte[] a, byte[] b, int from) {
    int m =
        Arrays.mismatch(
            Arrays.copyOfRange(a, from, a.length), Arrays.copyOfRange(b, from, b.length));
    return m < 0 ? -1 : m + from;
  }

  /** Writes the printed ASL and iasl's AML for every case into the source tree. */
  private void rebless() throws Exception {
    AcpiTools.assumeTool("iasl");
    String project = System.getProperty("muxless.projectDir");
    assumeTrue(project != null, "muxless.projectDir not set");
    Path golden = Path.of(project, "commands/src/test/resources/acpi/golden");
    Files.createDirectories(golden);
    for (Map.Entry<String, DefinitionBlock> e : GoldenCases.all().entrySet()) {
      String asl = e.getValue().toAsl();
      byte[] aml = AcpiTools.iasl(tmp, e.getKey(), asl);
      Files.writeString(golden.resolve(e.getKey() + ".asl"), asl, StandardCharsets.US_ASCII);
      Files.write(golden.resolve(e.getKey() + ".aml"), aml);
    }
  }
}
