package dev.muxless.rom;

import static dev.muxless.rom.SyntheticRom.chain;
import static dev.muxless.rom.SyntheticRom.concat;
import static dev.muxless.rom.SyntheticRom.efi;
import static dev.muxless.rom.SyntheticRom.fill;
import static dev.muxless.rom.SyntheticRom.nv;
import static dev.muxless.rom.SyntheticRom.x86;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** One synthetic ROM per problem kind the parser reports, plus the good cases. */
class RomParserSyntheticTest {

  private static List<String> messages(RomReport r, Severity s) {
    return r.problems().stream().filter(p -> p.severity() == s).map(RomProblem::message).toList();
  }

  private static RomProblem only(RomReport r, String fragment) {
    List<RomProblem> m = r.problems().stream().filter(p -> p.message().contains(fragment)).toList();
    assertThat(m).as("problems matching '%s' in %s", fragment, r.problems()).hasSize(1);
    return m.get(0);
  }

  @Test
  void legacyPlusEfiIsCleanAndFullyDescribed() {
    SyntheticRom.Img x = x86().blocks(2).last(false);
    SyntheticRom.Img e0 = efi().blocks(3);
    for (SyntheticRom.Img i : List.of(x, e0)) {
      i.vendor = 0x8086;
      i.device = 0x100e;
      i.classCode = 0x020000;
    }
    byte[] rom = chain(x, e0);
    RomReport r = RomParser.parse(rom, "ok.rom");
    assertThat(r.romStart()).isZero();
    assertThat(r.problems()).isEmpty();
    assertThat(r.images()).hasSize(2);
    RomImage a = r.images().get(0);
    assertThat(a.offset()).isZero();
    assertThat(a.length()).isEqualTo(1024);
    assertThat(a.codeType()).isZero();
    assertThat(a.vendorId()).isEqualTo("8086");
    assertThat(a.deviceId()).isEqualTo("100e");
    assertThat(a.classCode()).isEqualTo("020000");
    assertThat(a.last()).isFalse();
    assertThat(a.checksumOk()).isTrue();
    RomImage e = r.images().get(1);
    assertThat(e.offset()).isEqualTo(1024);
    assertThat(e.codeType()).isEqualTo(3);
    assertThat(e.last()).isTrue();
    assertThat(e.efi().machineType()).isEqualTo(0x8664);
    assertThat(e.efi().subsystem()).isEqualTo(0xB);
    assertThat(e.efi().imageHeaderOffset()).isEqualTo(0x38);
    assertThat(r.chainEnd()).isEqualTo(rom.length);
    assertThat(r.nvidia()).isNull();
  }

  @Test
  void checksumMismatchIsAnErrorAtTheImage() {
    SyntheticRom.Img x = x86().blocks(2);
    byte[] rom = concat(chain(x.last(false)), efi().blocks(1).build());
    rom[0x300] ^= 0x01;
    RomReport r = RomParser.parse(rom, "sum.rom");
    RomProblem p = only(r, "checksum mismatch");
    assertThat(p.severity()).isEqualTo(Severity.ERROR);
    assertThat(p.offset()).isZero();
    assertThat(r.images().get(0).checksumOk()).isFalse();
  }

  @Test
  void npdeChecksumDisabledFlagSkipsTheCheck() {
    SyntheticRom.Img x = x86().blocks(2).npde(2, true);
    x.npdeFlags = Npde.FLAG_CHECKSUM_DISABLED;
    x.fixChecksum = false;
    byte[] rom = chain(x);
    rom[0x300] = 0x11;
    RomReport r = RomParser.parse(rom, "nosum.rom");
    assertThat(r.problems()).noneMatch(p -> p.message().contains("checksum mismatch"));
    assertThat(r.images().get(0).checksumOk()).isNull();
  }

  @Test
  void missingSignatureAfterAnImageNotMarkedLast() {
    byte[] rom = concat(chain(x86().blocks(1).last(false)), fill(512, 0));
    RomReport r = RomParser.parse(rom, "nosig.rom");
    RomProblem p = only(r, "no image signature");
    assertThat(p.severity()).isEqualTo(Severity.ERROR);
    assertThat(p.offset()).isEqualTo(512);
  }

  @Test
  void pcirPointerOutsideTheFile() {
    SyntheticRom.Img x = x86().blocks(1);
    byte[] rom = x.build();
    SyntheticRom.le16(rom, 0x18, 0x7000);
    RomReport r = RomParser.parse(rom, "far.rom");
    assertThat(r.romStart()).isEqualTo(-1);
    assertThat(only(r, "points outside the file").message()).contains("0x7000");
  }

