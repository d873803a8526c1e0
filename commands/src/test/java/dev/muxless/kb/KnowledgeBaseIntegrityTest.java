package dev.muxless.kb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every id the knowledge base references exists; every check it names is implemented. */
class KnowledgeBaseIntegrityTest {
  static final KnowledgeBase KB = KnowledgeBase.load(KnowledgeBaseSchemaTest.kbDir());

  @Test
  void idsAreUniqueAcrossConfigurationsAndSymptoms() {
    List<String> ids = KB.ids();
    assertThat(new HashSet<>(ids)).hasSameSizeAs(ids);
    assertThat(KB.symptoms()).hasSizeGreaterThanOrEqualTo(60);
  }

  @Test
  void everyReferencedIdExists() {
    List<String> missing = new ArrayList<>();
    for (Configuration c : KB.configurations()) {
      c.related().stream()
          .filter(id -> KB.configuration(id).isEmpty())
          .forEach(id -> missing.add(c.id() + " related " + id));
      for (Requirement r : c.requirements()) {
        r.symptoms().stream()
            .filter(id -> KB.symptom(id).isEmpty())
            .forEach(id -> missing.add(c.id() + "/" + r.id() + " symptom " + id));
      }
    }
    for (Symptom s : KB.symptoms()) {
      s.configurations().stream()
          .filter(id -> KB.configuration(id).isEmpty())
          .forEach(id -> missing.add(s.id() + " configuration " + id));
    }
    for (Question q : KB.questions()) {
      for (Choice c : q.choices()) {
        if (c.next() != null && KB.question(c.next()).isEmpty()) {
          missing.add(q.id() + "/" + c.value() + " next " + c.next());
        }
        if (c.target() != null && KB.configuration(c.target()).isEmpty()) {
          missing.add(q.id() + "/" + c.value() + " target " + c.target());
        }
        for (String id : concat(c.suspects(), c.clears())) {
          if (KB.symptom(id).isEmpty()) {
            missing.add(q.id() + "/" + c.value() + " symptom " + id);
          }
        }
      }
      if (q.check() != null) {
        if (q.choice(q.onPass()).isEmpty() || q.choice(q.onFail()).isEmpty()) {
          missing.add(q.id() + " onPass/onFail");
        }
      }
    }
    assertThat(KB.question(KB.startQuestion())).isPresent();
    assertThat(missing).isEmpty();
  }

  @Test
  void everyCheckIsImplemented() {
    Set<String> unknown = new java.util.TreeSet<>();
    for (Configuration c : KB.configurations()) {
      c.requirements().stream()
          .map(Requirement::check)
          .filter(ch -> !RequirementChecks.isKnown(ch))
          .forEach(unknown::add);
    }
    KB.questions().stream()
        .map(Question::check)
        .filter(ch -> ch != null)
        .filter(ch -> !RequirementChecks.isKnown(ch))
        .forEach(unknown::add);
    assertThat(unknown).isEmpty();
  }

  @Test
  void hostChecksNameStepsOfTheHostCheck() {
    // host: checks are the host check's steps, taken as it reports them: each must be one of them
    Set<String> steps = new java.util.HashSet<>();
    dev.muxless.host.HostCheck.run(dev.muxless.host.HostRoot.demo())
        .steps()
        .forEach(s -> steps.add(s.id()));
    Set<String> named = new java.util.TreeSet<>();
    KB.configurations().forEach(c -> c.requirements().forEach(r -> named.add(r.check())));
    KB.questions().stream().map(Question::check).filter(ch -> ch != null).forEach(named::add);
    List<String> unknown =
        named.stream()
            .filter(ch -> ch.startsWith("host:"))
            .filter(ch -> !steps.contains(ch.substring(5)))
            .toList();
    assertThat(named).contains("host:gpu-group", "host:qemu");
    assertThat(unknown).isEmpty();
    assertThat(RequirementChecks.isKnown("profile:kernel-irqchip")).isFalse();
  }

  @Test
  void everyQuestionIsReachableFromTheStart() {
    Set<String> seen = new HashSet<>();
    List<String> todo = new ArrayList<>(List.of(KB.startQuestion()));
    while (!todo.isEmpty()) {
      String id = todo.remove(0);
      if (seen.add(id)) {
        KB.question(id).orElseThrow().choices().stream()
            .map(Choice::next)
            .filter(n -> n != null)
            .forEach(todo::add);
      }
    }
    assertThat(seen)
        .containsExactlyInAnyOrderElementsOf(KB.questions().stream().map(Question::id).toList());
  }

  @Test
  void everyStatusOfTheNotesIsRepresented() {
    assertThat(KB.configurations())
        .extracting(Configuration::status)
        .contains(ConfigStatus.values());
  }

  @Test
  void theNotesGapsThatMuxlessClosesLinkACommand() {
    assertThat(KB.configuration("needed-acpi-rom-table").orElseThrow().muxless().commands())
        .contains("acpi rom-table");
    assertThat(KB.configuration("needed-vbios-dump-linux").orElseThrow().muxless().commands())
        .contains("rom extract", "rom dump");
    assertThat(
            KB.configuration("linux-nvidia-binary-driver-patch").orElseThrow().muxless().closes())
        .contains("_ROM");
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
