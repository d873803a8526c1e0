package dev.muxless.firmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Firmware built around the real ROMs of ../shared/roms, in every form the walker opens: the ROM
 * that comes out must be byte-identical to the chain put in, with the PCIR's vendor and device.
 */
class FirmwareRoundTripTest {

  /** How a ROM is wrapped: ROM bytes -> firmware file bytes. */
  record Form(String name, UnaryOperator<byte[]> wrap) {
    @Override
    public String toString() {
      return name;
    }
  }

  static byte[] inFile(byte[] sections) {
    return FvBuilder.volume(
        FvBuilder.file(FvBuilder.FILE_B, 0x07, FvBuilder.concat(FvBuilder.ui("Other"))),
        FvBuilder.file(FvBuilder.FILE_A, 0x02, sections));
  }

  static byte[] flash(byte[] fv) {
    return FvBuilder.flash(Math.max(0x200000, fv.length + 0x20000), 0x10000, fv);
  }

  static final List<Form> FORMS =
      List.of(
          new Form(
              "raw section",
              rom -> flash(inFile(FvBuilder.concat(FvBuilder.ui("Vbios"), FvBuilder.raw(rom))))),
          new Form(
              "raw file",
              rom -> flash(FvBuilder.volume(FvBuilder.file(FvBuilder.FILE_A, 0x01, rom)))),
          new Form("LZMA", rom -> flash(inFile(FvBuilder.lzmaSection(FvBuilder.raw(rom))))),
          new Form("Tiano", rom -> flash(inFile(FvBuilder.tianoSection(FvBuilder.raw(rom))))),
          new Form("LZMA x86", rom -> flash(inFile(FvBuilder.lzmaF86Section(FvBuilder.raw(rom))))),
          new Form(
              "EFI compression section",
              rom -> flash(inFile(FvBuilder.efiCompressed(FvBuilder.raw(rom))))),
          new Form(
              "CRC32 section",
              rom -> flash(inFile(FvBuilder.guided(Guids.CRC32, 2, FvBuilder.raw(rom))))),
          new Form("nested volumes", FirmwareRoundTripTest::nested),
          new Form(
              "Aptio capsule",
              rom ->
                  FvBuilder.aptioCapsule(flash(inFile(FvBuilder.lzmaSection(FvBuilder.raw(rom)))))),
          new Form(
              "UEFI capsule",
              rom ->
                  FvBuilder.capsule(
                      Guids.EFI_CAPSULE, inFile(FvBuilder.tianoSection(FvBuilder.raw(rom))))),
          new Form(
              "flash descriptor image",
              rom ->
                  FvBuilder.descriptorImage(
                      0x400000, inFile(FvBuilder.lzmaSection(FvBuilder.raw(rom))))),
          new Form(
              "zip of a capsule",
              rom ->
                  FvBuilder.zip(
                      "BIOS/X570.CAP", FvBuilder.aptioCapsule(flash(inFile(FvBuilder.raw(rom)))))));

  /**
   * FvMain-like: volume > Volume image file > LZMA > FV image section > volume > file > Tiano > raw
   * section (the layout OVMF and AMI images use, plus one more level).
   */
  static byte[] nested(byte[] rom) {
    byte[] inner =
        FvBuilder.volume(
            FvBuilder.file(FvBuilder.FILE_A, 0x02, FvBuilder.tianoSection(FvBuilder.raw(rom))));
    byte[] outer =
        FvBuilder.volume(
            FvBuilder.file(
                FvBuilder.FILE_B,
                0x0B,
                FvBuilder.lzmaSection(
                    FvBuilder.concat(FvBuilder.raw(new byte[16]), FvBuilder.fvImage(inner)))));
    return flash(outer);
  }

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    List<Path> roms = SharedRoms.nvidia();
    for (Path rom : roms) {
      for (Form f : FORMS) {
        out.add(Arguments.of(rom.getFileName().toString(), f));
      }
    }
    if (out.isEmpty()) {
      out.add(Arguments.of("(../shared missing)", FORMS.get(0)));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} in {1}")
  @MethodSource("cases")
  void extractsTheRomByteIdentically(String romName, Form form) throws Exception {
    Path romPath = SharedRoms.dir("nvidia").resolve(romName);
    assumeTrue(Files.isRegularFile(romPath), "../shared not present");
    byte[] rom = Files.readAllBytes(romPath);
    byte[] expected = SharedRoms.expectedChain(rom, romName);
    byte[] firmware = form.wrap().apply(rom);

    ExtractResult r = RomExtractor.extract(firmware, "fw.bin", ExtractLimits.defaults(), null);

    assertThat(r.problems()).as("problems").isEmpty();
    FoundRom hit =
        r.roms().stream()
            .filter(f -> java.util.Arrays.equals(f.bytes(), expected))
            .findFirst()
            .orElseThrow(
                () ->
                    new AssertionError(
                        romName + " in " + form + ": not extracted; found " + r.roms()));
    assertThat(hit.vendorId() + ":" + hit.deviceId()).isEqualTo(SharedRoms.ids(expected));
    assertThat(hit.vendorId()).isEqualTo("10de");
    assertThat(hit.nvidiaVbios()).isTrue();
    assertThat(hit.sha256()).isEqualTo(Walk.sha256(expected));
    assertThat(r.whyNoNvidia()).isNull();
    if (!form.name().startsWith("flash")) {
      assertThat(hit.location().file()).isEqualTo(FvBuilder.FILE_A.text());
      assertThat(hit.location().path()).contains("file " + FvBuilder.FILE_A.text());
    }
  }

