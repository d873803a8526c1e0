package dev.muxless.firmware;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Section and file forms the round trips do not cover, with a synthetic option ROM. */
class SectionKindsTest {

  /**
   * A minimal legacy option ROM: 55 AA, size in 512-byte blocks, PCIR at 0x20 (PCI FW spec 3.0).
   */
  static byte[] rom(int vendor, int device, int blocks) {
    byte[] r = new byte[blocks * 512];
    new Random(vendor ^ device).nextBytes(r);
    r[0] = 0x55;
    r[1] = (byte) 0xAA;
    r[2] = (byte) blocks;
    FvBuilder.put16(r, 0x18, 0x20);
    System.arraycopy("PCIR".getBytes(), 0, r, 0x20, 4);
    FvBuilder.put16(r, 0x24, vendor);
    FvBuilder.put16(r, 0x26, device);
    FvBuilder.put16(r, 0x2A, 0x1C);
    r[0x2C] = 3; // PCIR revision 3 (PCI Firmware spec 3.0 layout)
    r[0x2D] = 0;
    r[0x2E] = 0;
    r[0x2F] = 3; // class 030000
    FvBuilder.put16(r, 0x30, blocks);
    r[0x34] = 0; // x86
    r[0x35] = (byte) 0x80; // last image
    Arrays.fill(r, 0x36, 0x3C, (byte) 0);
    int sum = 0;
    for (int i = 0; i < r.length - 1; i++) {
      sum += r[i] & 0xFF;
    }
    r[r.length - 1] = (byte) -sum; // image checksum: all bytes sum to 0 (SeaBIOS is_valid_rom)
    return r;
  }

  private static ExtractResult walk(byte[] fw) {
    return RomExtractor.extract(fw, "fw.bin", ExtractLimits.defaults(), null);
  }

