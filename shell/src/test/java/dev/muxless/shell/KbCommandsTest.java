package dev.muxless.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.muxless.core.Json;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KbCommandsTest extends ShellTest {
  @TempDir Path tmp;

  static final String DMESG =
      """
      [    0.412345] DMAR: IOMMU enabled
      [    1.000000] pci 0000:01:00.0: Invalid PCI ROM header signature: expecting 0xaa55, got 0xffff
      [    2.000000] snd_hda_intel 0000:00:1f.3: probe failed with error -2
      [    3.000000] pci 0000:01:00.0: Invalid PCI ROM header signature: expecting 0xaa55, got 0xffff
      """;

  @Test
  void listShowsConfigurationsAndSymptoms() throws Exception {
    var r = run("kb", "list");
    assertThat(r.exitCode()).isZero();
    assertThat(r.output())
        .contains("linux-nouveau-render-gvt-primary", "works", "configuration")
        .contains("rom-bar-invalid-signature", "symptom");
    var w = run("kb", "list", "--status", "never", "--json");
    JsonNode arr = Json.mapper().readTree(w.output());
    assertThat(arr.size()).isEqualTo(1);
    assertThat(arr.get(0).get("id").asText()).isEqualTo("nvidia-sole-guest-gpu");
  }

  @Test
  void listWithABadStatusIsBadUsage() throws Exception {
    var r = run("kb", "list", "--status", "broken");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.output())
        .contains("error: --status: unknown status 'broken'", "hint:", "works-with-patching");
  }

  @Test
  void showPrintsAConfigurationWithRequirementsEvidenceAndWhatMuxlessAdds() throws Exception {
    var r = run("kb", "show", "linux-nvidia-binary-driver-patch");
    assertThat(r.exitCode()).isZero();
    assertThat(r.output())
        .contains("works-with-patching", "Requirements", "check host:iommu-active")
        .contains("nv_acpi_rom_method", "What muxless adds", "acpi rom-table");
    var s = run("kb", "show", "qxl-swiotlb-full", "--json");
    JsonNode n = Json.mapper().readTree(s.output());
    assertThat(n.get("examples").get(0).asText()).contains("swiotlb buffer is full");
    assertThat(n.get("configurations").get(0).asText()).isEqualTo("reverse-prime-qxl-mirror");
    var bad = run("kb", "show", "nope");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.output()).contains("error: kb show: no entry 'nope'");
  }

  @Test
  void searchFindsByWordsAnywhere() throws Exception {
    var r = run("kb", "search", "code", "43");
    assertThat(r.exitCode()).isZero();
    assertThat(r.output().lines().skip(2).findFirst().orElse("")).contains("windows-code-43");
    assertThat(run("kb", "search", "zzzyyyxxx").exitCode()).isEqualTo(1);
    var none = run("kb", "search", "zzzyyyxxx", "--json");
    assertThat(none.exitCode()).as("no hits is the same status with --json").isEqualTo(1);
    assertThat(none.output().strip()).isEqualTo("[ ]");
  }

  @Test
  void diagnoseAFileGroupsRepeatsAndListsUnknownErrors() throws Exception {
    Path log = tmp.resolve("dmesg.txt");
    Files.writeString(log, DMESG);
    var r = run("diagnose", "--log", log.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.output())
        .contains("Invalid PCI ROM header", "lines: 2, 4", "rom extract")
        .contains("3: [    2.000000] snd_hda_intel")
        .contains("1 known symptom(s), 1 unexplained error line(s)");
    var j = run("diagnose", "--log", log.toString(), "--json");
    JsonNode n = Json.mapper().readTree(j.output());
    assertThat(n.get("findings").get(0).get("id").asText()).isEqualTo("rom-bar-invalid-signature");
    assertThat(n.get("findings").get(0).get("lines").toString()).isEqualTo("[2,4]");
    assertThat(n.get("findings").get(0).has("cause")).isTrue();
    assertThat(n.get("unmatched").toString()).isEqualTo("[3]");
  }

  @Test
  void diagnoseReadsStandardInputAndSeveralFiles() throws Exception {
    Path a = tmp.resolve("a.log");
    Files.writeString(
        a, "nothing\nvfio: Cannot reset device 0000:01:00.0, no available reset mechanism.\n");
    InputStream old = System.in;
    try {
      System.setIn(new ByteArrayInputStream(DMESG.getBytes(StandardCharsets.UTF_8)));
      var r = run("diagnose", "--log", a.toString(), "-", "--json");
      JsonNode n = Json.mapper().readTree(r.output());
      assertThat(n.get("findings").get(0).get("id").asText()).isEqualTo("qemu-vfio-no-reset");
      assertThat(n.get("findings").get(0).get("lines").toString()).isEqualTo("[2]");
      assertThat(n.get("findings").get(1).get("lines").toString()).isEqualTo("[4,6]");
      System.setIn(new ByteArrayInputStream(DMESG.getBytes(StandardCharsets.UTF_8)));
      var t = run("diagnose", "--log", a.toString(), "-");
      assertThat(t.output()).contains("stdin:2, stdin:4", a + ":2");
    } finally {
      System.setIn(old);
    }
  }

  @Test
  void diagnoseAMissingFileIsBadInput() throws Exception {
    var r = run("diagnose", "--log", tmp.resolve("none.log").toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.output()).contains("none.log: no such file", "hint:");
  }

  @Test
  void setupValidateOnTheDemoHost() throws Exception {
    var r = run("setup", "validate");
    assertThat(r.exitCode()).as(r.output()).isZero(); // nothing fails; the GPU driver warns
    assertThat(r.output())
        .contains("Target: linux-nvidia-acpi-rom-gvt-primary (untested)")
        .containsPattern("PASS +iommu-active")
        .containsPattern("WARN +gpu-driver .*is bound to nvidia")
        .containsPattern("PASS +qemu .*/usr/bin/qemu-system-x86_64 version 1:7.2")
        .containsPattern("SKIP +machine-q35 .*no --profile given")
        .contains("fix: ./muxless vfio bind 0000:01:00.0 --apply"); // the host check's fix
    var j = run("setup", "validate", "--target", "linux-gvt-render-primary", "--json");
    JsonNode n = Json.mapper().readTree(j.output());
    assertThat(n.get("target").asText()).isEqualTo("linux-gvt-render-primary");
    assertThat(n.get("steps").get(0).get("id").asText()).isEqualTo("cpu-virt");
    assertThat(n.get("steps").get(0).get("status").asText()).isEqualTo("PASS");
    assertThat(n.get("steps").get(0).get("check").asText()).isEqualTo("host:cpu-virt");
  }

  @Test
  void setupValidatePassesOnAReadyHostWithAGoodProfile() throws Exception {
    Path root =
        dev.muxless.host.TreeFixture.parse(dev.muxless.host.DemoHost.text(), "demo.tree")
            .materializeInto(Files.createDirectories(tmp.resolve("hosts")));
    var host = dev.muxless.host.HostRoot.of(root);
    // the vGPU the profile names, created by the vfio engine as 'gvt create' would
    dev.muxless.vfio.Gvt.create(
        host,
        new dev.muxless.host.SimulatedKernel(host),
        dev.muxless.vfio.Gvt.type(host, "i915-GVTg_V5_4"),
        "d34fc6f1-f279-35a5-b3f4-ab604b6d53a1");
    session.use(host);
    Path p = tmp.resolve("gvt.json");
    Files.writeString(
        p,
        """
        {"name": "gvt", "machine": "q35", "memoryMib": 2048, "cpus": 2,
         "firmware": {"type": "ovmf", "code": "/usr/share/OVMF/OVMF_CODE_4M.fd", "vars": "v.fd"},
         "vgpu": {"uuid": "d34fc6f1-f279-35a5-b3f4-ab604b6d53a1", "type": "i915-GVTg_V5_4"}}
        """);
    var r =
        run("setup", "validate", "--target", "linux-gvt-render-primary", "--profile", p.toString());
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output())
        .containsPattern("PASS +qemu")
        .containsPattern("PASS +gvt-device .*d34fc6f1-f279-35a5-b3f4-ab604b6d53a1")
        .doesNotContain("FAIL ")
        .contains("0 failed");
  }

  @Test
  void setupValidateWithAProfileFromVmInitOnTheDemoHost() throws Exception {
    Path p = tmp.resolve("demo.json");
    assertThat(run("vm", "init", "--out", p.toString()).exitCode()).isZero();
    var r = run("setup", "validate", "--profile", p.toString(), "--json");
    assertThat(r.exitCode()).as(r.output()).isEqualTo(1);
    JsonNode steps = Json.mapper().readTree(r.output()).get("steps");
    java.util.Map<String, String> st = new java.util.HashMap<>();
    steps.forEach(s -> st.put(s.get("id").asText(), s.get("status").asText()));
    assertThat(st)
        .containsEntry("machine-q35", "PASS")
        .containsEntry("firmware-ovmf", "PASS")
        .containsEntry("gpu-device", "PASS")
        .containsEntry("sub-ids", "PASS")
        .containsEntry("gvt-device", "WARN") // vm init names a vGPU the demo host has not created
        .containsEntry("vbios", "FAIL") // vm init without --rom: no gpu.romfile
        .containsEntry("rom-valid", "SKIP")
        .containsEntry("acpitable", "FAIL")
        .containsEntry("acpi-rom-method", "FAIL");
    JsonNode gvt = null;
    for (JsonNode s : steps) {
      if (s.get("id").asText().equals("gvt-device")) {
        gvt = s;
      }
    }
    assertThat(gvt.get("fix").asText()).startsWith("gvt create --type i915-GVTg_V5_4 --uuid ");
  }

  @Test
  void completionOffersKnowledgeBaseIds() {
    assertThat(ids(kbIdCompletion)).contains("windows-guest-acpi-rom", "qxl-swiotlb-full");
    assertThat(ids(kbConfigurationCompletion))
        .contains("linux-nvidia-acpi-rom-gvt-primary")
        .doesNotContain("qxl-swiotlb-full");
    assertThat(ids(kbStatusCompletion)).contains("works", "doesnt-work-yet", "needed");
  }

  @org.springframework.beans.factory.annotation.Autowired
  @org.springframework.beans.factory.annotation.Qualifier("kbIdCompletion")
  org.springframework.shell.completion.CompletionProvider kbIdCompletion;

  @org.springframework.beans.factory.annotation.Autowired
  @org.springframework.beans.factory.annotation.Qualifier("kbConfigurationCompletion")
  org.springframework.shell.completion.CompletionProvider kbConfigurationCompletion;

  @org.springframework.beans.factory.annotation.Autowired
  @org.springframework.beans.factory.annotation.Qualifier("kbStatusCompletion")
  org.springframework.shell.completion.CompletionProvider kbStatusCompletion;

  static java.util.List<String> ids(org.springframework.shell.completion.CompletionProvider p) {
    return p.apply(null).stream().map(org.springframework.shell.CompletionProposal::value).toList();
  }

  @Test
  void setupValidateBadTargetAndBadProfileAreBadInput() throws Exception {
    var t = run("setup", "validate", "--target", "windows");
    assertThat(t.exitCode()).isEqualTo(2);
    assertThat(t.output())
        .contains("--target: no configuration 'windows'", "windows-guest-acpi-rom");
    Path p = tmp.resolve("vm.json");
    Files.writeString(p, "{not json");
    var b = run("setup", "validate", "--profile", p.toString());
    assertThat(b.exitCode()).isEqualTo(2);
    assertThat(b.output()).contains("error: ", "vm.json line 1 column 2: JSON syntax error");
    Path argv = tmp.resolve("argv.json");
    Files.writeString(argv, "{\"args\": [\"-machine\", \"q35\"]}");
    var a = run("setup", "validate", "--profile", argv.toString());
    assertThat(a.exitCode()).isEqualTo(2);
    assertThat(a.output()).contains("unknown key 'args'", "hint: known keys here:");
  }

  @Test
  void troubleshootReplaysAnswersAndSavesTheTranscript() throws Exception {
    Path answers = tmp.resolve("answers.json");
    Files.writeString(
        answers,
        """
        {"answers": {"goal": "linux-nouveau", "vm-starts-linux": "yes", "linux-driver": "nouveau",
                     "nouveau-message": "no-usable-image", "boot-path": "mainline-grub"}}
        """);
    Path save = tmp.resolve("session.json");
    var r = run("troubleshoot", "--answers", answers.toString(), "--save", save.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.output())
        .contains("Target: linux-nouveau-render-gvt-primary", "Findings", "grub-no-linuxefi")
        .contains("Next steps", "Mainline GRUB has no EFI handover", "Transcript: " + save);
    JsonNode t = Json.mapper().readTree(Files.readString(save));
    assertThat(t.get("finished").asBoolean()).isTrue();
    assertThat(t.get("entries").get(1).get("by").asText()).isEqualTo("check");
    assertThat(t.get("findings").toString()).contains("nouveau-bios-no-usable-image");
  }

  @Test
  void troubleshootWithoutInputStopsAndCanBeResumed() throws Exception {
    Path save = tmp.resolve("s.json");
    // the test terminal has no input: the first question meets end of file
    var r = run("troubleshoot", "--save", save.toString());
    assertThat(r.exitCode()).isZero();
    assertThat(r.output())
        .contains(
            "What are you trying to do?",
            "Session stopped after 0 answer(s)",
            "troubleshoot --resume " + save);
    assertThat(Files.readString(save)).contains("\"finished\" : false");
    Path answers = tmp.resolve("a.json");
    Files.writeString(
        answers, "{\"answers\": {\"goal\": \"vbios\", \"vbios-sysfs\": \"io-error\"}}");
    var done =
        run("troubleshoot", "--resume", save.toString(), "--answers", answers.toString(), "--json");
    JsonNode t = Json.mapper().readTree(done.output());
    assertThat(t.get("target").asText()).isEqualTo("needed-vbios-dump-linux");
    assertThat(t.get("findings").toString()).contains("rom-sysfs-io-error");
    assertThat(Files.readString(save)).contains("\"finished\" : true");
  }

  @Test
  void troubleshootBadAnswersNameTheQuestion() throws Exception {
    Path answers = tmp.resolve("bad.json");
    Files.writeString(answers, "{\"answers\": {\"goal\": \"fly\"}}");
    var r =
        run(
            "troubleshoot",
            "--answers",
            answers.toString(),
            "--save",
            tmp.resolve("x.json").toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.output()).contains("'fly' is not a choice of question 'goal'", "hint: use one of");
  }

  /**
   * Commands of the other areas the knowledge base links to, as their branches register them (the
   * host, vfio, gvt, rom, acpi and vm command classes); kb entries may only name these or commands
   * registered here.
   */
  static final java.util.Set<String> OTHER_AREAS =
      java.util.Set.of(
          "host check",
          "vfio bind",
          "vfio restore",
          "vfio persist",
          "vfio groups",
          "gvt types",
          "gvt list",
          "gvt create",
          "gvt remove",
          "rom parse",
          "rom extract",
          "rom dump",
          "rom strip",
          "rom hexdump",
          "acpi rom-table",
          "acpi battery",
          "acpi inspect",
          "vm init",
          "vm args",
          "vm xml",
          "vm check",
          "vm start",
          "vm status",
          "vm stop",
          "vm watch");

  @org.springframework.beans.factory.annotation.Autowired
  org.springframework.shell.command.CommandCatalog catalog;

  @Test
  void everyCommandTheKnowledgeBaseNamesExists() {
    var kb = dev.muxless.kb.KnowledgeBase.bundled();
    java.util.List<String> named = new java.util.ArrayList<>();
    for (var c : kb.configurations()) {
      c.requirements().forEach(r -> named.addAll(r.commands()));
      if (c.muxless() != null) {
        named.addAll(c.muxless().commands());
      }
    }
    kb.symptoms().forEach(s -> named.addAll(s.commands()));
    java.util.Set<String> registered = catalog.getRegistrations().keySet();
    java.util.List<String> unknown = new java.util.ArrayList<>();
    for (String cmd : named) {
      String[] w = cmd.split(" ");
      String one = w[0];
      String two = w.length > 1 ? w[0] + " " + w[1] : one;
      if (!registered.contains(one) && !registered.contains(two) && !OTHER_AREAS.contains(two)) {
        unknown.add(cmd);
      }
    }
    assertThat(unknown).isEmpty();
  }

  @Test
  void helpShowsTheExamples() throws Exception {
    var r = run("help", "diagnose");
    assertThat(r.exitCode()).isZero();
    assertThat(r.output()).contains("Usage: diagnose", "--log", "Examples:");
    assertThat(run("help", "setup", "validate").output()).contains("--profile", "--target");
  }
}
