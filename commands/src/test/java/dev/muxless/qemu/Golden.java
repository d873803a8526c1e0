package dev.muxless.qemu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under src/test/resources/dev/muxless/qemu/golden. To rebless after an intended
 * change: {@code mvn -q -pl commands test -Dtest=VmGoldenTest -Dmuxless.rebless=true}, then review
 * the diff with git.
 */
final class Golden {
  private Golden() {}

  static void assertMatches(String actual, String name) throws IOException {
    if (Boolean.getBoolean("muxless.rebless")) {
      Path dir =
          Path.of(System.getProperty("muxless.projectDir", "."))
              .resolve("commands/src/test/resources/dev/muxless/qemu/golden");
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(name), actual);
      return;
    }
    try (InputStream in = Golden.class.getResourceAsStream("golden/" + name)) {
      assertThat(in).as("golden file %s (rebless with -Dmuxless.rebless=true)", name).isNotNull();
      String expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(actual).as("golden %s", name).isEqualTo(expected);
    }
  }
}
