package dev.muxless.kb;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every symptom's patterns compiled once; finds the symptoms a log line shows. */
public final class SymptomMatcher {
  private final Map<Symptom, List<LogPattern>> compiled = new LinkedHashMap<>();

  public SymptomMatcher(List<Symptom> symptoms) {
    for (Symptom s : symptoms) {
      compiled.put(s, s.patterns().stream().map(p -> LogPattern.compile(s.id(), p)).toList());
    }
  }

  /** The symptoms whose patterns are found in the line (prefixes are stripped first). */
  public List<Symptom> match(String rawLine) {
    String line = LogLine.strip(rawLine);
    List<Symptom> out = new ArrayList<>();
    if (line.isEmpty()) {
      return out;
    }
    String lower = line.toLowerCase(java.util.Locale.ROOT);
    for (var e : compiled.entrySet()) {
      for (LogPattern p : e.getValue()) {
        if (p.find(line, lower)) {
          out.add(e.getKey());
          break;
        }
      }
    }
    return out;
  }
}
