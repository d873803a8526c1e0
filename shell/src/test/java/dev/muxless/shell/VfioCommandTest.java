package dev.muxless.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.muxless.core.Json;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VfioCommandTest extends ShellTest {
  @TempDir Path tmp;

  @Test
  void groupsShowVerdictsAndRoles() throws Exception {
    var r = run("vfio", "groups");
    assertThat(r.exitCode()).isZero();
    assertThat(r.output())
        .contains("group 1: viable: 1 function of slot 0000:01:00 (bridges stay with the host)")
        .contains(
            "0000:00:01.0",
            "bridge",
            "0000:01:00.0",
            "3D controller",
            "10de:1c8d",
            "nvidia",
            "endpoint");
    assertThat(r.output()).contains("skl_uncore  chipset");
    JsonNode j = Json.mapper().readTree(run("vfio", "groups", "--json").output());
    assertThat(j.get(1).get("group").asInt()).isEqualTo(1);
    assertThat(j.get(1).get("viable").asBoolean()).isTrue();
    assertThat(j.get(1).get("devices").get(1).get("role").asText()).isEqualTo("endpoint");
  }

  @Test
  void bindJsonPrintsRealHostPathsWhateverTheRoot() throws Exception {
    session.use(FixtureHosts.load("mxm-laptop", tmp));
    var r = run("vfio", "bind", "01:00.0", "--json");
    assertThat(r.exitCode()).as(r.output()).isZero();
    JsonNode j = Json.mapper().readTree(r.output());
    assertThat(j.get("device").asText()).isEqualTo("0000:01:00.0");
    assertThat(j.get("refused").isNull()).isTrue();
    assertThat(j.get("steps").size()).isEqualTo(6);
    assertThat(j.get("steps").get(0).get("path").asText())
        .isEqualTo("/sys/bus/pci/devices/0000:01:00.0/driver_override");
    assertThat(j.get("steps").get(0).get("value").asText()).isEqualTo("vfio-pci");
    assertThat(r.output()).doesNotContain(tmp.toString());
  }

  @Test
  void refusalExitsOneWithTheReason() throws Exception {
    session.use(FixtureHosts.load("shared-group", tmp));
    var r = run("vfio", "bind", "01:00.0");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.output())
        .contains("Refused: IOMMU group 1 also holds 0000:02:00.0", "driver nvme");
    var both = run("vfio", "bind", "01:00.0", "02:00.0");
    assertThat(both.exitCode()).as(both.output()).isZero();
    assertThat(both.output()).contains("echo 0000:02:00.0 > /sys/bus/pci/drivers/nvme/unbind");
    var vga = run("vfio", "bind", "00:02.0", "--json");
    assertThat(vga.exitCode()).isEqualTo(1);
    assertThat(Json.mapper().readTree(vga.output()).get("refused").asText())
        .contains("boot display");
  }

  @Test
  void applyThenRestoreOnAFixture() throws Exception {
    session.use(FixtureHosts.load("mxm-laptop", tmp));
    var dry = run("vfio", "bind", "01:00.0");
    assertThat(dry.output()).contains("Dry run: nothing changed");
    assertThat(session.host().linkName("/sys/bus/pci/devices/0000:01:00.0/driver"))
        .contains("nouveau");
    var r = run("vfio", "bind", "01:00.0", "--apply");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).contains("Bound 0000:01:00.0 to vfio-pci (verified)");
    assertThat(session.host().linkName("/sys/bus/pci/devices/0000:01:00.1/driver"))
        .contains("vfio-pci");
    var plan = run("vfio", "restore");
    assertThat(plan.output())
        .contains(
            "0000:01:00.0 back to driver nouveau",
            "echo 0000:01:00.0 > /sys/bus/pci/drivers/nouveau/bind");
    var planJson = Json.mapper().readTree(run("vfio", "restore", "--json").output());
    assertThat(planJson.get("applied").asBoolean()).isFalse();
    assertThat(planJson.get("devices").get(0).get("address").asText()).isEqualTo("0000:01:00.0");
    assertThat(planJson.get("devices").get(0).get("driver").asText()).isEqualTo("nouveau");
    assertThat(planJson.get("devices").get(0).get("steps").toString())
        .contains("/sys/bus/pci/drivers/nouveau/bind");
    // the JSON dry run changed nothing
    assertThat(session.host().linkName("/sys/bus/pci/devices/0000:01:00.0/driver"))
        .contains("vfio-pci");
    var back = run("vfio", "restore", "--apply");
    assertThat(back.exitCode()).as(back.output()).isZero();
    assertThat(back.output()).contains("Restored 2 devices; journal cleared.");
    assertThat(session.host().linkName("/sys/bus/pci/devices/0000:01:00.1/driver"))
        .contains("snd_hda_intel");
    assertThat(run("vfio", "restore", "--apply").output()).contains("Nothing to restore");
  }

  @Test
  void badAddressIsBadUsage() throws Exception {
    var r = run("vfio", "bind", "1:0.0");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.output()).contains("error: not a PCI address: '1:0.0'", "hint:");
  }

  @Test
  void persistPrintsThenWritesWithBackup() throws Exception {
    session.use(FixtureHosts.load("vfio-builtin", tmp));
    var r = run("vfio", "persist", "01:00.0");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output())
        .contains("vfio-pci is built into the kernel")
        .contains("  - GRUB_CMDLINE_LINUX_DEFAULT=\"quiet\"")
        .contains("  + GRUB_CMDLINE_LINUX_DEFAULT=\"quiet iommu=pt vfio-pci.ids=10de:1cbb\"")
        .contains("Then run: update-grub", "Dry run: nothing written");
    assertThat(session.host().read("/etc/default/grub").orElseThrow()).contains("\"quiet\"");
    var w = run("vfio", "persist", "01:00.0", "--write");
    assertThat(w.exitCode()).as(w.output()).isZero();
    assertThat(w.output())
        .contains("wrote /etc/default/grub (previous content in /etc/default/grub.muxless-backup-");
    assertThat(session.host().read("/etc/default/grub").orElseThrow())
        .contains("vfio-pci.ids=10de:1cbb");
  }

  @Test
  void restoreKeepsAnAbsentDeviceAndCountsOnlyWhatItChanged() throws Exception {
    session.use(FixtureHosts.load("mxm-laptop", tmp));
    assertThat(run("vfio", "bind", "01:00.0", "--apply").exitCode()).isZero();
    dev.muxless.host.TreeFixture.deleteTree(
        session.host().path("/sys/bus/pci/devices/0000:01:00.1"));
    assertThat(run("vfio", "restore").output())
        .contains("0000:01:00.1 back to driver snd_hda_intel: absent, kept in the journal");
    var back = run("vfio", "restore", "--apply");
    assertThat(back.exitCode()).as(back.output()).isEqualTo(1);
    assertThat(back.output())
        .contains("absent, kept: 0000:01:00.1", "Restored 1 device; the journal keeps")
        .doesNotContain("journal cleared");
    var again = run("vfio", "restore", "--apply", "--json");
    assertThat(again.exitCode()).isEqualTo(1);
    JsonNode j = Json.mapper().readTree(again.output());
    assertThat(j.get("restored")).isEmpty();
    assertThat(j.get("absent").get(0).asText()).isEqualTo("0000:01:00.1");
    assertThat(j.get("devices")).hasSize(1);
    assertThat(j.get("devices").get(0).get("absent").asBoolean()).isTrue();
  }
}
