package dev.muxless.kb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.muxless.core.MuxlessException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogPatternTest {
  @Test
  void requiredLiteralIsTheLongestPlainRun() {
    assertThat(LogPattern.requiredLiteral("vfio-pci: probe of {pci} failed with error -22"))
        .isEqualTo(" failed with error -22");
    assertThat(LogPattern.requiredLiteral("NVRM: (?:GPU {pci}: )?RmInitAdapter failed!"))
        .isEqualTo("RmInitAdapter failed!");
    assertThat(
            LogPattern.requiredLiteral("qxl {pci}: swiotlb buffer is full \\(sz: {num} bytes\\)"))
        .isEqualTo(": swiotlb buffer is full (sz: ");
    assertThat(LogPattern.requiredLiteral("colou?r of the sky")).isEqualTo("r of the sky");
    assertThat(LogPattern.requiredLiteral("(?i)code 43")).isNull();
    assertThat(LogPattern.requiredLiteral("abc|defgh")).isNull();
    assertThat(LogPattern.requiredLiteral("{pci}")).isNull();
  }

  @Test
  void thePreFilterNeverHidesAMatchOfAnyPattern() {
    // every pattern with a literal must still find each example of its symptom
    List<String> lost = new ArrayList<>();
    for (Symptom s : KnowledgeBaseIntegrityTest.KB.symptoms()) {
      for (String p : s.patterns()) {
        LogPattern lp = LogPattern.compile(s.id(), p);
        for (String ex : s.examples()) {
          String line = LogLine.strip(ex);
          boolean regex = java.util.regex.Pattern.compile(expand(p)).matcher(line).find();
          if (regex && !lp.find(line, line.toLowerCase(java.util.Locale.ROOT))) {
            lost.add(s.id() + ": " + p + " literal '" + lp.literal() + "'");
          }
        }
      }
    }
    assertThat(lost).isEmpty();
  }

  @Test
  void badPatternNamesTheSymptom() {
    assertThatThrownBy(() -> LogPattern.compile("my-symptom", "unclosed (group"))
        .isInstanceOf(MuxlessException.class)
        .hasMessageContaining("symptoms.json: my-symptom: pattern 'unclosed (group'");
  }

  private static String expand(String p) {
    String re = p;
    for (var e : LogPattern.PLACEHOLDERS.entrySet()) {
      re = re.replace(e.getKey(), e.getValue());
    }
    return re;
  }
}
