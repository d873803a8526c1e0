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
      if (found.isEmpty() && ERROR_LOOKING.matcher(LogLine.strip(line)).find()) {
        unmatched.add(i + 1);
        unmatchedText.add(line);
      }
    }
    List<Finding> findings = new ArrayList<>();
    hits.forEach((s, l) -> findings.add(new Finding(s.id(), s.title(), s.cause(), s.fix(), l)));
    return new Diagnosis(findings, unmatched, unmatchedText);
  }
}