  @Test
  void badPcirSignatureInTheChain() {
    SyntheticRom.Img second = efi().blocks(1);
    second.pcirSignature = "PCIX";
    second.pcirPointer = 0x1C;
    byte[] rom = chain(x86().blocks(1).last(false), second);
    RomReport r = RomParser.parse(rom, "pcix.rom");
    RomProblem p = only(r, "bad PCIR signature");
    assertThat(p.message()).contains("\"PCIX\"");
    assertThat(p.offset()).isEqualTo(512 + 0x1C);
    assertThat(r.images()).hasSize(1);
  }

  @Test
  void headerInitSizeLargerThanPcirLengthWithoutNpde() {
    SyntheticRom.Img x = x86().blocks(2);
    x.pcirBlocks = 1;
    RomReport r = RomParser.parse(chain(x), "len.rom");
    assertThat(only(r, "larger than the PCIR image length").severity()).isEqualTo(Severity.WARNING);
  }

  @Test
  void nvidiaLengthsDisagreeAndTheWalkFollowsNpde() {
    byte[] rom = SyntheticRom.pascalLaptop("86.07.3c.00.1f");
    RomReport r = RomParser.parse(rom, "pascal.rom");
    assertThat(r.images()).extracting(RomImage::codeType).containsExactly(0x00, 0xE0, 0xE0, 0x70);
    assertThat(r.images()).extracting(RomImage::offset).containsExactly(0L, 2048L, 3072L, 4096L);
    assertThat(only(r, "x86 image lengths differ").message())
        .contains("header byte 2 0x600", "PCIR 0x1400", "NPDE sub-image 0x800");
    assertThat(r.hasErrors()).isFalse();
    assertThat(r.nvidia().version()).isEqualTo("86.07.3c.00.1f");
    assertThat(r.nvidia().mobile()).isTrue();
    assertThat(r.nvidia().signOn()).isEqualTo("GP107 SYNTHETIC VGA BIOS");
    assertThat(r.nvidia().versionString()).isEqualTo("Version 86.07.3C.00.1F");
    assertThat(r.nvidia().bit().offset()).isEqualTo(0x100);
    assertThat(r.nvidia().bit().tokens())
        .extracting(BitToken::id)
        .containsExactly('B', 'i', 'S', 'N');
    // rom-parser sees only the x86 image, marked last by its PCIR
    assertThat(RomParserFormat.render(rom).text())
        .endsWith("\tLast image\n")
        .contains("@0h")
        .doesNotContain("@800h");
  }

  @Test
  void truncatedChainAndTruncatedImage() {
    byte[] rom = chain(x86().blocks(1).last(false));
    RomReport r = RomParser.parse(rom, "cut.rom");
    assertThat(only(r, "truncated chain").severity()).isEqualTo(Severity.ERROR);
    byte[] whole = chain(x86().blocks(1).last(false), efi().blocks(4));
    byte[] cut = java.util.Arrays.copyOf(whole, 512 + 1024);
    RomReport c = RomParser.parse(cut, "cut2.rom");
    assertThat(only(c, "truncated image").offset()).isEqualTo(512);
  }

  @Test
  void zeroLengthImageStopsTheWalk() {
    SyntheticRom.Img z = nv(0xE0).blocks(1).last(false).npde(0, false);
    byte[] rom = chain(x86().blocks(1).last(false).npde(1, false), z, nv(0x70).blocks(1));
    RomReport r = RomParser.parse(rom, "zero.rom");
    assertThat(only(r, "zero-length image").offset()).isEqualTo(512);
    assertThat(r.images()).hasSize(2);
  }

  @Test
  void aChainThatNeverEndsIsCutAtTheImageLimit() {
    SyntheticRom.Img[] many = new SyntheticRom.Img[ImageChain.MAX_IMAGES + 5];
    for (int i = 0; i < many.length; i++) {
      many[i] = x86().blocks(1).last(false);
    }
    RomReport r = RomParser.parse(chain(many), "endless.rom");
    assertThat(r.images()).hasSize(ImageChain.MAX_IMAGES);
    assertThat(only(r, "the chain does not end").severity()).isEqualTo(Severity.ERROR);
  }

