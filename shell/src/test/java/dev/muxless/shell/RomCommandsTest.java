package dev.muxless.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.muxless.core.Json;
import dev.muxless.host.HostRoot;
import dev.muxless.host.TreeFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rom commands as {@code ./muxless} runs them. ROM files come from the rom-laptop fixture
 * (synthetic ROMs, always present) and, for rom-parser comparisons, from ../shared/roms.
 */
class RomCommandsTest extends ShellTest {
  @TempDir Path tmp;
  Path host;
  String laptopRom;
  String desktopRom;

  @BeforeEach
  void fixture() {
    Path tree =
        Path.of(
            System.getProperty("muxless.projectDir", ".."),
            "commands/src/test/resources/hosts/rom-laptop.tree");
    assumeTrue(Files.isRegularFile(tree), "fixture " + tree + " not found");
    host = TreeFixture.read(tree).materializeInto(tmp);
    laptopRom = host.resolve("sys/kernel/debug/dri/1/vbios.rom").toString();
    desktopRom = host.resolve("sys/devices/pci0000:02/0000:02:00.0/rom").toString();
  }

  private static Path shared(String rel) {
    String s = System.getProperty("muxless.shared");
    Path p = s == null ? null : Path.of(s, "roms", rel);
    assumeTrue(p != null && Files.exists(p), "../shared/roms not present: skipped");
    return p;
  }

