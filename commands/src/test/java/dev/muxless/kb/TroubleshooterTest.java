package dev.muxless.kb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.muxless.core.MuxlessException;
import dev.muxless.host.HostRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scripted sessions: the answers a user would give, and the findings the session must reach. */
class TroubleshooterTest {
  static final KnowledgeBase KB = KnowledgeBaseIntegrityTest.KB;
  @TempDir static Path tmp;

  @BeforeAll
  static void state() throws Exception {
    if (System.getProperty("muxless.state") == null) {
      System.setProperty("muxless.state", Files.createTempDirectory("kb-state-").toString());
    }
  }

  static Transcript run(
      FactCollector f, String target, Map<String, String> answers, List<Transcript> saved) {
    return new Troubleshooter(KB, f)
        .run(target, new ScriptedAnswers("test", answers), null, saved::add);
  }

  static List<String> findingIds(Transcript t) {
    return t.findings().stream().map(Lead::id).toList();
  }

  @Test
  void windowsCode43OnDemoWithoutProfileNarrowsToRomBatteryAndVmDetection() {
    List<Transcript> saved = new ArrayList<>();
    FactCollector f = new FactCollector(HostRoot.demo(), null);
    Transcript t =
        run(
            f,
            null,
            Map.of(
                "goal",
                "windows",
                "vm-starts-windows",
                "yes",
                "device-manager",
                "code43",
                "rom-table-windows",
                "no",
                "battery-windows",
                "no",
                "irqchip-windows",
                "yes",
                "driver-version-windows",
                "old",
                "kvm-hidden-windows",
                "no"),
            saved);
    assertThat(t.finished()).isTrue();
    assertThat(t.target()).isEqualTo("windows-guest-acpi-rom");
    // IOMMU question answered by the host check, the rest by the user (no profile to check)
    assertThat(t.entries())
        .extracting(TranscriptEntry::question, TranscriptEntry::by)
        .startsWith(
            org.assertj.core.groups.Tuple.tuple("goal", "user"),
            org.assertj.core.groups.Tuple.tuple("iommu-windows", "check"));
    // the demo host passes every host check step it must (qemu and OVMF installed): no host:
    // requirement is a finding, only what the answers point at
    assertThat(dev.muxless.host.HostCheck.run(HostRoot.demo()).anyFailed()).isFalse();
    assertThat(findingIds(t)).contains("windows-code-43").noneMatch(id -> id.startsWith("host:"));
    assertThat(t.notes())
        .anyMatch(n -> n.contains("acpi rom-table"))
        .anyMatch(n -> n.contains("acpi battery"))
        .anyMatch(n -> n.contains("hide KVM"));
    assertThat(saved).hasSize(t.entries().size() + 1);
  }

