package dev.muxless.firmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EfiDecompressorTest {

  static List<byte[]> vectors() throws Exception {
    List<byte[]> v = new ArrayList<>();
    v.add(new byte[0]);
    v.add(new byte[] {42});
    v.add("abcabcabcabcabcabcabcabcabcabc".getBytes());
    v.add(new byte[100_000]); // one long run: matches of 256 at distance 1
    byte[] text = new byte[70_000];
    Random r = new Random(7);
    for (int i = 0; i < text.length; i++) {
      text[i] = (byte) "the quick brown fox jumps over the lazy dog\n".charAt(r.nextInt(44));
    }
    v.add(text);
    byte[] noise = new byte[20_000];
    r.nextBytes(noise); // every literal code used: no matches
    v.add(noise);
    byte[] far = new byte[600_000]; // repeats 300 KiB apart: only Tiano's window reaches
    r.nextBytes(far);
    System.arraycopy(far, 0, far, 300_000, 300_000);
    v.add(far);
    Path ovmf = Path.of("/usr/share/OVMF/OVMF_VARS.fd");
    if (Files.isRegularFile(ovmf)) {
      v.add(Files.readAllBytes(ovmf));
    }
    return v;
  }

  @ParameterizedTest
  @EnumSource(EfiDecompressor.Variant.class)
  void roundTripsTheTestCompressorsVectors(EfiDecompressor.Variant variant) throws Exception {
    for (byte[] in : vectors()) {
      for (int block : new int[] {4000, 97}) {
        byte[] c = TestEfiCompressor.compress(in, variant, block);
        byte[] out = EfiDecompressor.decompress(c, 0, c.length, variant, in.length);
        assertThat(out).as("%s, %d bytes, blocks of %d", variant, in.length, block).isEqualTo(in);
        EfiDecompressor run = EfiDecompressor.run(c, 0, c.length, variant, in.length);
        assertThat(run.endedCleanly()).isTrue();
      }
    }
  }

  @Test
  void compressesForReal() throws Exception {
    String[] words = {"volume", "section", "file", "guid", "lzma", "tiano", "option", "rom"};
    StringBuilder sb = new StringBuilder();
    Random r = new Random(5);
    while (sb.length() < 50_000) {
      sb.append(words[r.nextInt(words.length)]).append(' ');
    }
    byte[] text = sb.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] c = TestEfiCompressor.compress(text, EfiDecompressor.Variant.TIANO);
    assertThat(c.length).isLessThan(text.length / 2);
  }

  @Test
  void theVariantsAreNotInterchangeable() {
    byte[] in = new byte[4096];
    new Random(3).nextBytes(in);
    System.arraycopy(in, 0, in, 2048, 2048);
    byte[] c = TestEfiCompressor.compress(in, EfiDecompressor.Variant.TIANO);
    // decoding Tiano data as EFI 1.1 reads the position table with 4 bits instead of 5
    boolean same;
    try {
      EfiDecompressor wrong =
          EfiDecompressor.run(c, 0, c.length, EfiDecompressor.Variant.EFI, in.length);
      same = java.util.Arrays.equals(wrong.output(), in) && wrong.endedCleanly();
    } catch (FirmwareFormatException e) {
      same = false;
    }
    assertThat(same).isFalse();
    Budget b = new Budget(ExtractLimits.defaults());
    assertThat(Decompress.efiOrTiano(c, 0, c.length, EfiDecompressor.Variant.EFI, b, 0))
        .isEqualTo(in);
  }

  /**
   * Real EFI-compressed data: the EFI images of NVIDIA ROMs have CompressionType 1 (PCI Firmware
   * spec / UEFI spec 14.4.2: EFI 1.1 compression); their payload must decompress to a PE32+ image
   * for x64, exactly filling the size the header declares.
   */
  @Test
  void decompressesTheEfiDriversInsideRealNvidiaRoms() throws Exception {
    Path dir = dev.muxless.rom.SharedRoms.root().resolve("roms").resolve("nvidia");
    assumeTrue(Files.isDirectory(dir), "../shared not present: " + dir + " missing");
    int found = 0;
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.sorted().toList()) {
        byte[] d = Files.readAllBytes(p);
        for (int off = 0; off + 0x1A < d.length; off += 512) {
          if (Le.u16(d, off) != 0xAA55
              || Le.u32(d, off + 4) != 0x0EF1
              || Le.u16(d, off + 0xC) != 1) {
            continue;
          }
          int size = Le.u16(d, off + 2) * 512;
          int start = off + Le.u16(d, off + 0x16);
          int len = Math.min(size, d.length - off) - Le.u16(d, off + 0x16);
          EfiDecompressor r =
              EfiDecompressor.run(d, start, len, EfiDecompressor.Variant.EFI, 16 << 20);
          byte[] pe = r.output();
          assertThat(pe.length)
              .as(p.getFileName() + " @0x" + Integer.toHexString(off))
              .isPositive();
          assertThat(new String(pe, 0, 2, "US-ASCII")).isEqualTo("MZ");
          int peOff = (int) Le.u32(pe, 0x3C);
          assertThat(new String(pe, peOff, 4, "US-ASCII")).isEqualTo("PE\0\0");
          assertThat(Le.u16(pe, peOff + 4)).isEqualTo(0x8664);
          assertThat(r.endedCleanly()).isTrue();
          found++;
        }
      }
    }
    assertThat(found).as("EFI images with compression in ../shared/roms/nvidia").isGreaterThan(3);
  }

  @Test
  void garbageEndsWithAClearError() {
    Random r = new Random(11);
    int errors = 0;
    for (int i = 0; i < 300; i++) {
      byte[] g = new byte[64 + r.nextInt(2000)];
      r.nextBytes(g);
      FvBuilder.put32(g, 0, g.length - 8);
      FvBuilder.put32(g, 4, 1 + r.nextInt(1 << 16));
      try {
        EfiDecompressor.decompress(g, 0, g.length, EfiDecompressor.Variant.TIANO, 1 << 16);
      } catch (FirmwareFormatException e) {
        assertThat(e.getMessage()).startsWith("Tiano-compressed data:");
        errors++;
      }
    }
    assertThat(errors).isGreaterThan(200);
  }

  @Test
  void declaredSizeAboveTheLimitIsRefusedBeforeAllocating() {
    byte[] c = new byte[16];
    FvBuilder.put32(c, 0, 8);
    FvBuilder.put32(c, 4, 0xFFFFFFF0L);
    assertThatThrownBy(
            () -> EfiDecompressor.decompress(c, 0, c.length, EfiDecompressor.Variant.EFI, 1 << 20))
        .isInstanceOf(FirmwareLimitException.class)
        .hasMessageContaining("exceeds the limit");
    FvBuilder.put32(c, 0, 100);
    assertThatThrownBy(
            () -> EfiDecompressor.decompress(c, 0, c.length, EfiDecompressor.Variant.EFI, 1 << 20))
        .hasMessageContaining("runs past");
  }
}
