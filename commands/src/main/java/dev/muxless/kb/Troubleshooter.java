package dev.muxless.kb;

import dev.muxless.core.CheckStatus;
import dev.muxless.core.MuxlessException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The troubleshooting state machine over the knowledge base. States: GOAL (what the user is trying
 * to do: picks the target configuration), CHECKS (the target's requirements checked against the
 * facts; failures become findings), QUESTIONS (walk the question graph: questions with a check are
 * answered from the facts when it can tell, the rest are asked; each answer adds or clears suspects
 * and leaves notes), DONE (findings and next steps). The transcript is handed to {@code save} after
 * every step, so a session can stop at any question and be resumed.
 */
public final class Troubleshooter {
  /** The states a session moves through. */
  public enum State {
    GOAL,
    CHECKS,
    QUESTIONS,
    DONE
  }

  private static final int MAX_STEPS = 200;

  private final KnowledgeBase kb;
  private final FactCollector facts;

  public Troubleshooter(KnowledgeBase kb, FactCollector facts) {
    this.kb = kb;
    this.facts = facts;
  }

  /**
   * Runs (or resumes) a session. {@code target} (may be null) answers the goal question; {@code
   * resume} (may be null) replays the answers of a saved transcript before asking anything new.
   */
  public Transcript run(
      String target, Answers answers, Transcript resume, Consumer<Transcript> save) {
    Session s = new Session();
    Map<String, String> replay = new LinkedHashMap<>();
    if (resume != null) {
      for (TranscriptEntry e : resume.entries()) {
        if (!e.by().equals("check")) {
          replay.put(e.question(), e.answer());
        }
      }
    }
    String current = kb.startQuestion();
    for (int step = 0; step < MAX_STEPS && current != null; step++) {
      Question q =
          kb.question(current)
              .orElseThrow(() -> new IllegalStateException("troubleshoot.json: no question"));
      String by;
      String value;
      boolean goal = s.state == State.GOAL && target != null;
      Optional<String> checked = goal || q.check() == null ? Optional.empty() : decided(q);
      if (goal) {
        value = goalFor(q, target);
        by = "target";
      } else if (checked.isPresent()) {
        value = checked.get();
        by = "check";
      } else if (replay.containsKey(q.id()) && q.choice(replay.get(q.id())).isPresent()) {
        value = replay.get(q.id());
        by = "resume";
      } else {
        Optional<String> a = answers.answer(q);
        if (a.isEmpty()) {
          Transcript t = s.transcript();
          save.accept(t);
          return t;
        }
        value = a.get();
        by = "user";
      }
      Choice c =
          q.choice(value)
              .orElseThrow(
                  () ->
                      MuxlessException.badInput(
                          "'" + value + "' is not a choice of question '" + q.id() + "'",
                          "choices: "
                              + q.choices().stream()
                                  .map(Choice::value)
                                  .collect(Collectors.joining(", "))));
      s.entries.add(new TranscriptEntry(q.id(), q.text(), c.value(), c.label(), by));
      if (c.target() != null) {
        s.target = kb.requireConfiguration(c.target(), "troubleshoot.json");
        s.checks = new SetupValidator(kb).validate(s.target, facts).steps();
      }
      s.state = State.QUESTIONS;
      c.clears().forEach(s.suspects::remove);
      s.suspects.addAll(c.suspects());
      c.suspects().forEach(id -> s.reasons.put(id, q.id() + " = " + c.value()));
      if (c.note() != null) {
        s.notes.add(c.note());
      }
      current = c.next();
      save.accept(s.transcript());
    }
    s.state = State.DONE;
    Transcript done = s.transcript();
    save.accept(done);
    return done;
  }

  /** The goal choice whose target is the given configuration. */
  private static String goalFor(Question q, String target) {
    return q.choices().stream()
        .filter(c -> target.equals(c.target()))
        .findFirst()
        .map(Choice::value)
        .orElseThrow(
            () ->
                MuxlessException.badInput(
                    "--target: troubleshoot has no session for '" + target + "'",
                    "use one of "
                        + q.choices().stream()
                            .map(Choice::target)
                            .filter(t -> t != null)
                            .collect(Collectors.joining(", "))));
  }

  /** The answer a question's check gives, when it can tell (PASS or FAIL). */
  private Optional<String> decided(Question q) {
    Verdict v = RequirementChecks.evaluate(q.check(), facts);
    if (v.status() == CheckStatus.PASS) {
      return Optional.ofNullable(q.onPass());
    }
    if (v.status() == CheckStatus.FAIL) {
      return Optional.ofNullable(q.onFail());
    }
    return Optional.empty();
  }

  /** What a session has gathered so far. */
  private final class Session {
    State state = State.GOAL;
    Configuration target;
    final List<TranscriptEntry> entries = new ArrayList<>();
    List<ValidationStep> checks = List.of();
    final Set<String> suspects = new LinkedHashSet<>();
    final Map<String, String> reasons = new LinkedHashMap<>();
    final List<String> notes = new ArrayList<>();

    Transcript transcript() {
      boolean finished = state == State.DONE;
      List<Lead> findings = new ArrayList<>();
      if (finished) {
        for (ValidationStep st : checks) {
          if (st.status() == CheckStatus.FAIL) {
            findings.add(
                new Lead(st.check(), "requirement", st.message(), null, st.fix(), "check failed"));
          }
        }
        for (String id : suspects) {
          kb.symptom(id)
              .ifPresent(
                  sy ->
                      findings.add(
                          new Lead(
                              sy.id(),
                              "symptom",
                              sy.title(),
                              sy.cause(),
                              sy.fix(),
                              "answer " + reasons.getOrDefault(id, "?"))));
        }
      }
      return new Transcript(
          1,
          target == null ? null : target.id(),
          state,
          entries,
          checks,
          List.copyOf(suspects),
          notes,
          finished ? findings : null);
    }
  }
}
