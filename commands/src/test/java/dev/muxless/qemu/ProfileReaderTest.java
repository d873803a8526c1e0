package dev.muxless.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.muxless.core.ExitStatus;
import dev.muxless.core.MuxlessException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad profiles give one clear error each: field, line and column, and a hint. */
class ProfileReaderTest {
  static final String GOOD =
      """
      {
        "name": "xps",
        "memoryMib": 4096,
        "cpus": 4,
        "firmware": {"type": "ovmf", "code": "/c.fd", "vars": "v.fd"},
        "gpu": {"host": "01:00.0", "subsystemVendor": "1028", "subsystemDevice": "07be"}
      }
      """;

  static MuxlessException error(String json) {
    try {
      ProfileReader.parse(json, "p.json");
    } catch (MuxlessException e) {
      return e;
    }
    throw new AssertionError("accepted: " + json);
  }

  @Test
  void goodProfileParsesWithDefaults() {
    VmProfile p = ProfileReader.parse(GOOD, "p.json");
    assertThat(p.name()).isEqualTo("xps");
    assertThat(p.gpu().rootPortOrDefault()).isEqualTo("00:01.0");
    assertThat(p.gpu().hotplugOn()).isFalse();
    assertThat(p.firmware().isOvmf()).isTrue();
  }

  @Test
  void syntaxErrorNamesLineAndColumn() {
    MuxlessException e = error("{\n  \"name\": \"xps\",\n  \"cpus\": 4\n  \"memoryMib\": 1\n}");
    assertThat(e.status()).isEqualTo(ExitStatus.BAD_INPUT);
    assertThat(e.getMessage()).startsWith("p.json line 4 column 3: JSON syntax error:");
    assertThat(e.getMessage()).doesNotContain("\n");
    assertThat(e.hint()).contains("comma");
  }

  @Test
  void unknownKeyNamesFieldPositionAndKnownKeys() {
    MuxlessException e = error(GOOD.replace("\"cpus\": 4", "\"cpu_count\": 4"));
    assertThat(e.getMessage()).isEqualTo("p.json line 4 column 3: unknown key 'cpu_count'");
    assertThat(e.hint()).startsWith("known keys here: accel, acpiTables, cpu, cpus, disks,");
  }

