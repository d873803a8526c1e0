package dev.muxless.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.muxless.core.Json;
import dev.muxless.rom.RomImage;
import dev.muxless.rom.RomParser;
import dev.muxless.rom.RomReport;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RomExtractCommandTest extends ShellTest {
  @TempDir Path tmp;

  private static Path sharedRom(String name) {
    Path p = Path.of(System.getProperty("muxless.shared", "../shared"), "roms", "nvidia", name);
    assumeTrue(Files.isRegularFile(p), "../shared not present: " + p + " missing");
    return p;
  }

  /** A 1 MiB flash image: one FFS v2 volume with one raw file (GUID 11111111-...) = the ROM. */
  private static byte[] flashWith(byte[] rom) {
    byte[] fv = new byte[(0x48 + 0x18 + rom.length + 0xFFF) & ~0xFFF];
    Arrays.fill(fv, (byte) 0xFF);
    Arrays.fill(fv, 0, 0x48, (byte) 0);
    byte[] ffs2 = {
      0x78,
      (byte) 0xE5,
      (byte) 0x8C,
      (byte) 0x8C,
      0x3D,
      (byte) 0x8A,
      0x1C,
      0x4F,
      (byte) 0x99,
      0x35,
      (byte) 0x89,
      0x61,
      (byte) 0x85,
      (byte) 0xC3,
      0x2D,
      (byte) 0xD3
    };
    System.arraycopy(ffs2, 0, fv, 0x10, 16);
    put(fv, 0x20, fv.length, 4);
    System.arraycopy("_FVH".getBytes(), 0, fv, 0x28, 4);
    put(fv, 0x2C, 0x0004FEFF, 4);
    put(fv, 0x30, 0x48, 2);
    fv[0x37] = 2;
    Arrays.fill(fv, 0x48, 0x48 + 16, (byte) 0x11); // file name GUID 11111111-1111-...
    fv[0x48 + 0x12] = 0x01; // EFI_FV_FILETYPE_RAW
    put(fv, 0x48 + 0x14, 0x18 + rom.length, 3);
    fv[0x48 + 0x17] = (byte) 0xF8;
    System.arraycopy(rom, 0, fv, 0x48 + 0x18, rom.length);
    byte[] flash = new byte[1 << 20];
    Arrays.fill(flash, (byte) 0xFF);
    System.arraycopy(fv, 0, flash, 0x20000, fv.length);
    return flash;
  }

  private static void put(byte[] b, int o, long v, int n) {
    for (int i = 0; i < n; i++) {
      b[o + i] = (byte) (v >>> (8 * i));
    }
  }

  private static byte[] chain(byte[] rom) {
    RomReport r = RomParser.scan(rom, "x", 16).get(0);
    long end = 0;
    for (RomImage i : r.images()) {
      end = Math.max(end, i.offset() + i.length());
    }
    return Arrays.copyOfRange(rom, r.romStart(), (int) end);
  }

  private Path zipOf(String entry, byte[] data) throws Exception {
    ByteArrayOutputStream bo = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(bo)) {
      z.putNextEntry(new ZipEntry(entry));
      z.write(data);
    }
    Path p = tmp.resolve("update.zip");
    Files.write(p, bo.toByteArray());
    return p;
  }

  @Test
  void findsTheVbiosInAZippedFlashImageAndMatchesTheDemoGpu() throws Exception {
    byte[] rom = Files.readAllBytes(sharedRom("alt-1050m__ieatchange.rom"));
    Path zip = zipOf("BIOS/flash.bin", flashWith(rom));
    Path out = tmp.resolve("out");

    var r = run("rom", "extract", zip.toString(), "--out-dir", out.toString());

    assertThat(r.exitCode()).as(r.output()).isZero();
    Path written = out.resolve("10de_1c8d_file-11111111.rom");
    assertThat(r.output())
        .contains("zip archive", "Walked 1 volumes, 1 files")
        .contains("10de:1c8d  class 030200  images: x86")
        .contains("matches this host's GPU 0000:01:00.0")
        .contains(
            "zip entry BIOS/flash.bin > volume 8C8CE578-8A3D-4F1C-9935-896185C32DD3 > file 11111111-1111-1111-1111-111111111111")
        .contains(written.toString())
        .doesNotContain("No NVIDIA VBIOS");
    assertThat(Files.readAllBytes(written)).isEqualTo(chain(rom));
  }

  @Test
  void jsonReportsWhereAndWhat() throws Exception {
    byte[] rom = Files.readAllBytes(sharedRom("quadro-m1200-mobile__marcosscriven.rom"));
    Path img = tmp.resolve("flash.bin");
    Files.write(img, flashWith(rom));
    var r =
        run(
            "rom",
            "extract",
            img.toString(),
            "--out-dir",
            tmp.resolve("o").toString(),
            "--vendor",
            "10de",
            "--json");
    assertThat(r.exitCode()).as(r.output()).isZero();
    JsonNode j = Json.mapper().readTree(r.output());
    assertThat(j.get("volumes").asInt()).isEqualTo(1);
    JsonNode rom0 = j.get("roms").get(0);
    assertThat(rom0.get("vendor").asText()).isEqualTo("10de");
    assertThat(rom0.get("device").asText()).isEqualTo("13b6");
    assertThat(rom0.get("nvidiaVbios").asBoolean()).isTrue();
    assertThat(rom0.get("location").get("file").asText())
        .isEqualTo("11111111-1111-1111-1111-111111111111");
    assertThat(rom0.get("location").get("absoluteOffset").asLong())
        .isEqualTo(0x20000 + 0x48 + 0x18);
    assertThat(rom0.get("hostGpu").isNull()).isTrue();
    assertThat(j.get("whyNoNvidia").isNull()).isTrue();
    assertThat(Files.readAllBytes(Path.of(rom0.get("file").asText()))).isEqualTo(chain(rom));
  }

  @Test
  void filterThatMatchesNothingExitsOne() throws Exception {
    byte[] rom = Files.readAllBytes(sharedRom("alt-1050m__ieatchange.rom"));
    Path img = tmp.resolve("flash.bin");
    Files.write(img, flashWith(rom));
    var r =
        run(
            "rom",
            "extract",
            img.toString(),
            "--out-dir",
            tmp.resolve("o").toString(),
            "--device",
            "ffff");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.output()).contains("Found 1 distinct option ROM(s), 0 match the filter");
    assertThat(tmp.resolve("o")).doesNotExist();
  }

  @Test
  void firmwareWithoutVbiosSaysWhy() throws Exception {
    Path ovmf = Path.of("/usr/share/OVMF/OVMF_CODE.fd");
    assumeTrue(Files.isRegularFile(ovmf), "Debian ovmf not installed");
    var r = run("rom", "extract", ovmf.toString(), "--out-dir", tmp.resolve("o").toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.output())
        .contains("Walked 4 volumes, 142 files, 487 sections")
        .contains("No NVIDIA VBIOS: No option ROM (55 AA + PCIR) was found");
  }

  @Test
  void badInputIsOneLineWithHint() throws Exception {
    var r = run("rom", "extract", tmp.resolve("nope.bin").toString(), "--out-dir", tmp.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.output())
        .contains("error: ", "nope.bin: no such file", "hint:")
        .doesNotContain("Exception");

    Files.write(tmp.resolve("f.bin"), new byte[100]);
    var v =
        run(
            "rom",
            "extract",
            tmp.resolve("f.bin").toString(),
            "--out-dir",
            tmp.toString(),
            "--vendor",
            "nvidia");
    assertThat(v.exitCode()).isEqualTo(2);
    assertThat(v.output()).contains("--vendor nvidia: not a 4-digit hex PCI ID");

    var d =
        run(
            "rom",
            "extract",
            tmp.resolve("f.bin").toString(),
            "--out-dir",
            tmp.resolve("f.bin").toString());
    assertThat(d.exitCode()).isEqualTo(2);
    assertThat(d.output()).contains("--out-dir exists and is not a directory");
  }

  @Test
  void helpShowsExamples() throws Exception {
    var r = run("help", "rom", "extract");
    assertThat(r.exitCode()).isZero();
    assertThat(r.output()).contains("Examples:", "rom extract bios.bin --out-dir roms");
  }

  @Test
  void progressBarRendersAndErases() {
    assertThat(ProgressBar.render("scanning x", 50))
        .isEqualTo("scanning x [###############...............] 50%");
    java.io.StringWriter sw = new java.io.StringWriter();
    ProgressBar bar = new ProgressBar(new java.io.PrintWriter(sw), "s");
    bar.at(0, 200);
    bar.at(1, 200); // same percentage: not redrawn
    bar.at(200, 200);
    bar.done();
    assertThat(sw.toString()).startsWith("\rs [").contains("100%").endsWith("\r");
    assertThat(sw.toString().split("\r")).hasSize(4);
  }
}
