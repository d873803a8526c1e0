package dev.muxless.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.muxless.acpi.AmlReader;
import dev.muxless.core.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AcpiCommandsTest extends ShellTest {
  @TempDir Path dir;

  /** A plain option ROM: 55 AA, a PCIR at 0x40 saying NVIDIA 3D controller, last image. */
  static byte[] optionRom(int blocks) {
    byte[] r = new byte[blocks * 512];
    for (int i = 0; i < r.length; i++) {
      r[i] = (byte) (i * 31 + (i >> 9));
    }
    r[0] = 0x55;
    r[1] = (byte) 0xAA;
    r[2] = (byte) blocks;
    r[0x18] = 0x40;
    r[0x19] = 0;
    byte[] pcir = new byte[0x18];
    pcir[0] = 'P';
    pcir[1] = 'C';
    pcir[2] = 'I';
    pcir[3] = 'R';
    pcir[4] = (byte) 0xDE; // vendor 10de
    pcir[5] = 0x10;
    pcir[6] = (byte) 0x8D; // device 1c8d
    pcir[7] = 0x1C;
    pcir[0x0A] = 0x18; // structure length
    pcir[0x0E] = 2; // class 0302xx: 3D controller
    pcir[0x0F] = 3;
    pcir[0x10] = (byte) blocks; // image length in 512-byte units
    pcir[0x11] = (byte) (blocks >> 8);
    pcir[0x15] = (byte) 0x80; // last image
    System.arraycopy(pcir, 0, r, 0x40, pcir.length);
    return r;
  }

  /** {@code acpi rom-table --rom ROM --out-dir DIR} plus the options under test. */
  private ShellHarness.Result romTable(Object rom, Object dir, String... more) throws Exception {
    java.util.List<String> words =
        new java.util.ArrayList<>(
            java.util.List.of(
                "acpi", "rom-table", "--rom", rom.toString(), "--out-dir", dir.toString()));
    words.addAll(java.util.List.of(more));
    return run(words.toArray(new String[0]));
  }

  @Test
  void romTableWritesTablesAndPrintsTheQemuArguments() throws Exception {
    Path rom = dir.resolve("vbios.rom");
    byte[] bytes = optionRom(255); // 127.5 KiB: three tables
    Files.write(rom, bytes);
    Path out = dir.resolve("out");
    var r = romTable(rom, out, "--root-port", "2", "--asl");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output())
        .contains("_ROM at \\_SB.PCI0.S10.S00, embedded mode")
        .contains("served whole")
        .contains("ssdt-vbios-00.aml", "ssdt-vbios-02.aml", "ssdt-vbios-00.asl")
        .contains("in 3 tables")
        .contains(
            "-acpitable file="
                + out.resolve("ssdt-vbios-00.aml")
                + " -acpitable file="
                + out.resolve("ssdt-vbios-01.aml"));
    for (int k = 0; k < 3; k++) {
      byte[] t = Files.readAllBytes(out.resolve(String.format("ssdt-vbios-%02d.aml", k)));
      assertThat(t.length).isLessThanOrEqualTo(65535);
      assertThat(AmlReader.readHeader(t, "t").checksumValid()).isTrue();
      assertThat(Files.readString(out.resolve(String.format("ssdt-vbios-%02d.asl", k))))
          .contains("DefinitionBlock");
    }
    assertThat(Files.readAllBytes(rom)).as("input untouched").isEqualTo(bytes);
  }

  @Test
  void romTableJsonAndFwCfgMode() throws Exception {
    Path rom = dir.resolve("vbios.rom");
    byte[] bytes = optionRom(64);
    Files.write(rom, bytes);
    Path out = dir.resolve("fw");
    var r = romTable(rom, out, "--mode", "fw-cfg", "--json");
    assertThat(r.exitCode()).as(r.output()).isZero();
    JsonNode j = Json.mapper().readTree(r.output());
    assertThat(j.get("mode").asText()).isEqualTo("fw-cfg");
    assertThat(j.get("acpiPath").asText()).isEqualTo("\\_SB.PCI0.S08.S00");
    assertThat(j.get("tables").asInt()).isEqualTo(1);
    assertThat(j.get("romBytes").asInt()).isEqualTo(bytes.length);
    assertThat(j.get("qemuArgs").toString())
        .contains("-fw_cfg", "name=opt/dev.muxless/vbios,file=" + out.resolve("vbios-fwcfg.rom"));
    assertThat(Files.readAllBytes(out.resolve("vbios-fwcfg.rom"))).isEqualTo(bytes);
    assertThat(j.get("staleFiles")).isEmpty();
    // embedded into the same directory: the fw-cfg table is left there and reported
    var e = romTable(rom, out);
    assertThat(e.exitCode()).isZero();
    assertThat(e.output()).contains("Note: tables from an earlier run", "ssdt-vbios-fwcfg.aml");
  }

  @Test
  void romTableBadInputIsOneLineAndExit2() throws Exception {
    var missing = romTable(dir.resolve("nope.rom"), dir);
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.output())
        .contains("error: " + dir.resolve("nope.rom") + ": no such file", "hint:")
        .doesNotContain("Exception");

    Path notRom = dir.resolve("zeros.bin");
    Files.write(notRom, new byte[4096]);
    var noRom = romTable(notRom, dir.resolve("o"));
    assertThat(noRom.exitCode()).isEqualTo(2);
    assertThat(noRom.output()).contains("zeros.bin", "no PCI expansion ROM found");
    assertThat(dir.resolve("o")).doesNotExist();

    Path rom = dir.resolve("v.rom");
    Files.write(rom, optionRom(8));
    var port = romTable(rom, dir, "--root-port", "xyz");
    assertThat(port.exitCode()).isEqualTo(2);
    assertThat(port.output()).contains("--root-port xyz");
    var both = romTable(rom, dir, "--root-port", "2", "--path", "\\_SB.PCI0.S10.S00");
    assertThat(both.exitCode()).isEqualTo(2);
    assertThat(both.output()).contains("--path and --root-port");
    var mode = romTable(rom, dir, "--mode", "magic");
    assertThat(mode.exitCode()).isEqualTo(2);
    assertThat(mode.output()).contains("--mode magic");
  }

  @Test
  void batteryWritesATableThatInspectReads() throws Exception {
    Path out = dir.resolve("battery.aml");
    var r = run("acpi", "battery", "--out", out.toString(), "--asl");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).contains("\\_SB.BAT0", "-acpitable file=" + out);
    assertThat(Files.readString(dir.resolve("battery.asl")))
        .contains("Method (_BIF, 0, NotSerialized)");
    var i = run("acpi", "inspect", out.toString());
    assertThat(i.exitCode()).as(i.output()).isZero();
    assertThat(i.output())
        .contains("SSDT rev 2", "OEM \"MUXLSS\" \"BATTERY\"", "checksum 0x", ": valid")
        .contains(
            "Device \\_SB.BAT0",
            "Method \\_SB.BAT0._BIF",
            "Name \\_SB.BAT0._HID  Integer 0xA0CD041");
  }

  @Test
  void inspectFlagsABadChecksumWithExit1AndJson() throws Exception {
    Path out = dir.resolve("b.aml");
    run("acpi", "battery", "--out", out.toString());
    byte[] t = Files.readAllBytes(out);
    t[9]++;
    Path bad = dir.resolve("bad.aml");
    Files.write(bad, t);
    var r = run("acpi", "inspect", out.toString(), bad.toString());
    assertThat(r.exitCode()).as(r.output()).isEqualTo(1);
    assertThat(r.output()).contains("INVALID, should be 0x", "problem: checksum at offset 0x9");
    var j = run("acpi", "inspect", bad.toString(), "--json");
    assertThat(j.exitCode()).isEqualTo(1);
    JsonNode n = Json.mapper().readTree(j.output());
    assertThat(n.get("tables").get(0).get("header").get("checksumValid").asBoolean()).isFalse();
  }

  @Test
  void inspectSaysAGoodChecksumIsValidWhenOnlyTheLengthIsWrong() throws Exception {
    Path out = dir.resolve("b.aml");
    run("acpi", "battery", "--out", out.toString());
    byte[] t = Files.readAllBytes(out);
    Path padded = dir.resolve("padded.aml");
    Files.write(padded, java.util.Arrays.copyOf(t, t.length + 3));
    var r = run("acpi", "inspect", padded.toString());
    assertThat(r.exitCode()).as(r.output()).isEqualTo(1);
    assertThat(r.output())
        .contains(
            ": valid over the "
                + t.length
                + " bytes the length field covers (the file has "
                + (t.length + 3)
                + ")",
            "problem: length field at offset 0x4")
        .doesNotContain("INVALID");
  }

  @Test
  void inspectJsonKeysAreInAFixedOrder() throws Exception {
    Path out = dir.resolve("b.aml");
    run("acpi", "battery", "--out", out.toString());
    var j = run("acpi", "inspect", out.toString(), "--json");
    assertThat(j.exitCode()).as(j.output()).isZero();
    JsonNode n = Json.mapper().readTree(j.output());
    assertThat(n.fieldNames()).toIterable().containsExactly("tables", "errors");
  }

  @Test
  void romTableRefusesAnOutDirWithAColon() throws Exception {
    Path rom = dir.resolve("v.rom");
    Files.write(rom, optionRom(1));
    var r = romTable(rom, dir.resolve("a:b"));
    assertThat(r.exitCode()).as(r.output()).isEqualTo(2);
    assertThat(r.output()).contains("error: --out-dir ", "contains ':'", "hint:");
    assertThat(Files.exists(dir.resolve("a:b"))).isFalse();
    var battery = run("acpi", "battery", "--out", dir.resolve("bat:1.aml").toString());
    assertThat(battery.exitCode()).isEqualTo(2);
    assertThat(battery.output()).contains("error: --out ", "contains ':'");
    assertThat(Files.exists(dir.resolve("bat:1.aml"))).isFalse();
  }

  @Test
  void batteryQemuArgumentEscapesCommas() throws Exception {
    Path out = dir.resolve("a,b.aml");
    var r = run("acpi", "battery", "--out", out.toString());
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).contains("-acpitable file=" + dir.resolve("a,,b.aml"));
  }

  @Test
  void inspectOfADirectoryIsOneLineBadInput() throws Exception {
    var r = run("acpi", "inspect", dir.toString());
    assertThat(r.exitCode()).as(r.output()).isEqualTo(2);
    assertThat(r.output())
        .contains("error: " + dir + ": is a directory, not an ACPI table", "hint:")
        .doesNotContain("Exception");
  }

  @Test
  void romTableRefusesARomLargerThan64MiB() throws Exception {
    Path big = dir.resolve("big.rom");
    try (var ch =
        java.nio.channels.FileChannel.open(
            big,
            java.nio.file.StandardOpenOption.CREATE_NEW,
            java.nio.file.StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.wrap(new byte[1]), (64L << 20)); // sparse
    }
    var r = romTable(big, dir.resolve("out"));
    assertThat(r.exitCode()).as(r.output()).isEqualTo(2);
    assertThat(r.output()).contains("is larger than any ROM file (at most 64 MiB)");
  }

  @Test
  void inspectOfANonTableIsBadInput() throws Exception {
    Path f = dir.resolve("x.rom");
    Files.write(f, optionRom(1));
    var r = run("acpi", "inspect", f.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.output())
        .contains("error: " + f + ": signature at offset 0x0 is not an ACPI signature", "hint:");
  }

  @Test
  void helpShowsExamples() throws Exception {
    var r = run("help", "acpi", "rom-table");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output())
        .contains(
            "--root-port", "--mode", "Examples:", "acpi rom-table --rom vbios.rom --out-dir acpi/");
  }
}