  @Test
  void unknownGuidedSectionIsReportedAndItsBytesStillScanned() {
    byte[] rom = rom(0x10de, 0x1234, 4);
    Guid vendor = Guid.of("DEADBEEF-0000-1111-2222-333333333333");
    byte[] fw =
        FvBuilder.volume(FvBuilder.file(FvBuilder.FILE_A, 0x02, FvBuilder.guided(vendor, 1, rom)));
    ExtractResult r = walk(fw);
    assertThat(r.problems())
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains(vendor.text(), "needs processing"));
    assertThat(r.roms()).singleElement().satisfies(f -> assertThat(f.bytes()).isEqualTo(rom));
  }

  @Test
  void guidedSectionWithoutProcessingRequiredIsWalkedAsSections() {
    byte[] rom = rom(0x10de, 0x1235, 2);
    Guid signed = Guid.of("0F9D89E8-9259-4F76-A5AF-0C89E34023DF"); // EFI_FIRMWARE_CONTENTS_SIGNED
    byte[] fw =
        FvBuilder.volume(
            FvBuilder.file(
                FvBuilder.FILE_A, 0x02, FvBuilder.guided(signed, 2, FvBuilder.raw(rom))));
    ExtractResult r = walk(fw);
    assertThat(r.problems()).isEmpty();
    assertThat(r.roms()).singleElement().satisfies(f -> assertThat(f.deviceId()).isEqualTo("1235"));
  }

  @Test
  void zeroLengthImageIsNotWrittenOutAsAnEmptyRom() {
    byte[] rom = rom(0x10de, 0x1237, 2);
    FvBuilder.put16(rom, 0x30, 0); // PCIR image length 0
    byte[] fw = FvBuilder.volume(FvBuilder.file(FvBuilder.FILE_A, 0x01, rom));
    ExtractResult r = walk(fw);
    assertThat(r.roms()).isEmpty();
    assertThat(r.whyNoNvidia()).contains("No option ROM");
  }

  @Test
  void brotliIsRecognisedNotUnpacked() {
    byte[] fw =
        FvBuilder.volume(
            FvBuilder.file(
                FvBuilder.FILE_A, 0x02, FvBuilder.guided(Guids.BROTLI, 1, new byte[40])));
    assertThat(walk(fw).problems())
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("Brotli", "not unpacked"));
  }

  @Test
  void ffsV3LargeFileAndExtendedSectionSize() {
    byte[] rom = rom(0x10de, 0x1236, 2);
    byte[] raw = FvBuilder.raw(rom);
    // extended section header: Size = 0xFFFFFF, ExtendedSize u32 (PI vol. 3,
    // EFI_COMMON_SECTION_HEADER2)
    byte[] ext = new byte[raw.length + 4];
    FvBuilder.put24(ext, 0, 0xFFFFFF);
    ext[3] = 0x19;
    FvBuilder.put32(ext, 4, ext.length);
    System.arraycopy(rom, 0, ext, 8, rom.length);
    // FFS v3 large file: attribute 0x01, Size[3] = 0, ExtendedSize u64 at 0x18
    // (EFI_FFS_FILE_HEADER2)
    byte[] file = new byte[0x20 + ext.length];
    System.arraycopy(FvBuilder.FILE_A.bytes(), 0, file, 0, 16);
    file[0x12] = 0x02;
    file[0x13] = 0x01;
    FvBuilder.put64(file, 0x18, file.length);
    file[0x17] = (byte) 0xF8;
    System.arraycopy(ext, 0, file, 0x20, ext.length);
    FvBuilder.sealFile(file, 0x20);
    byte[] fv = FvBuilder.volume(file);
    System.arraycopy(Guids.FFS3.bytes(), 0, fv, 0x10, 16);
    FvBuilder.sealVolume(fv);
    ExtractResult r = walk(fv);
    assertThat(r.problems()).isEmpty();
    assertThat(r.nodes())
        .extracting(FirmwareNode::type, FirmwareNode::subtype, FirmwareNode::size)
        .contains(
            org.assertj.core.groups.Tuple.tuple("Volume", "FFSv3", (long) fv.length),
            org.assertj.core.groups.Tuple.tuple("File", "Freeform", (long) file.length),
            org.assertj.core.groups.Tuple.tuple("Section", "Raw", (long) ext.length));
    assertThat(r.roms()).singleElement().satisfies(f -> assertThat(f.bytes()).isEqualTo(rom));
  }

  @Test
  void romOutsideAnyVolumeIsFoundByTheRawScan() {
    byte[] rom = rom(0x10de, 0x1237, 8);
    byte[] img = FvBuilder.flash(0x100000, 0x10000, FvBuilder.volume());
    System.arraycopy(rom, 0, img, 0xC0000, rom.length);
    ExtractResult r = walk(img);
    assertThat(r.roms())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.location().absoluteOffset()).isEqualTo(0xC0000);
              assertThat(f.location().file()).isNull();
              assertThat(f.fileName()).isEqualTo("10de_1237_off-000c0000.rom");
            });
  }

  @Test
  void damagedChecksumsAreReportedAndTheRomIsStillFound() {
    byte[] rom = rom(0x10de, 0x1237, 2);
    byte[] fv = FvBuilder.volume(FvBuilder.file(FvBuilder.FILE_A, 0x02, FvBuilder.raw(rom)));
    ExtractResult clean = walk(fv);
    assertThat(clean.problems()).isEmpty();
    fv[0x60 + 0x10] ^= 0x01; // the first file (after the header and its extension) header checksum
    fv[0x33] ^= 0x10; // the volume's header checksum
    ExtractResult r = walk(fv);
    assertThat(r.problems())
        .extracting(FirmwareProblem::message)
        .anySatisfy(m -> assertThat(m).contains("volume", "header checksum fails"))
        .anySatisfy(m -> assertThat(m).contains("file", "header checksum fails"));
    assertThat(r.roms()).extracting(FoundRom::deviceId).containsExactly("1237");
  }
}