  @Test
  void windowsWithAGoodProfileAnswersTheAcpiQuestionsItself() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("w"));
    Files.copy(KbFixtures.realVbios(), dir.resolve("vbios.rom")); // a temp copy, not the repo
    KbFixtures.iasl(dir, "rom-ssdt", KbFixtures.ROM_SSDT_ASL);
    Files.writeString(
        dir.resolve("profile.json"),
        KbFixtures.goodProfile().replace("\"machine\": \"q35\"", "\"machine\": \"pc-q35-4.0\""));
    FactCollector f =
        FactCollector.read(
            KbFixtures.readyHost(Files.createDirectories(tmp.resolve("wh"))),
            dir.resolve("profile.json"));
    Transcript t =
        run(
            f,
            "windows-guest-acpi-rom",
            Map.of(
                "vm-starts-windows",
                "yes",
                "device-manager",
                "code43",
                "driver-version-windows",
                "new"),
            new ArrayList<>());
    assertThat(t.entries())
        .extracting(TranscriptEntry::question, TranscriptEntry::by)
        .contains(
            org.assertj.core.groups.Tuple.tuple("goal", "target"),
            org.assertj.core.groups.Tuple.tuple("rom-table-windows", "check"),
            org.assertj.core.groups.Tuple.tuple("battery-windows", "check"),
            org.assertj.core.groups.Tuple.tuple("irqchip-windows", "check"));
    // pc-q35-4.0 is the one q35 that defaults to kernel_irqchip=split: the check answers "no"
    assertThat(t.entries())
        .filteredOn(e -> e.question().equals("irqchip-windows"))
        .extracting(TranscriptEntry::answer)
        .containsExactly("no");
    assertThat(t.notes()).anyMatch(n -> n.contains("kernel_irqchip=on"));
    assertThat(t.notes())
        .noneMatch(n -> n.contains("Missing _ROM"))
        .anyMatch(n -> n.contains("01:00.0"));
    assertThat(findingIds(t)).contains("windows-code-43").doesNotContain("host:qemu");
  }

  @Test
  void linuxNouveauWithMainlineGrubPointsAtTheBootPath() {
    Transcript t =
        run(
            new FactCollector(HostRoot.demo(), null),
            "linux-nouveau-render-gvt-primary",
            Map.of(
                "vm-starts-linux",
                "yes",
                "linux-driver",
                "nouveau",
                "nouveau-message",
                "no-usable-image",
                "boot-path",
                "mainline-grub"),
            new ArrayList<>());
    assertThat(findingIds(t)).contains("nouveau-bios-no-usable-image", "grub-no-linuxefi");
    Lead grub =
        t.findings().stream()
            .filter(l -> l.id().equals("grub-no-linuxefi"))
            .findFirst()
            .orElseThrow();
    assertThat(grub.reason()).isEqualTo("answer boot-path = mainline-grub");
    assertThat(grub.fix()).contains("EFISTUB");
  }

  @Test
  void brokenHostStopsAtTheIommuWithoutAsking() {
    Transcript t =
        run(
            new FactCollector(KbFixtures.brokenHost(tmp), null),
            null,
            Map.of("goal", "linux-nvidia"),
            new ArrayList<>());
    assertThat(t.entries()).hasSize(2);
    assertThat(t.entries().get(1).by()).isEqualTo("check");
    assertThat(findingIds(t)).contains("vfio-no-iommu-group", "host:iommu-active", "host:cpu-virt");
  }

  @Test
  void aSessionStoppedHalfwayResumesFromItsTranscript() throws Exception {
    FactCollector f = new FactCollector(HostRoot.demo(), null);
    Path file = tmp.resolve("session.json");
    // the user answers two questions, then leaves (EOF)
    List<String> given = new ArrayList<>(List.of("linux-nvidia", "yes"));
    Answers partial = q -> given.isEmpty() ? Optional.empty() : Optional.of(given.remove(0));
    Transcript half = new Troubleshooter(KB, f).run(null, partial, null, x -> x.save(file));
    assertThat(half.finished()).isFalse();
    assertThat(half.state()).isEqualTo(Troubleshooter.State.QUESTIONS);
    assertThat(Transcript.load(file).entries())
        .extracting(TranscriptEntry::question)
        .containsExactly("goal", "iommu-linux", "vm-starts-linux");

    Transcript done =
        new Troubleshooter(KB, f)
            .run(
                null,
                new ScriptedAnswers(
                    "rest",
                    Map.of(
                        "linux-driver",
                        "nvidia",
                        "nvrm-message",
                        "vbios-copy",
                        "acpi-rom-linux",
                        "no")),
                Transcript.load(file),
                x -> x.save(file));
    assertThat(done.finished()).isTrue();
    assertThat(done.state()).isEqualTo(Troubleshooter.State.DONE);
    assertThat(done.entries())
        .extracting(TranscriptEntry::by)
        .containsExactly("resume", "check", "resume", "user", "user", "user");
    assertThat(findingIds(done)).contains("nvrm-vbios-copy-failed");
    assertThat(Transcript.load(file).finished()).isTrue();
  }

  @Test
  void finishedIsDerivedFromTheStateAndStillSavedForScripts() throws Exception {
    Path file = tmp.resolve("t.json");
    Files.writeString(
        file, "{\"version\": 1, \"finished\": true, \"state\": \"QUESTIONS\", \"entries\": []}");
    Transcript t = Transcript.load(file);
    assertThat(t.finished()).as("the state decides, not a stale field").isFalse();
    t.save(file);
    assertThat(Files.readString(file))
        .contains("\"finished\" : false", "\"state\" : \"QUESTIONS\"");
    Files.writeString(file, "{\"version\": 1, \"state\": \"DONE\"}");
    assertThat(Transcript.load(file).finished()).isTrue();
  }

  @Test
  void aMissingScriptedAnswerNamesTheQuestionAndItsChoices() {
    assertThatThrownBy(
            () -> run(new FactCollector(HostRoot.demo(), null), null, Map.of(), new ArrayList<>()))
        .isInstanceOf(MuxlessException.class)
        .hasMessageContaining("no answer for question 'goal'")
        .satisfies(
            e -> assertThat(((MuxlessException) e).hint()).contains("windows", "linux-nvidia"));
  }

  @Test
  void anUnknownTargetListsTheSupportedOnes() {
    assertThatThrownBy(
            () ->
                run(
                    new FactCollector(HostRoot.demo(), null),
                    "wayland-guest",
                    Map.of(),
                    new ArrayList<>()))
        .isInstanceOf(MuxlessException.class)
        .hasMessageContaining("--target: troubleshoot has no session for 'wayland-guest'");
  }
}
