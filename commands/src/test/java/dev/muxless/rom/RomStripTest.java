package dev.muxless.rom;

import static dev.muxless.rom.SyntheticRom.chain;
import static dev.muxless.rom.SyntheticRom.concat;
import static dev.muxless.rom.SyntheticRom.efi;
import static dev.muxless.rom.SyntheticRom.fill;
import static dev.muxless.rom.SyntheticRom.x86;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.muxless.core.ExitStatus;
import dev.muxless.core.MuxlessException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RomStripTest {

  @Test
  void dropsPrefixPaddingAndAppendedImages() {
    byte[] rom = SyntheticRom.pascalLaptop("86.07.3c.00.1f");
    byte[] file =
        concat(SyntheticRom.nvgiV1(0x400, 0x400), rom, chain(efi().blocks(1)), fill(2048, 0xff));
    byte[] before = file.clone();
    StrippedRom s = RomStrip.strip(file, "dump.rom");
    assertThat(s.bytes()).isEqualTo(rom);
    assertThat(s.start()).isEqualTo(0x400);
    assertThat(s.end()).isEqualTo(0x400 + rom.length);
    assertThat(s.removed())
        .containsExactly(
            "0x400 bytes before the ROM (NVIDIA NVGI firmware prefix, IFR version 1)",
            String.format("0x200 bytes at 0x%x: images: EFI", 0x400 + rom.length),
            String.format("0x800 bytes at 0x%x: padding (0xff/0x00)", 0x600 + rom.length));
    assertThat(file).isEqualTo(before);
    assertThat(RomParser.parse(s.bytes(), "out").problems())
        .noneMatch(p -> p.severity() != Severity.INFO && !p.message().contains("no EFI image"));
  }

  @Test
  void aBareRomComesBackUnchanged() {
    byte[] rom = chain(x86().blocks(1).last(false), efi().blocks(1));
    StrippedRom s = RomStrip.strip(rom, "bare.rom");
    assertThat(s.bytes()).isEqualTo(rom);
    assertThat(s.removed()).isEmpty();
  }

  @Test
  void noRomOrABrokenChainIsBadInputNamingTheFile() {
    assertThatThrownBy(() -> RomStrip.strip(new byte[1024], "zeros.bin"))
        .isInstanceOf(MuxlessException.class)
        .hasMessageStartingWith("zeros.bin: ")
        .satisfies(
            e -> assertThat(((MuxlessException) e).status()).isEqualTo(ExitStatus.BAD_INPUT));
    byte[] cut = Arrays.copyOf(chain(x86().blocks(1).last(false), efi().blocks(2)), 1024);
    assertThatThrownBy(() -> RomStrip.strip(cut, "cut.rom"))
        .hasMessageContaining("cut.rom: image chain at offset 0x0 is truncated");
  }

  @Test
  void aZeroLengthLastImageIsAnIncompleteChain() {
    SyntheticRom.Img zero = x86().blocks(1);
    zero.pcirBlocks = 0;
    byte[] rom = concat(chain(x86().blocks(1).last(false), zero), fill(1024, 0xff));
    assertThat(RomParser.parse(rom, "zero.rom").problems())
        .anyMatch(p -> p.message().startsWith("zero-length image"));
    assertThatThrownBy(() -> RomStrip.strip(rom, "zero.rom"))
        .isInstanceOf(MuxlessException.class)
        .hasMessageContaining("zero.rom: image chain at offset 0x0 is truncated")
        .satisfies(
            e -> assertThat(((MuxlessException) e).status()).isEqualTo(ExitStatus.BAD_INPUT));
  }
}
