package dev.muxless.firmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The firmware the round-trip tests build, checked by an independent tool: UEFIExtract must see the
 * same volumes, files and sections as muxless, and its own EFI/Tiano/LZMA decompressors must
 * produce the raw section that went in (same CRC32). This is what vouches for the test-only EFI and
 * Tiano compressor: EDK2's decompressor in UEFITool accepts its output.
 */
class UefiExtractCrossCheckTest {
  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"EFI compression section", "Tiano", "nested volumes", "Aptio capsule"})
  void uefiExtractSeesWhatMuxlessSees(String form) throws Exception {
    Path tool = OvmfUefiExtractTest.findOnPath("UEFIExtract");
    assumeTrue(tool != null, "UEFIExtract (Debian uefitool-cli) not on PATH");
    List<Path> roms = SharedRoms.nvidia();
    assumeTrue(!roms.isEmpty(), "../shared not present");
    byte[] rom = Files.readAllBytes(roms.get(0));
    FirmwareRoundTripTest.Form f =
        FirmwareRoundTripTest.FORMS.stream().filter(x -> x.name().equals(form)).findFirst().get();
    byte[] fw = f.wrap().apply(rom);
    Path img = tmp.resolve("fw.bin");
    Files.write(img, fw);
    Process p =
        new ProcessBuilder(tool.toString(), img.toString(), "report")
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("log").toFile())
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    Path report = tmp.resolve("fw.bin.report.txt");

    List<String> expected = OvmfUefiExtractTest.fromReport(report);
    ExtractResult r = RomExtractor.extract(fw, "fw.bin", ExtractLimits.defaults(), null);
    List<String> actual = new ArrayList<>();
    for (FirmwareNode n : r.nodes()) {
      if (List.of("Volume", "File", "Section").contains(n.type())) {
        actual.add(OvmfUefiExtractTest.row(n.level(), n.type(), n.subtype(), n.size(), n.name()));
      }
    }
    assertThat(actual).containsExactlyElementsOf(expected);

    CRC32 crc = new CRC32();
    crc.update(FvBuilder.raw(rom));
    String want = String.format("%08X", crc.getValue());
    List<String> rawRows =
        Files.readAllLines(report).stream().filter(l -> l.contains("Raw section")).toList();
    assertThat(rawRows).anySatisfy(l -> assertThat(l.split("\\|")[4].trim()).isEqualTo(want));
  }
}
