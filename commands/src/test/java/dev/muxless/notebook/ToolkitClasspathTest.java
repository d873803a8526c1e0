package dev.muxless.notebook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolkitClasspathTest {
  @TempDir Path dir;

  @Test
  void aBootFatJarIsUnpackedOnceIntoClassesAndLibJars() throws Exception {
    Path fat = dir.resolve("app.jar");
    try (JarOutputStream j = new JarOutputStream(Files.newOutputStream(fat), manifest(null))) {
      entry(j, "BOOT-INF/classes/", null);
      entry(j, "BOOT-INF/classes/dev/x/A.class", new byte[] {1, 2});
      entry(j, "BOOT-INF/lib/", null);
      entry(j, "BOOT-INF/lib/dep-1.0.jar", new byte[] {3});
      entry(j, "BOOT-INF/lib/../../evil.jar", new byte[] {4});
      entry(j, "org/springframework/boot/loader/Launcher.class", new byte[] {5});
    }
    Path cache = dir.resolve("cache");
    List<Path> cp = ToolkitClasspath.resolve(fat.toString(), cache);
    assertThat(cp).hasSize(2);
    assertThat(cp.get(0).resolve("dev/x/A.class")).hasBinaryContent(new byte[] {1, 2});
    assertThat(cp.get(1).getFileName().toString()).isEqualTo("dep-1.0.jar");
    assertThat(cp.get(1)).hasBinaryContent(new byte[] {3});
    assertThat(cache.resolve("evil.jar")).doesNotExist();
    assertThat(dir.resolve("evil.jar")).doesNotExist();
    // a second resolve reuses the unpacked copy
    Files.delete(cp.get(1));
    assertThat(ToolkitClasspath.resolve(fat.toString(), cache)).hasSize(1);
    // a rebuilt jar is unpacked afresh and the old copy goes
    Path old = cp.get(0).getParent();
    Files.setLastModifiedTime(
        fat, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
    List<Path> rebuilt = ToolkitClasspath.resolve(fat.toString(), cache);
    assertThat(rebuilt).hasSize(2);
    assertThat(rebuilt.get(0).getParent()).isNotEqualTo(old);
    assertThat(old).doesNotExist();
  }

  @Test
  void manifestClassPathIsExpandedForTheExtractedLayout() throws Exception {
    Files.createDirectories(dir.resolve("lib"));
    Path dep = dir.resolve("lib/dep.jar");
    try (JarOutputStream j = new JarOutputStream(Files.newOutputStream(dep), manifest(null))) {
      entry(j, "dev/", null);
    }
    Path abs = dir.resolve("elsewhere");
    Files.createDirectories(abs);
    Path app = dir.resolve("app.jar");
    String cp = "lib/dep.jar lib/missing.jar " + abs.toUri();
    try (JarOutputStream j = new JarOutputStream(Files.newOutputStream(app), manifest(cp))) {
      entry(j, "dev/", null);
    }
    List<Path> out =
        ToolkitClasspath.resolve(app + File.pathSeparator + dir.resolve("classes"), dir);
    assertThat(out).containsExactly(app, dep, abs, dir.resolve("classes"));
  }

  private static Manifest manifest(String classPath) {
    Manifest m = new Manifest();
    m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    if (classPath != null) {
      m.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
    }
    return m;
  }

  private static void entry(JarOutputStream j, String name, byte[] bytes) throws IOException {
    j.putNextEntry(new JarEntry(name));
    if (bytes != null) {
      OutputStream o = j;
      o.write(bytes);
    }
    j.closeEntry();
  }
}
