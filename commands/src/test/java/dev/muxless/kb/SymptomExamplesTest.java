package dev.muxless.kb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every symptom's example lines match that symptom and no other, as pasted and behind the usual log
 * prefixes, and still match when the PCI address, IDs and numbers differ.
 */
class SymptomExamplesTest {
  static final KnowledgeBase KB = KnowledgeBaseIntegrityTest.KB;
  static final List<String> PREFIXES =
      List.of(
          "",
          "[   12.345678] ",
          "[ 3021.000001] ",
          "Nov 21 10:00:00 laptop kernel: ",
          "Nov  1 09:05:07 laptop kernel: [  812.123456] ",
          "2026-11-21T10:00:00.123456+01:00 laptop qemu-system-x86_64[4242]: ",
          "2026-11-21 10:00:00.123+0000: 4242: error : qemuProcessReportLogError:2139 : ");

  @Test
  void eachExampleMatchesItsOwnSymptomOnlyBehindEveryPrefix() {
    List<String> wrong = new ArrayList<>();
    for (Symptom s : KB.symptoms()) {
      for (String ex : s.examples()) {
        for (String prefix : PREFIXES) {
          List<String> got = KB.matcher().match(prefix + ex).stream().map(Symptom::id).toList();
          if (!got.equals(List.of(s.id()))) {
            wrong.add(s.id() + " <- '" + prefix + ex + "' matched " + got);
          }
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void examplesStillMatchWithOtherAddressesIdsAndNumbers() {
    List<String> wrong = new ArrayList<>();
    for (Symptom s : KB.symptoms()) {
      for (String ex : s.examples()) {
        String varied =
            ex.replace("0000:01:00.0", "0000:3c:00.1")
                .replace("01:00.0", "3c:00.1")
                .replace("0000:00:03.0", "0000:00:1e.0")
                .replace("1BB6", "1C8D")
                .replace("299008", "1048576")
                .replace("group 1 ", "group 17 ")
                .replace("/dev/vfio/1'", "/dev/vfio/23'")
                .replace(
                    "6f2b1d6e-6b7a-4c3e-9a1e-2d9b0f1c7a11", "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d");
        List<String> got = KB.matcher().match(varied).stream().map(Symptom::id).toList();
        if (!got.equals(List.of(s.id()))) {
          wrong.add(s.id() + " <- '" + varied + "' matched " + got);
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void ordinaryBootLinesMatchNothing() {
    for (String line :
        List.of(
            "[    0.000000] Linux version 6.1.0-27-amd64",
            "[    0.412345] DMAR: IOMMU enabled",
            "[    2.100000] vfio-pci 0000:01:00.0: vgaarb: changed VGA decodes",
            "[    3.000000] nouveau 0000:01:00.0: NVIDIA GP107 (137000a1)",
            "Windows has stopped this device because it has reported problems. (Code 430)")) {
      assertThat(KB.matcher().match(line)).as(line).isEmpty();
    }
  }

  @Test
  void prefixesAreStripped() {
    assertThat(LogLine.strip("[   12.345678] pci 0000:01:00.0: x"))
        .isEqualTo("pci 0000:01:00.0: x");
    assertThat(LogLine.strip("Nov 21 10:00:00 host kernel: [  12.3] vfio-pci: y"))
        .isEqualTo("vfio-pci: y");
    assertThat(LogLine.strip("2026-11-21 10:00:00.123+0000: 4242: error : qemuX:12 : z"))
        .isEqualTo("z");
    assertThat(LogLine.strip("[    45.123] (EE) no screens found"))
        .isEqualTo("(EE) no screens found");
  }
}
