package dev.muxless.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.muxless.core.Json;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The vm commands as a user types them, on the demo host. */
class VmCommandsTest extends ShellTest {
  @TempDir Path dir;

  private Path initDemo() throws Exception {
    Path f = dir.resolve("xps.json");
    var r =
        run(
            "vm",
            "init",
            "--out",
            f.toString(),
            "--rom",
            dir.resolve("vbios.rom").toString(),
            "--acpi-tables",
            dir.resolve("rom.aml") + "," + dir.resolve("battery.aml"),
            "--kernel",
            dir.resolve("vmlinuz").toString(),
            "--append",
            "console=ttyS0 quiet");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output())
        .contains("Wrote " + f + " (VM 'xps')")
        .contains("GPU 0000:01:00.0 10de:1c8d, subsystem 1028:07be (from sysfs)")
        .contains("does not exist yet: create it with");
    return f;
  }

  @Test
  void initStoresPathsSoTheyNameTheFilesGivenFromAnotherDirectory() throws Exception {
    Path profile = dir.resolve("vms/x.json");
    Files.createDirectories(profile.getParent());
    Path cwd = Path.of("").toAbsolutePath();
    String rom = cwd.relativize(dir.resolve("out/vbios.rom")).toString(); // as typed in the shell
    String table = cwd.relativize(dir.resolve("out/rom.aml")).toString();
    var r =
        run(
            "vm",
            "init",
            "--out",
            profile.toString(),
            "--rom",
            rom,
            "--acpi-tables",
            table,
            "--kernel",
            dir.resolve("vmlinuz").toString(),
            "--json");
    assertThat(r.exitCode()).as(r.output()).isZero();
    JsonNode p = Json.mapper().readTree(profile.toFile());
    assertThat(p.path("gpu").path("romfile").asText()).isEqualTo("../out/vbios.rom");
    assertThat(p.path("acpiTables").get(0).asText()).isEqualTo("../out/rom.aml");
    assertThat(p.path("kernel").path("kernel").asText())
        .isEqualTo(dir.resolve("vmlinuz").toString());
    var args = run("vm", "args", profile.toString());
    assertThat(args.exitCode()).as(args.output()).isZero();
    assertThat(args.output().lines())
        .contains("file=" + dir.resolve("out/rom.aml"), dir.resolve("vmlinuz").toString())
        .anySatisfy(l -> assertThat(l).contains("romfile=" + dir.resolve("out/vbios.rom")));
  }

  @Test
  void initArgsAndXmlFromTheDemoHost() throws Exception {
    Path f = initDemo();
    JsonNode profile = Json.mapper().readTree(f.toFile());
    assertThat(profile.path("gpu").path("subsystemDevice").asText()).isEqualTo("07be");
    assertThat(profile.path("acpiTables").size()).isEqualTo(2);

    var again = run("vm", "init", "--out", f.toString());
    assertThat(again.exitCode()).isEqualTo(2);
    assertThat(again.output()).contains("error: " + f + " exists").contains("hint: ");

    var args = run("vm", "args", f.toString());
    assertThat(args.exitCode()).isZero();
    assertThat(args.output().lines())
        .startsWith("qemu-system-x86_64", "-name", "xps")
        .contains("-acpitable", "file=" + dir.resolve("rom.aml"), "console=ttyS0 quiet");

    var sh = run("vm", "args", f.toString(), "--shell");
    assertThat(sh.output().strip())
        .startsWith("qemu-system-x86_64 -name xps -machine q35,accel=kvm")
        .contains(" -append 'console=ttyS0 quiet'")
        .doesNotContain("\n");

    var js = run("vm", "args", f.toString(), "--json");
    assertThat(Json.mapper().readTree(js.output()).get(0).asText()).isEqualTo("qemu-system-x86_64");

    var xml = run("vm", "xml", f.toString());
    assertThat(xml.exitCode()).isZero();
    assertThat(xml.output())
        .contains("<domain type='kvm' xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>")
        .contains("<rom file='" + dir.resolve("vbios.rom") + "'/>")
        .contains("<qemu:property name='x-pci-sub-device-id' type='unsigned' value='1982'/>");
    Path out = dir.resolve("xps.xml");
    assertThat(run("vm", "xml", f.toString(), "--out", out.toString()).output()).contains("Wrote");
    assertThat(Files.readString(out)).startsWith("<domain");
  }

  @Test
  void checkOnTheDemoHostFailsWithFixes() throws Exception {
    Path f = initDemo();
    var r = run("vm", "check", f.toString());
    assertThat(r.exitCode()).as(r.output()).isEqualTo(1);
    assertThat(r.output())
        .contains("FAIL  gpu-driver")
        .contains("0000:01:00.0 is bound to nvidia")
        .contains("fix: muxless vfio bind 0000:01:00.0")
        .containsPattern("\\d+ passed, \\d+ warnings, \\d+ failed, \\d+ skipped");
    var js = run("vm", "check", f.toString(), "--json");
    JsonNode steps = Json.mapper().readTree(js.output()).get("steps");
    assertThat(steps.get(0).get("id").asText()).isEqualTo("qemu");
  }

  @Test
  void badProfilesAreOneLineErrorsWithExitTwo() throws Exception {
    Path f = dir.resolve("bad.json");
    Files.writeString(f, "{\n  \"name\": \"x\",\n  \"colour\": \"red\"\n}\n");
    var r = run("vm", "args", f.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.output())
        .contains("error: " + f + " line 3 column 3: unknown key 'colour'")
        .contains("hint: known keys here: accel, acpiTables,")
        .doesNotContain("Exception");
    Files.writeString(f, "{\"name\": \"x\", \"cpus\": 2, \"memoryMib\": 512}");
    r = run("vm", "xml", f.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.output()).contains("error: " + f + ": missing field 'firmware'");
    r = run("vm", "check", dir.resolve("nope.json").toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.output()).contains("nope.json: no such profile").contains("hint: create one with");
  }

  @Test
  void missingFilesStopStartBeforeAnythingRuns() throws Exception {
    Path f = initDemo();
    var r = run("vm", "start", f.toString(), "--dry-run");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.output())
        .containsPattern("error: xps: field '(firmware.code|gpu.romfile)': no such file");
  }

  private static boolean hasQemu() {
    for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(d, "qemu-system-x86_64"))) {
        return true;
      }
    }
    return false;
  }

  @Test
  void startStatusStopUnderTcg() throws Exception {
    Assumptions.assumeTrue(hasQemu(), "qemu-system-x86_64 not installed (.ci/run installs it)");
    Path f = dir.resolve("tiny.json");
    Files.writeString(
        f,
        """
        {"name": "tiny", "accel": "tcg", "memoryMib": 128, "cpus": 1,
         "firmware": {"type": "seabios"}, "display": {"type": "none"},
         "network": {"type": "none"}}
        """);
    var dry = run("vm", "start", f.toString(), "--dry-run");
    assertThat(dry.exitCode()).isZero();
    assertThat(dry.output())
        .contains("Would run (dry run):")
        .contains("-mon chardev=qmp,mode=control");

    var start = run("vm", "start", f.toString());
    assertThat(start.exitCode()).as(start.output()).isZero();
    assertThat(start.output())
        .containsPattern("VM 'tiny' is running \\(pid \\d+, QEMU \\d+\\.\\d+");
    try {
      var st = run("vm", "status", "tiny");
      assertThat(st.exitCode()).isZero();
      assertThat(st.output()).contains("tiny").contains("running");
      var all = run("vm", "status", "--json");
      JsonNode arr = Json.mapper().readTree(all.output());
      assertThat(arr.findValuesAsText("qmpStatus")).contains("running");
    } finally {
      var stop = run("vm", "stop", "tiny", "--timeout", "1");
      assertThat(stop.exitCode()).as(stop.output()).isZero();
      assertThat(stop.output())
          .contains("POWERDOWN {}  (the power button was pressed (ACPI))")
          .contains("SHUTDOWN {\"guest\":false,\"reason\":\"host-qmp-quit\"}")
          .contains("VM 'tiny' stopped: quit after 1 s");
    }
    var after = run("vm", "status", "tiny");
    assertThat(after.exitCode()).isEqualTo(1);
    assertThat(after.output()).contains("stopped");
    var again = run("vm", "stop");
    assertThat(again.exitCode()).isEqualTo(2);
    assertThat(again.output()).contains("error: no VM is running");
  }

  @Test
  void helpShowsExamples() throws Exception {
    var r = run("help", "vm", "args");
    assertThat(r.exitCode()).isZero();
    assertThat(r.output()).contains("Examples:").contains("vm args xps.json --shell");
  }
}
