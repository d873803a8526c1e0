package dev.muxless.firmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Hostile and broken inputs end with a clear problem, within bounded memory and time, and never
 * with an exception out of the engine.
 */
class HostileInputTest {
  private static final ExtractLimits SMALL = new ExtractLimits(6, 8L << 20, 10_000);

  private static byte[] someFirmware() {
    byte[] payload = new byte[5000];
    new Random(1).nextBytes(payload);
    return FvBuilder.flash(
        0x40000,
        0x1000,
        FvBuilder.volume(
            FvBuilder.file(FvBuilder.FILE_A, 0x02, FvBuilder.lzmaSection(FvBuilder.raw(payload))),
            FvBuilder.file(
                FvBuilder.FILE_B, 0x02, FvBuilder.tianoSection(FvBuilder.raw(payload)))));
  }

  private static ExtractResult walk(byte[] d, ExtractLimits l) {
    return RomExtractor.extract(d, "hostile.bin", l, null);
  }

  @Test
  void truncatedVolumeIsWalkedAsFarAsItGoes() {
    byte[] fw = someFirmware();
    byte[] cut = Arrays.copyOf(fw, 0x1000 + 0x800);
    ExtractResult r = walk(cut, SMALL);
    assertThat(r.problems())
        .anySatisfy(
            p ->
                assertThat(p.message())
                    .contains("FvLength 0x", "runs past the end", "walked what is there"));
  }

  @Test
  void fileLengthPastTheEndIsNamedWithItsOffset() {
    byte[] fw = someFirmware();
    int file = 0x1000 + 0x48 + 20 + 4; // first file, 8-aligned after the extended header
    FvBuilder.put24(fw, file + 0x14, 0xFFFFF0);
    ExtractResult r = walk(fw, SMALL);
    assertThat(r.problems())
        .anySatisfy(
            p -> {
              assertThat(p.message())
                  .contains("file " + FvBuilder.FILE_A, "runs past the end of the volume");
              assertThat(p.offset()).isEqualTo(file);
            });
  }

  @Test
  void largeFileSizeNearLongMaxIsRefusedNotWrapped() {
    for (long huge : new long[] {0x7FFF_FFFF_FFFF_FFF8L, 0x7FFF_FFFF_FFFF_FFFFL}) {
      byte[] f = FvBuilder.file(FvBuilder.FILE_A, 0x02, FvBuilder.raw(new byte[64]));
      f[0x13] |= 0x01; // FFS_ATTRIB_LARGE_FILE: the size is the u64 at 0x18
      FvBuilder.put24(f, 0x14, 0);
      FvBuilder.put64(f, 0x18, huge);
      FvBuilder.sealFile(f, 0x20);
      byte[] fw = FvBuilder.volume(f);
      long start = System.nanoTime();
      ExtractResult r = walk(fw, SMALL);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
      assertThat(r.problems())
          .singleElement()
          .satisfies(
              p ->
                  assertThat(p.message())
                      .contains(
                          "file " + FvBuilder.FILE_A,
                          String.format("size 0x%x", huge),
                          "runs past the end of the volume"));
    }
  }

  @Test
  void sectionLengthPastTheEnd() {
    byte[] sec = FvBuilder.raw(new byte[64]);
    FvBuilder.put24(sec, 0, 0x7000);
    byte[] fw = FvBuilder.volume(FvBuilder.file(FvBuilder.FILE_A, 0x02, sec));
    ExtractResult r = walk(fw, SMALL);
    assertThat(r.problems())
        .singleElement()
        .satisfies(p -> assertThat(p.message()).startsWith("Raw section: size 0x7000 runs past"));
  }