  @Test
  void vendorDeviceDifferentFromTheGivenDevice() {
    byte[] rom = chain(x86().blocks(1).last(false), efi().blocks(1));
    RomReport ok = RomParser.parse(rom, "a.rom", "10de", "1c8d");
    assertThat(ok.hasErrors()).isFalse();
    RomReport bad = RomParser.parse(rom, "a.rom", "10de", "1c8c");
    assertThat(only(bad, "the ROM is for PCI device 10de:1c8d, not 10de:1c8c").offset())
        .isEqualTo(0x24);
  }

  @Test
  void efiImageAbsentExplainsOvmf() {
    RomReport r = RomParser.parse(chain(x86().blocks(1)), "legacy.rom");
    RomProblem p = only(r, "no EFI image");
    assertThat(p.severity()).isEqualTo(Severity.WARNING);
    assertThat(p.message()).contains("OVMF", "muxless");
  }

  @Test
  void efiSignatureWrong() {
    SyntheticRom.Img e = efi().blocks(1);
    e.efiSignature = 0x1234;
    e.pcirPointer = 0x1C;
    RomReport r = RomParser.parse(chain(x86().blocks(1).last(false), e), "efi.rom");
    assertThat(only(r, "EFI image signature is 0x1234").offset()).isEqualTo(512 + 4);
    assertThat(RomParserFormat.render(chain(x86().blocks(1).last(false), e)).text())
        .contains("\t\tEFI: Signature NOT Valid\n");
  }

  @Test
  void nvgiVersion1PrefixIsFollowed() {
    byte[] rom =
        concat(SyntheticRom.nvgiV1(0x400, 0x400), SyntheticRom.pascalLaptop("84.04.22.00.0a"));
    RomReport r = RomParser.parse(rom, "nvgi1.rom");
    assertThat(r.romStart()).isEqualTo(0x400);
    assertThat(r.prefix().version()).isEqualTo(1);
    assertThat(only(r, "NVGI firmware prefix (IFR version 1) of 0x400 bytes").severity())
        .isEqualTo(Severity.WARNING);
    assertThat(r.regions().get(0).kind()).isEqualTo("prefix");
    assertThat(r.nvidia().version()).isEqualTo("84.04.22.00.0a");
    assertThat(r.images().get(0).offset()).isEqualTo(0x400);
  }

  @Test
  void nvgiVersion3PrefixIsFollowedThroughRfrd() {
    // 0x1500 is not on a 512-byte boundary: only the prefix can find it.
    byte[] rom =
        concat(SyntheticRom.nvgiV3(0x1500, 0x1500), SyntheticRom.pascalLaptop("94.04.55.00.92"));
    RomReport r = RomParser.parse(rom, "nvgi3.rom");
    assertThat(r.prefix().version()).isEqualTo(3);
    assertThat(r.romStart()).isEqualTo(0x1500);
    assertThat(r.images()).hasSize(4);
  }

  @Test
  void nvgiPrefixThatCannotBeFollowedFallsBackToTheScan() {
    byte[] rom =
        concat(SyntheticRom.nvgiV1(0x400, 0x9999), SyntheticRom.pascalLaptop("86.07.3c.00.1f"));
    RomReport r = RomParser.parse(rom, "nvgibad.rom");
    assertThat(r.romStart()).isEqualTo(0x400);
    assertThat(only(r, "could not be followed").severity()).isEqualTo(Severity.WARNING);
  }

  @Test
  void falseHeaderBeforeTheRomIsSkipped() {
    byte[] junk = fill(0x600, 0xff);
    junk[0] = 0x4C;
    junk[0x200] = 0x55;
    junk[0x201] = (byte) 0xAA;
    junk[0x218] = 0;
    junk[0x219] = 0;
    byte[] rom = concat(junk, chain(x86().blocks(1).last(false), efi().blocks(1)));
    RomReport r = RomParser.parse(rom, "false.rom");
    assertThat(r.romStart()).isEqualTo(0x600);
    assertThat(only(r, "false 55 AA header skipped").offset()).isEqualTo(0x200);
    assertThat(only(r, "bytes before the first image").severity()).isEqualTo(Severity.WARNING);
    RomParserFormat.Output rp = RomParserFormat.render(rom);
    assertThat(rp.exitCode()).isEqualTo(255);
    assertThat(rp.text())
        .isEqualTo(
            "Valid ROM signature found @200h, PCIR offset 0h\nInvalid PCIR signature: U\u00aa\u00ff\u00ff\n");
  }

