package dev.muxless.kb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DiagnoserTest {
  static final Diagnoser D = new Diagnoser(KnowledgeBaseIntegrityTest.KB);

  @Test
  void findsGroupsAndListsUnknownErrors() {
    List<String> log =
        List.of(
            "Nov 21 10:00:00 laptop kernel: [    0.412345] DMAR: IOMMU enabled",
            "Nov 21 10:00:01 laptop kernel: [    1.000000] pci 0000:01:00.0: Invalid PCI ROM header signature: expecting 0xaa55, got 0xffff",
            "Nov 21 10:00:02 laptop kernel: [    2.000000] vfio-pci 0000:01:00.0: enabling device (0000 -> 0003)",
            "Nov 21 10:00:03 laptop kernel: [    3.000000] pci 0000:01:00.0: Invalid PCI ROM header signature: expecting 0xaa55, got 0xffff",
            "Nov 21 10:00:04 laptop kernel: [    4.000000] snd_hda_intel 0000:00:1f.3: probe failed with error -2",
            "Nov 21 10:00:05 laptop kernel: [    5.000000] vfio-pci 0000:01:00.0: not ready 65535ms after bus reset; giving up");
    Diagnosis d = D.diagnose(log);
    assertThat(d.findings())
        .extracting(Finding::id)
        .containsExactly("rom-bar-invalid-signature", "pci-not-ready-after-reset");
    assertThat(d.findings().get(0).lines()).containsExactly(2, 4);
    assertThat(d.findings().get(0).fix()).contains("rom extract");
    assertThat(d.findings().get(1).lines()).containsExactly(6);
    assertThat(d.unmatched()).containsExactly(5);
    assertThat(d.unmatchedText().get(0)).contains("snd_hda_intel");
  }

  @Test
  void readsWindowsAndQemuTextToo() {
    Diagnosis d =
        D.diagnose(
            List.of(
                "NVIDIA GeForce GTX 1050",
                "Device status: Windows has stopped this device because it has reported problems. (Code 43)",
                "qemu-system-x86_64: -device vfio-pci,host=0000:3c:00.0: vfio 0000:3c:00.0: group 14 is not viable",
                "all good here"));
    assertThat(d.findings())
        .extracting(Finding::id)
        .containsExactly("windows-code-43", "vfio-group-not-viable");
    assertThat(d.unmatched()).isEmpty();
  }

  @Test
  void emptyInputHasNoFindings() {
    Diagnosis d = D.diagnose(List.of());
    assertThat(d.findings()).isEmpty();
    assertThat(d.unmatched()).isEmpty();
  }
}