  @Test
  void lzmaBombHitsTheDecompressedLimit() {
    byte[] zeros = new byte[32 << 20];
    byte[] fw =
        FvBuilder.volume(
            FvBuilder.file(FvBuilder.FILE_A, 0x02, FvBuilder.lzmaSection(FvBuilder.raw(zeros))));
    assertThat(fw.length).isLessThan(64 << 10);
    ExtractResult r = walk(fw, SMALL);
    assertThat(r.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.limit()).isTrue();
              assertThat(p.message()).contains("limit of 8388608 decompressed bytes");
              assertThat(p.where()).contains("GUID defined (LZMA)");
            });
    assertThat(r.decompressedBytes()).isLessThanOrEqualTo(8L << 20);
    assertThat(r.whyNoNvidia()).contains("limit was reached");
  }

  @Test
  void lzmaHeaderLyingAboutItsSizeIsAClearProblem() {
    byte[] sec = FvBuilder.lzmaSection(FvBuilder.raw(new byte[1000]));
    // uncompressed size field of the LZMA header: after section header (4) + GUID header (20) + 5
    FvBuilder.put64(sec, 4 + 20 + 5, 5000);
    ExtractResult r = walk(FvBuilder.volume(FvBuilder.file(FvBuilder.FILE_A, 0x02, sec)), SMALL);
    assertThat(r.problems()).anySatisfy(p -> assertThat(p.message()).contains("LZMA"));
  }

  @Test
  void tianoBombIsRefusedBeforeAllocating() {
    byte[] c = new byte[64];
    FvBuilder.put32(c, 0, 56);
    FvBuilder.put32(c, 4, 0xFFFFFFF0L);
    byte[] fw =
        FvBuilder.volume(
            FvBuilder.file(FvBuilder.FILE_A, 0x02, FvBuilder.guided(Guids.TIANO, 1, c)));
    ExtractResult r = walk(fw, SMALL);
    assertThat(r.problems()).singleElement().satisfies(p -> assertThat(p.limit()).isTrue());
  }

  @Test
  void zipBombHitsTheLimit() {
    byte[] zip = FvBuilder.zip("bios.bin", new byte[24 << 20]);
    ExtractResult r = walk(zip, SMALL);
    assertThat(r.problems()).anySatisfy(p -> assertThat(p.limit()).isTrue());
  }

  private static byte[] zipWithName(String name, byte[] data, java.nio.charset.Charset cs)
      throws Exception {
    java.io.ByteArrayOutputStream bo = new java.io.ByteArrayOutputStream();
    try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(bo, cs)) {
      z.putNextEntry(new java.util.zip.ZipEntry(name));
      z.write(data);
    }
    return bo.toByteArray();
  }

  @Test
  void zipEntryNamesInCp437AreRead() throws Exception {
    byte[] fv =
        FvBuilder.volume(FvBuilder.file(FvBuilder.FILE_A, 0x02, FvBuilder.raw(new byte[8])));
    // no UTF-8 flag: the name is CP437, and byte 0x82 is not valid UTF-8
    byte[] zip = zipWithName("bios\u00e9.bin", fv, java.nio.charset.Charset.forName("IBM437"));
    ExtractResult r = walk(zip, SMALL);
    assertThat(r.problems()).isEmpty();
    assertThat(r.nodes())
        .anySatisfy(n -> assertThat(n.name()).isEqualTo("bios\u00e9.bin"))
        .anySatisfy(n -> assertThat(n.type()).isEqualTo("Volume"));
  }

  @Test
  void zipEntryFlaggedUtf8WithInvalidBytesIsACorruptZip() throws Exception {
    byte[] zip =
        zipWithName("bios\u00e9.bin", new byte[64], java.nio.charset.Charset.forName("IBM437"));
    zip[7] |= 0x08; // general purpose flag bit 11 (UTF-8 names) in the local header
    ExtractResult r = walk(zip, SMALL);
    assertThat(r.problems())
        .singleElement()
        .satisfies(p -> assertThat(p.message()).startsWith("zip archive is corrupt: "));
  }

  @Test
  void aBugInsideTheWalkIsAProblemNotAnException() {
    ExtractProgress broken =
        (done, total) -> {
          throw new IllegalStateException("boom");
        };
    ExtractResult r = RomExtractor.extract(someFirmware(), "bug.bin", SMALL, broken);
    assertThat(r.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.message())
                  .startsWith(
                      "internal error while walking (java.lang.IllegalStateException: boom)")
                  .endsWith("please report it");
              assertThat(p.where()).isEqualTo("input");
            });
  }

  @Test
  void volumesNestedDeeperThanTheLimitStop() {
    byte[] fv =
        FvBuilder.volume(FvBuilder.file(FvBuilder.FILE_A, 0x02, FvBuilder.raw(new byte[8])));
    for (int i = 0; i < 12; i++) {
      fv = FvBuilder.volume(FvBuilder.file(FvBuilder.FILE_B, 0x0B, FvBuilder.fvImage(fv)));
    }
    ExtractResult r = walk(fv, SMALL);
    assertThat(r.problems())
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("nesting deeper than 6 levels"));
  }

  @Test
  void thousandsOfNestedGuidSectionsStopAtTheDepthLimit() {
    byte[] sec = FvBuilder.raw(new byte[4]);
    for (int i = 0; i < 5000; i++) {
      sec = FvBuilder.guided(Guids.CRC32, 2, sec);
    }
    byte[] fw = FvBuilder.volume(FvBuilder.file(FvBuilder.FILE_A, 0x02, sec));
    ExtractResult r = walk(fw, SMALL);
    assertThat(r.problems())
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("nesting deeper than 6 levels"));
  }

  @Test
  void capsuleAndDescriptorPointingPastTheEnd() {
    byte[] cap = FvBuilder.aptioCapsule(new byte[64]);
    FvBuilder.put16(cap, 0x1C, 0xF000);
    assertThat(walk(cap, SMALL).problems())
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("RomImageOffset 0xf000 at offset 0x1c"));

    byte[] efiCap = FvBuilder.capsule(Guids.EFI_CAPSULE, new byte[64]);
    FvBuilder.put32(efiCap, 0x18, 0x100000);
    assertThat(walk(efiCap, SMALL).problems())
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("CapsuleImageSize 0x100000"));

    byte[] ifd = FvBuilder.descriptorImage(0x10000, new byte[0x1000]);
    FvBuilder.put32(ifd, 0x44, 0x0FFF_0002); // BIOS region limit 0xFFFFFF
    assertThat(walk(ifd, SMALL).problems())
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("BIOS region", "FLREG1 at offset 0x44"));
  }

  @Test
  void aptioCapsuleImageSizeBeforeTheRomOffsetIsIgnored() {
    byte[] fv =
        FvBuilder.volume(FvBuilder.file(FvBuilder.FILE_A, 0x02, FvBuilder.raw(new byte[8])));
    for (long size : new long[] {0, 0x10, 0x7FF}) {
      byte[] cap = FvBuilder.aptioCapsule(fv);
      FvBuilder.put32(cap, 0x18, size);
      ExtractResult r = walk(cap, SMALL);
      assertThat(r.problems()).isEmpty();
      assertThat(r.containers()).containsExactly("AMI Aptio capsule (signed)");
      assertThat(r.nodes()).anySatisfy(n -> assertThat(n.type()).isEqualTo("Volume"));
    }
  }

  @Test
  void truncatedDescriptorImageIsStillScanned() {
    byte[] rom = SectionKindsTest.rom(0x10de, 0x1238, 2);
    byte[] fv = FvBuilder.volume(FvBuilder.file(FvBuilder.FILE_A, 0x01, rom));
    byte[] ifd = FvBuilder.descriptorImage(0x20000, FvBuilder.flash(0x10000, 0, fv));
    byte[] cut = Arrays.copyOf(ifd, 0x18000); // the BIOS region (0x2000-0x1ffff) is cut short
    ExtractResult r = walk(cut, SMALL);
    assertThat(r.problems())
        .singleElement()
        .satisfies(
            p ->
                assertThat(p.message())
                    .contains(
                        "BIOS region 0x2000-0x1ffff",
                        "FLREG1 at offset 0x44",
                        "runs past the end of the 0x18000-byte image"));
    assertThat(r.roms())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.bytes()).isEqualTo(rom);
              assertThat(f.location().path()).contains("BIOS region");
            });
  }

  @Test
  void wrappersAreNamedNotUnpacked() {
    byte[] pfs = new byte[4096];
    System.arraycopy("PFS.HDR.".getBytes(), 0, pfs, 0, 8);
    ExtractResult r = walk(pfs, SMALL);
    assertThat(r.containers())
        .singleElement()
        .asString()
        .startsWith("Dell PFS")
        .contains("not unpacked");
    assertThat(r.whyNoNvidia()).contains("Dell PFS", "No UEFI firmware volume", "No option ROM");

    byte[] inno = new byte[8192];
    System.arraycopy("MZ".getBytes(), 0, inno, 0, 2);
    System.arraycopy("Inno Setup Setup Data (6.0.0)".getBytes(), 0, inno, 4000, 29);
    assertThat(walk(inno, SMALL).containers()).singleElement().asString().startsWith("Inno Setup");
  }

  @Test
  void randomCorruptionOfRealFirmwareNeverThrows() throws Exception {
    Path ovmf = Path.of("/usr/share/OVMF/OVMF_CODE.fd");
    byte[] base = Files.isRegularFile(ovmf) ? Files.readAllBytes(ovmf) : someFirmware();
    Random rnd = new Random(42);
    long start = System.nanoTime();
    for (int i = 0; i < 25; i++) {
      byte[] d = base.clone();
      for (int k = 0; k < 40; k++) {
        int at = rnd.nextInt(d.length);
        d[at] = (byte) rnd.nextInt(256);
      }
      // aim some damage at the headers and the compressed volume
      for (int k = 0; k < 10; k++) {
        d[0x90 + rnd.nextInt(0x400)] = (byte) rnd.nextInt(256);
      }
      assertThatCode(() -> walk(d, SMALL)).doesNotThrowAnyException();
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(60));
  }

  @Test
  void randomBytesAndTinyFiles() {
    Random rnd = new Random(9);
    for (int len : new int[] {0, 1, 27, 0x48, 4096, 1 << 20}) {
      byte[] d = new byte[len];
      rnd.nextBytes(d);
      ExtractResult r = walk(d, SMALL);
      assertThat(r.roms()).isEmpty();
      assertThat(r.whyNoNvidia()).contains("No option ROM");
    }
  }
}