  @Test
  void parseTakesSeveralFilesAsPlainWordsAndKeepsGoingAfterABadOne() throws Exception {
    var r = run("rom", "parse", laptopRom, "/definitely/missing.rom", desktopRom);
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.output())
        .contains(laptopRom, "86.07.3c.00.1f", "MOBILE", "70 NBSI")
        .contains("error: /definitely/missing.rom: no such file")
        .contains(desktopRom, "86.04.7a.00.01", "10de:1c82");
    assertThat(r.output().indexOf(desktopRom)).isGreaterThan(r.output().indexOf("missing.rom"));
    assertThat(r.output()).doesNotContain("Exception");
  }

  @Test
  void parseChecksTheRomBelongsToTheGivenDevice() throws Exception {
    // the demo laptop's GPU 01:00.0 is a 10de:1c8d, the laptop ROM's device
    var same = run("rom", "parse", laptopRom, "--device", "01:00.0");
    assertThat(same.exitCode()).as(same.output()).isZero();
    var other = run("rom", "parse", laptopRom, "--device", "10de:1c82");
    assertThat(other.exitCode()).isEqualTo(1);
    assertThat(other.output()).contains("ERROR").contains("1c82");
    var bad = run("rom", "parse", laptopRom, "--device", "05:00.0");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.output()).contains("no PCI device 0000:05:00.0");
  }

  @Test
  void parseJsonHasTheContractFields() throws Exception {
    var r = run("rom", "parse", laptopRom, "nope.rom", "--format", "json");
    assertThat(r.exitCode()).isEqualTo(2);
    JsonNode arr = Json.mapper().readTree(r.output());
    assertThat(arr.size()).isEqualTo(2);
    JsonNode f = arr.get(0);
    assertThat(f.get("file").asText()).isEqualTo(laptopRom);
    assertThat(f.get("size").asLong()).isEqualTo(5120);
    assertThat(f.get("romStart").isInt()).isTrue();
    assertThat(f.get("romStart").asInt()).isZero();
    JsonNode images = f.get("images");
    assertThat(images.size()).isEqualTo(4);
    assertThat(images.get(3).get("offset").isIntegralNumber()).isTrue();
    assertThat(images.get(3).get("offset").asLong()).isEqualTo(4096);
    assertThat(images.get(3).get("codeType").asInt()).isEqualTo(0x70);
    assertThat(images.get(0).get("vendorId").asText()).isEqualTo("10de");
    assertThat(images.get(0).get("deviceId").asText()).isEqualTo("1c8d");
    assertThat(images.get(0).get("length").asLong()).isEqualTo(2048);
    assertThat(images.get(3).get("last").asBoolean()).isTrue();
    assertThat(f.get("nvidia").get("version").asText()).isEqualTo("86.07.3c.00.1f");
    assertThat(f.get("nvidia").get("mobile").asBoolean()).isTrue();
    JsonNode p = f.get("problems").get(0);
    assertThat(p.has("severity") && p.has("offset") && p.has("message")).isTrue();
    assertThat(arr.get(1).get("error").asText()).contains("nope.rom: no such file");
  }

  @Test
  void parseExitsOneWhenAFileHasNoRom() throws Exception {
    String ff = host.resolve("sys/devices/pci0000:01/0000:01:00.0/rom").toString();
    var r = run("rom", "parse", ff);
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.output()).contains("ERROR", "no PCI expansion ROM found");
    var j = run("rom", "parse", ff, "--format", "json");
    assertThat(Json.mapper().readTree(j.output()).get(0).get("nvidia").isNull()).isTrue();
    assertThat(Json.mapper().readTree(j.output()).get(0).get("romStart").asInt()).isEqualTo(-1);
  }

  @Test
  void romParserFormatMatchesTheReferenceAndItsExitStatus() throws Exception {
    Path rom = shared("nvidia/gtx980m-r1-eg__aviedv.rom");
    Path ref = shared("reference/rom-parser/gtx980m-r1-eg__aviedv.rom.txt");
    var r = run("rom", "parse", rom.toString(), "--format", "rom-parser");
    assertThat(r.exitCode()).isZero();
    assertThat(r.output()).isEqualTo(Files.readString(ref, StandardCharsets.ISO_8859_1));
    var q =
        run(
            "rom",
            "parse",
            shared("debian/seabios__bios.bin").toString(),
            "--format",
            "rom-parser");
    assertThat(q.exitCode()).isEqualTo(1);
    assertThat(q.output()).isEqualTo("Error, ran off the end\n");
  }

  @Test
  void romParserFormatWritesRawBytesNotUtf8() throws Exception {
    Path isa = tmp.resolve("isa.bin");
    byte[] b = new byte[1024];
    b[0] = 0x55;
    b[1] = (byte) 0xAA;
    b[2] = 2;
    b[3] = (byte) 0xCB;
    Files.write(isa, b);
    var r = run("rom", "parse", isa.toString(), "--format", "rom-parser");
    assertThat(r.exitCode()).isEqualTo(1);
    // 0xAA written as one raw byte is not valid UTF-8; "ª" encoded as UTF-8 would decode cleanly
    assertThat(r.output())
        .startsWith(
            "Valid ROM signature found @0h, PCIR offset 0h\nInvalid PCIR signature: U\uFFFD")
        .doesNotContain("\u00aa");
  }

  @Test
  void stripWritesTheRomAloneAndNeverItsInput() throws Exception {
    byte[] rom = Files.readAllBytes(Path.of(desktopRom));
    Path in = tmp.resolve("with-junk.rom");
    byte[] junk = new byte[0x400 + rom.length + 0x200];
    System.arraycopy(rom, 0, junk, 0x400, rom.length);
    java.util.Arrays.fill(junk, 0x400 + rom.length, junk.length, (byte) 0xff);
    Files.write(in, junk);
    Path out = tmp.resolve("out/clean.rom");
    var r = run("rom", "strip", in.toString(), "--out", out.toString());
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(Files.readAllBytes(out)).isEqualTo(rom);
    assertThat(Files.readAllBytes(in)).isEqualTo(junk);
    assertThat(r.output())
        .contains(
            "wrote " + out, "removed 0x400 bytes before the ROM (data before the first image)")
        .contains("padding");
    var same = run("rom", "strip", in.toString(), "--out", in.toString());
    assertThat(same.exitCode()).isEqualTo(2);
    assertThat(same.output()).contains("error: --out " + in + " is the input file", "hint:");
    assertThat(Files.readAllBytes(in)).isEqualTo(junk);
    var none =
        run(
            "rom",
            "strip",
            host.resolve("sys/devices/pci0000:01/0000:01:00.0/rom").toString(),
            "--out",
            tmp.resolve("x.rom").toString());
    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(Files.exists(tmp.resolve("x.rom"))).isFalse();
  }

  @Test
  void hexdumpNamesFieldsAndRejectsBadNumbers() throws Exception {
    var r = run("rom", "hexdump", laptopRom, "--offset", "0x20", "--length", "32");
    assertThat(r.exitCode()).isZero();
    assertThat(r.output())
        .startsWith("00000020  50 43 49 52")
        .contains("PCIR.signature=PCIR", "PCIR.vendorId=10de");
    var j = run("rom", "hexdump", laptopRom, "--offset", "0x100", "--length", "12", "--json");
    JsonNode fields = Json.mapper().readTree(j.output());
    assertThat(fields.get(0).get("structure").asText()).isEqualTo("BIT");
    var huge =
        run(
            "rom",
            "hexdump",
            laptopRom,
            "--offset",
            "0x100",
            "--length",
            "0x7fffffffffffffff",
            "--json");
    assertThat(huge.exitCode()).isZero();
    JsonNode all = Json.mapper().readTree(huge.output());
    assertThat(all.size()).isGreaterThan(fields.size());
    assertThat(all.get(0).get("structure").asText()).isEqualTo("BIT");
    var bad = run("rom", "hexdump", laptopRom, "--offset", "zz");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.output()).contains("error: --offset zz: not a number");
  }

  @Test
  void dumpReadsNouveauDebugfsOnAFixtureHost() throws Exception {
    session.use(HostRoot.of(host));
    Path out = tmp.resolve("vbios.rom");
    var r =
        run(
            "rom",
            "dump",
            "--device",
            "0000:01:00.0",
            "--out",
            out.toString(),
            "--method",
            "nouveau");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(Path.of(laptopRom)));
    assertThat(r.output()).contains("OK", "nouveau", "NVIDIA VBIOS 86.07.3c.00.1f");
    var j =
        run(
            "rom",
            "dump",
            "--device",
            "0000:02:00.0",
            "--out",
            tmp.resolve("n.rom").toString(),
            "--method",
            "nouveau",
            "--json");
    assertThat(j.exitCode()).isEqualTo(1);
    JsonNode n = Json.mapper().readTree(j.output());
    assertThat(n.get("ok").asBoolean()).isFalse();
    assertThat(n.get("attempts").get(0).get("message").asText()).contains("nouveau is not bound");
    assertThat(Files.exists(tmp.resolve("n.rom"))).isFalse();
    var bad = run("rom", "dump", "--device", "0000:07:00.0", "--out", out.toString());
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.output()).contains("error: --device 0000:07:00.0: no such PCI device");
  }

  @Test
  void helpShowsExamplesForEveryRomCommand() throws Exception {
    for (String c : new String[] {"parse", "strip", "hexdump", "dump"}) {
      var r = run("help", "rom", c);
      assertThat(r.exitCode()).as(c).isZero();
      assertThat(r.output()).as(c).contains("Examples:", "./muxless rom " + c);
    }
  }

  private java.util.List<String> complete(String... words) {
    java.util.List<String> w = java.util.List.of(words);
    String last = w.get(w.size() - 1);
    return shell
        .complete(
            new org.springframework.shell.CompletionContext(
                w, w.size() - 1, last.length(), null, null))
        .stream()
        .map(org.springframework.shell.CompletionProposal::value)
        .toList();
  }

  @Test
  void tabCompletesFilesFormatsMethodsAndGpus() {
    String prefix = host.resolve("sys/kernel/debug/dri/1/vb").toString();
    assertThat(complete("rom", "parse", prefix)).contains(laptopRom);
    assertThat(complete("rom", "parse", laptopRom, prefix)).contains(laptopRom);
    assertThat(complete("rom", "parse", laptopRom, "--format", ""))
        .contains("text", "rom-parser", "json");
    assertThat(complete("rom", "dump", "--method", "")).contains("sysfs", "nouveau", "acpi", "all");
    assertThat(complete("rom", "dump", "--device", "")).contains("0000:01:00.0");
  }
}