  @Test
  void unknownNestedKeyIsNamedWithItsPath() {
    MuxlessException e = error(GOOD.replace("\"subsystemVendor\"", "\"subVendor\""));
    assertThat(e.getMessage()).contains("unknown key 'gpu.subVendor'").contains("line 6");
    assertThat(e.hint()).contains("subsystemVendor").contains("romfile").doesNotContain("cpus");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "\"memoryMib\": 4096|\"memoryMib\": \"4096\"|field 'memoryMib' must be an integer",
        "\"cpus\": 4|\"cpus\": 4.5|field 'cpus': 4.5 is not an integer",
        "\"name\": \"xps\"|\"name\": 7|field 'name': 7 is not a string",
        "\"firmware\": {|\"firmware\": [{|field 'firmware' must be an object",
        "\"host\": \"01:00.0\"|\"host\": true|field 'gpu.host': true is not a string",
      })
  void wrongTypesNameTheField(String from, String to, String expected) {
    MuxlessException e = error(GOOD.replace(from, to));
    assertThat(e.getMessage()).startsWith("p.json line ").contains(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "\"name\": \"xps\",||missing field 'name'",
        "\"cpus\": 4,||missing field 'cpus'",
        "\"code\": \"/c.fd\", ||missing field 'firmware.code'",
        "\"subsystemDevice\": \"07be\"|\"romfile\": \"r\"|missing field 'gpu.subsystemDevice'",
        "\"1028\"|\"10280\"|field 'gpu.subsystemVendor': '10280' is not 4 hex digits",
        "\"01:00.0\"|\"1:0.0\"|field 'gpu.host': '1:0.0' is not a PCI address",
        "\"xps\"|\"my vm\"|field 'name': 'my vm' is not a valid VM name",
        "\"ovmf\"|\"uefi\"|field 'firmware.type': 'uefi' is not one of [ovmf, seabios]",
        "\"cpus\": 4|\"cpus\": 0|field 'cpus': 0 is out of range",
      })
  void missingAndBadValuesNameTheField(String from, String to, String expected) {
    MuxlessException e = error(GOOD.replace(from, to == null ? "" : to));
    assertThat(e.getMessage()).isEqualTo("p.json: " + expected);
    assertThat(e.hint()).isNotBlank();
  }

  static String disks(int n, int sataAt) {
    StringBuilder sb = new StringBuilder("\"disks\": [");
    for (int i = 0; i < n; i++) {
      sb.append(i > 0 ? ", " : "")
          .append("{\"file\": \"d")
          .append(i)
          .append(".qcow2\", \"bus\": \"")
          .append(i == sataAt ? "sata" : "virtio")
          .append("\"}");
    }
    return sb.append("], ").toString();
  }

  @Test
  void displayPortsQemuCannotUseAreRefused() {
    for (String[] c :
        new String[][] {
          {"vnc", "127.0.0.1:5899"},
          {"vnc", "127.0.0.1:99999"},
          {"spice", "localhost:0"},
          {"spice", "[::1]:65536"}
        }) {
      MuxlessException e =
          error(
              GOOD.replace(
                  "\"cpus\": 4,",
                  "\"cpus\": 4, \"display\": {\"type\": \""
                      + c[0]
                      + "\", \"listen\": \""
                      + c[1]
                      + "\"},"));
      assertThat(e.getMessage())
          .as(c[1])
          .startsWith("p.json: field 'display.listen': port ")
          .endsWith(" is out of range");
    }
    ProfileReader.parse(
        GOOD.replace(
            "\"cpus\": 4,",
            "\"cpus\": 4, \"display\": {\"type\": \"vnc\", \"listen\": \"127.0.0.1:5900\"},"),
        "p.json");
  }

  @Test
  void diskBusesAndSlotsQemuCannotUseAreRefused() {
    ProfileReader.parse(GOOD.replace("\"cpus\": 4,", "\"cpus\": 4, " + disks(6, 5)), "p.json");
    assertThat(error(GOOD.replace("\"cpus\": 4,", "\"cpus\": 4, " + disks(7, 6))).getMessage())
        .startsWith("p.json: field 'disks[6].bus': sata disk 6 would be on ide.6");
    ProfileReader.parse(GOOD.replace("\"cpus\": 4,", "\"cpus\": 4, " + disks(27, -1)), "p.json");
    assertThat(error(GOOD.replace("\"cpus\": 4,", "\"cpus\": 4, " + disks(28, -1))).getMessage())
        .startsWith(
            "p.json: field 'disks[27]': a virtio disk at index 27 would need PCI slot 0x1f");
  }

  @Test
  void aRootPortOnATakenSlotIsRefused() {
    String rp = "\"subsystemDevice\": \"07be\", \"rootPort\": \"00:%s.0\"";
    String base = GOOD.replace("\"cpus\": 4,", "\"cpus\": 4, " + disks(2, 1));
    assertThat(
            error(base.replace("\"subsystemDevice\": \"07be\"", rp.formatted("04"))).getMessage())
        .isEqualTo("p.json: field 'gpu.rootPort': '00:04.0': slot 0x04 is taken by disks[0]");
    assertThat(
            error(base.replace("\"subsystemDevice\": \"07be\"", rp.formatted("1f"))).getMessage())
        .contains("taken by the q35 ICH9");
    // a SATA disk takes no slot: 05 is free here
    ProfileReader.parse(
        base.replace("\"subsystemDevice\": \"07be\"", rp.formatted("05")), "p.json");
    String withNic =
        GOOD.replace("\"cpus\": 4,", "\"cpus\": 4, \"network\": {\"type\": \"user\"},");
    assertThat(
            error(withNic.replace("\"subsystemDevice\": \"07be\"", rp.formatted("03")))
                .getMessage())
        .contains("taken by the network card");
  }

  @Test
  void anAcpiTablePathWithAColonIsRefused() {
    MuxlessException e =
        error(
            GOOD.replace("\"cpus\": 4", "\"cpus\": 4, \"acpiTables\": [\"ok.aml\", \"a:b.aml\"]"));
    assertThat(e.getMessage()).startsWith("p.json: field 'acpiTables[1]': 'a:b.aml' contains ':'");
    assertThat(e.hint()).isNotBlank();
  }

  @Test
  void displayMustStayLocal() {
    MuxlessException e =
        error(
            GOOD.replace(
                "\"cpus\": 4,",
                "\"cpus\": 4, \"display\": {\"type\": \"vnc\", \"listen\": \"0.0.0.0:5900\"},"));
    assertThat(e.getMessage())
        .isEqualTo(
            "p.json: field 'display.listen': '0.0.0.0:5900' is neither unix:PATH nor a loopback address");
  }

  @Test
  void emptyNullAndNonObjectProfilesAreRefused() {
    assertThat(error("  ").getMessage()).isEqualTo("p.json: the profile is empty");
    assertThat(error("null").getMessage()).isEqualTo("p.json: the profile is null");
    assertThat(error("[1]").getMessage()).contains("the profile must be a JSON object");
    assertThat(error(GOOD + "{}").getMessage()).contains("line 8");
  }

  @Test
  void duplicateKeysAreRefused() {
    MuxlessException e = error(GOOD.replace("\"cpus\": 4,", "\"cpus\": 4, \"cpus\": 8,"));
    assertThat(e.getMessage()).contains("line 4").contains("Duplicate field 'cpus'");
  }

  @Test
  void missingProfileFileAndRelativePathsResolveAgainstItsDirectory(@TempDir Path dir)
      throws Exception {
    assertThatThrownBy(() -> ProfileReader.read(dir.resolve("none.json")))
        .hasMessageEndingWith("none.json: no such profile");
    Path f = dir.resolve("xps.json");
    Files.writeString(f, GOOD.replace("\"07be\"", "\"07be\", \"romfile\": \"roms/vbios.rom\""));
    VmProfile p = ProfileReader.read(f);
    assertThat(p.gpu().romfile()).isEqualTo(dir.resolve("roms/vbios.rom").toString());
    assertThat(p.firmware().code()).isEqualTo("/c.fd");
    assertThat(p.firmware().vars()).isEqualTo(dir.resolve("v.fd").toString());
  }

  @Test
  void missingInputFilesAreOneErrorNamingTheField(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("xps.json");
    Files.writeString(f, GOOD.replace("\"07be\"", "\"07be\", \"romfile\": \"vbios.rom\""));
    VmProfile p = ProfileReader.read(f);
    Path code = dir.resolve("c.fd");
    Files.writeString(code, "");
    VmProfile withCode =
        new VmProfile(
            p.name(),
            null,
            null,
            null,
            null,
            p.memoryMib(),
            p.cpus(),
            new VmProfile.Firmware("ovmf", code.toString(), p.firmware().vars(), null),
            null,
            null,
            p.gpu(),
            null,
            null,
            null,
            null);
    assertThatThrownBy(() -> VmLauncher.requireInputs(withCode))
        .isInstanceOf(MuxlessException.class)
        .hasMessage("xps: field 'gpu.romfile': no such file " + dir.resolve("vbios.rom"));
    Files.writeString(dir.resolve("vbios.rom"), "");
    assertThatThrownBy(() -> VmLauncher.requireInputs(withCode))
        .hasMessage("xps: field 'firmware.vars': no such file " + dir.resolve("v.fd"));
  }
}