  @Test
  void trailingPaddingCopyAppendedImagesAndData() {
    byte[] romChain = chain(x86().blocks(1).last(false), efi().blocks(1));
    byte[] other = fill(512, 0x42);
    byte[] appended = chain(efi().blocks(1));
    byte[] file = concat(romChain, fill(1024, 0xff), romChain, other, appended, fill(512, 0xff));
    RomReport r = RomParser.parse(file, "tail.rom");
    assertThat(r.regions())
        .extracting(RomRegion::kind)
        .containsExactly("padding", "copy", "data", "appended", "padding");
    assertThat(r.regions().get(1).offset()).isEqualTo(2048);
    assertThat(only(r, "second copy").severity()).isEqualTo(Severity.INFO);
    assertThat(only(r, "appended after the chain").offset()).isEqualTo(3584);
    assertThat(only(r, "other data after the chain").offset()).isEqualTo(3072);
  }

  @Test
  void bitWithBadChecksumIsNotTrustedAndVersionsThatDisagreeAreReported() {
    SyntheticRom.Img x = x86().blocks(2).bit("86.07.3c.00.1f").npde(2, true);
    x.breakBitChecksum = true;
    RomReport r = RomParser.parse(chain(x), "bit.rom");
    assertThat(r.nvidia()).isNull();
    assertThat(only(r, "without a BIT table").severity()).isEqualTo(Severity.WARNING);
    SyntheticRom.Img y = x86().blocks(2).bit("86.07.3c.00.1f").npde(2, true);
    y.infoVersion = "86.07.3c.00.20";
    y.mobile = false;
    RomReport q = RomParser.parse(chain(y), "bit2.rom");
    assertThat(q.nvidia().version()).isEqualTo("86.07.3c.00.1f");
    assertThat(q.nvidia().infoVersion()).isEqualTo("86.07.3c.00.20");
    assertThat(q.nvidia().mobile()).isFalse();
    assertThat(only(q, "BIT tokens disagree").severity()).isEqualTo(Severity.WARNING);
  }

  @Test
  void notRomsAtAll() {
    assertThat(messages(RomParser.parse(new byte[0], "empty"), Severity.ERROR))
        .containsExactly("empty file: no ROM");
    RomReport z = RomParser.parse(new byte[4096], "zeros");
    assertThat(z.romStart()).isEqualTo(-1);
    assertThat(z.hasErrors()).isTrue();
    byte[] isa = fill(1024, 0);
    isa[0] = 0x55;
    isa[1] = (byte) 0xAA;
    isa[2] = 2;
    RomReport i = RomParser.parse(isa, "isa");
    assertThat(i.problems())
        .extracting(RomProblem::message)
        .anyMatch(m -> m.contains("PCIR pointer 0"))
        .anyMatch(m -> m.contains("ISA-style"));
    assertThat(RomParser.parse(null, "null").romStart()).isEqualTo(-1);
  }

  @Test
  void scanFindsEveryChainAndSkipsChainsInsideOne() {
    byte[] a = chain(x86().blocks(2).last(false), efi().blocks(1));
    byte[] b = chain(efi().blocks(1));
    byte[] buf = concat(fill(0x30, 0xff), a, fill(0x10, 0xff), b, fill(0x20, 0));
    List<RomReport> found = RomParser.scan(buf, "fw.bin", 16);
    assertThat(found).extracting(RomReport::romStart).containsExactly(0x30, 0x30 + a.length + 0x10);
    assertThat(found.get(0).images()).hasSize(2);
    assertThat(found.get(0).images().get(1).offset()).isEqualTo(0x30 + 1024);
    assertThat(found.get(1).images().get(0).codeType()).isEqualTo(3);
    assertThat(RomParser.scan(buf, "fw.bin", 512)).isEmpty();
  }

  @Test
  void theContractConstructorsWorkWithTheRestOfTheEngine() {
    RomReport r =
        new RomReport(
            "f.rom",
            512,
            0,
            List.of(new RomImage(0, 512, 0, "10de", "1c8d", "030200", true)),
            new NvidiaInfo("86.07.3c.00.1f", true),
            List.of(new RomProblem(Severity.ERROR, 0, "m")));
    assertThat(r.hasErrors()).isTrue();
    assertThat(r.regions()).isEmpty();
    assertThat(RomHexdump.render(new byte[512], r, 0, 32).split("\n")).hasSize(2);
  }
}
