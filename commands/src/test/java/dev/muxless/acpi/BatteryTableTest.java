package dev.muxless.acpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fake battery under acpiexec: present, and rechargeable where the NVIDIA driver looks. */
class BatteryTableTest {
  @TempDir Path dir;

  static List<String> elements(String text) {
    List<String> out = new ArrayList<>();
    Matcher m =
        Pattern.compile(
                "^\\s+\\[(Integer|String)\\] (?:= ([0-9A-F]+)|Length \\w+ = \"(.*)\")$",
                Pattern.MULTILINE)
            .matcher(text);
    while (m.find()) {
      out.add(
          m.group(1).equals("Integer")
              ? Long.toString(Long.parseLong(m.group(2), 16))
              : m.group(3));
    }
    return out;
  }

  @Test
  void staIsPresentAndBifSaysRechargeable() throws Exception {
    AcpiTools.assumeTool("acpiexec");
    Path f = dir.resolve("battery.aml");
    Files.write(f, BatteryTable.build().toAml());
    var out =
        AcpiTools.acpiexec(
            dir,
            List.of(f),
            List.of(
                "evaluate \\_SB.BAT0._STA",
                "evaluate \\_SB.BAT0._BIF",
                "evaluate \\_SB.BAT0._HID",
                "evaluate \\_SB.BAT0._BST"));
    assertThat(out.problems()).isEmpty();
    assertThat(out.evaluations).hasSize(4);
    assertThat(out.evaluations.get(0).integer()).isEqualTo(0x1F);
    List<String> bif = elements(out.evaluations.get(1).text());
    assertThat(bif).hasSize(13);
    assertThat(bif.get(3)).as("_BIF[3] battery technology: 1 = rechargeable").isEqualTo("1");
    assertThat(bif.get(0)).as("power unit mA").isEqualTo("1");
    assertThat(bif.subList(9, 13)).containsExactly("muxless", "0001", "LION", "muxless");
    assertThat(out.evaluations.get(2).integer()).isEqualTo(0x0A0CD041L); // EisaId PNP0C0A
    assertThat(elements(out.evaluations.get(3).text())).hasSize(4);
  }

  @Test
  void sameDriverFacingValuesAsTheCommunityTable() throws Exception {
    AcpiTools.assumeTool("acpiexec");
    Path community = AcpiTools.assumeShared("acpi").resolve("community-fake-battery-SSDT1.dat");
    Path dsdt = NvidiaRomTablesTest.dsdts().get(0);
    var theirs =
        AcpiTools.acpiexec(
            dir,
            List.of(dsdt, community),
            List.of("evaluate \\_SB.PCI0.BAT0._BIF", "evaluate \\_SB.PCI0.BAT0._STA"));
    Path f = dir.resolve("battery.aml");
    Files.write(f, BatteryTable.build().toAml());
    var ours =
        AcpiTools.acpiexec(
            dir, List.of(dsdt, f), List.of("evaluate \\_SB.BAT0._BIF", "evaluate \\_SB.BAT0._STA"));
    assertThat(ours.problems()).isEmpty();
    List<String> a = elements(theirs.evaluations.get(0).text());
    List<String> b = elements(ours.evaluations.get(0).text());
    assertThat(b.subList(0, 9)).isEqualTo(a.subList(0, 9));
    assertThat(ours.evaluations.get(1).integer()).isEqualTo(theirs.evaluations.get(1).integer());
  }
}