  @Test
  void debianOptionRomsComeOutWholeToo() throws Exception {
    Path dir = SharedRoms.dir("debian");
    String[] names = {"ipxe-qemu__efi-e1000.rom", "seabios__vgabios-stdvga.bin"};
    List<byte[]> roms = new ArrayList<>();
    List<byte[]> files = new ArrayList<>();
    for (String n : names) {
      byte[] rom = Files.readAllBytes(dir.resolve(n));
      roms.add(rom);
      files.add(FvBuilder.file(FvBuilder.FILE_A, 0x02, FvBuilder.lzmaSection(FvBuilder.raw(rom))));
    }
    byte[] fw = flash(FvBuilder.volume(files.toArray(new byte[0][])));
    ExtractResult r = RomExtractor.extract(fw, "fw.bin", ExtractLimits.defaults(), null);
    assertThat(r.roms()).hasSize(2);
    // these files are exactly one chain each: the extracted ROM is the whole file
    assertThat(r.roms().get(0).bytes()).isEqualTo(roms.get(0));
    assertThat(r.roms().get(1).bytes()).isEqualTo(roms.get(1));
    assertThat(r.roms().get(0).vendorId()).isEqualTo("8086");
    assertThat(r.roms().get(1).vendorId()).isEqualTo("1234");
    assertThat(r.nvidiaRoms()).isEmpty();
    assertThat(r.whyNoNvidia()).contains("none of them an NVIDIA display device");
  }

  @Test
  void sameRomTwiceIsOneRomWithTwoCopies() throws Exception {
    List<Path> roms = SharedRoms.nvidia();
    assumeTrue(!roms.isEmpty(), "../shared not present");
    byte[] rom = Files.readAllBytes(roms.get(0));
    byte[] fw =
        flash(
            FvBuilder.volume(
                FvBuilder.file(FvBuilder.FILE_A, 0x02, FvBuilder.raw(rom)),
                FvBuilder.file(FvBuilder.FILE_B, 0x02, FvBuilder.lzmaSection(FvBuilder.raw(rom)))));
    ExtractResult r = RomExtractor.extract(fw, "fw.bin", ExtractLimits.defaults(), null);
    assertThat(r.roms()).hasSize(1);
    assertThat(r.roms().get(0).copies()).isEqualTo(2);
    assertThat(r.roms().get(0).location().absoluteOffset()).isPositive();
  }

  @Test
  void romAt512AlignedOffsetInAVolumeIsOneCopy() {
    byte[] rom = SectionKindsTest.rom(0x10de, 0x1236, 2);
    // volume header 0x5c, first file at 0x60; a 0x170-byte pad puts the raw file's body at 0x200
    byte[] fv =
        FvBuilder.volume(
            FvBuilder.file(FvBuilder.FILE_B, 0xF0, new byte[0x170]),
            FvBuilder.file(FvBuilder.FILE_A, 0x01, rom));
    byte[] fw = flash(fv);
    assertThat(Arrays.copyOfRange(fw, 0x10200, 0x10200 + rom.length)).isEqualTo(rom);
    ExtractResult r = RomExtractor.extract(fw, "fw.bin", ExtractLimits.defaults(), null);
    assertThat(r.problems()).isEmpty();
    assertThat(r.roms())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.bytes()).isEqualTo(rom);
              assertThat(f.copies()).isEqualTo(1);
              assertThat(f.location().absoluteOffset()).isEqualTo(0x10200);
            });
  }
}
