package dev.muxless.kb;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads log text (dmesg, journalctl, Xorg, QEMU, libvirt, or anything pasted), finds the known
 * symptoms line by line and lists the error-looking lines no symptom explains.
 */
public final class Diagnoser {
  /** What makes an unexplained line worth showing: the words logs use for trouble. */
  static final Pattern ERROR_LOOKING =
      Pattern.compile(
          "(?i)\\b(error|errors|fail|failed|failure|fatal|cannot|can't|unable|denied|invalid"
              + "|panic|oops|bug:|timed out|timeout|assertion|refused|segfault|not supported"
              + "|no such|not found|code \\d+)\\b|\\(EE\\)");

  /** Every alternative of ERROR_LOOKING contains one of these: a cheap test before the regex. */
  static final List<String> ERROR_WORDS =
      List.of(
          "error",
          "fail",
          "fatal",
          "cannot",
          "can't",
          "unable",
          "denied",
          "invalid",
          "panic",
          "oops",
          "bug:",
          "timed out",
          "timeout",
          "assertion",
          "refused",
          "segfault",
          "not supported",
          "no such",
          "not found",
          "code ",
          "(ee)");

  private final SymptomMatcher matcher;

  public Diagnoser(KnowledgeBase kb) {
    this.matcher = kb.matcher();
  }

  public Diagnosis diagnose(List<String> lines) {
    Map<Symptom, List<Integer>> hits = new LinkedHashMap<>();
    List<Integer> unmatched = new ArrayList<>();
    List<String> unmatchedText = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      List<Symptom> found = matcher.match(line);
      for (Symptom s : found) {
        hits.computeIfAbsent(s, k -> new ArrayList<>()).add(i + 1);
      }
      if (found.isEmpty() && errorLooking(LogLine.strip(line))) {
        unmatched.add(i + 1);
        unmatchedText.add(line);
      }
    }
    List<Finding> findings = new ArrayList<>();
    // (grouping: one finding per symptom, in the order first seen)
    hits.forEach((s, l) -> findings.add(new Finding(s.id(), s.title(), s.cause(), s.fix(), l)));
    return new Diagnosis(findings, unmatched, unmatchedText);
  }

  static boolean errorLooking(String line) {
    String lower = line.toLowerCase(java.util.Locale.ROOT);
    for (String w : ERROR_WORDS) {
      if (lower.contains(w)) {
        return ERROR_LOOKING.matcher(line).find();
      }
    }
    return false;
  }
}
