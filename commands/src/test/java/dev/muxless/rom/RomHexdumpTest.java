package dev.muxless.rom;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RomHexdumpTest {

  @Test
  void namesHeaderPcirNpdeAndBitFields() {
    byte[] rom = SyntheticRom.pascalLaptop("86.07.3c.00.1f");
    RomReport r = RomParser.parse(rom, "p.rom");
    String dump = RomHexdump.render(rom, r, 0, 0x140);
    String[] lines = dump.split("\n");
    assertThat(lines).hasSize(0x14);
    assertThat(lines[0])
        .startsWith(
            "00000000  55 aa 03 eb 4b 00 00 00  00 00 00 00 00 00 00 00  |U...K...........|")
        .contains("+0 image 0 header.signature=55aa", "+2 image 0 header.initSize=3 blocks");
    assertThat(lines[1]).contains("+8 image 0 header.pcirOffset=0x20");
    assertThat(lines[2])
        .contains("+0 image 0 PCIR.signature=PCIR", "+4 image 0 PCIR.vendorId=10de")
        .contains("+d image 0 PCIR.classCode=030200");
    assertThat(lines[3])
        .contains("+4 image 0 PCIR.codeType=00 x86", "+5 image 0 PCIR.indicator=80 last");
    assertThat(lines[4])
        .contains("+0 image 0 NPDE.signature=NPDE", "+8 image 0 NPDE.subimageLength=4 blocks");
    assertThat(lines[0x10])
        .contains("+0 BIT.id=b8ff", "+6 BIT.version=1.0", "+c BIT token.'B'=v2 size 0x21");
  }

  @Test
  void tokenEntriesIsTheHeaderByteNotTheTokensRead() {
    byte[] rom = SyntheticRom.pascalLaptop("86.07.3c.00.1f");
    rom[0x109] = 7; // a token size muxless does not read: no tokens
    rom[0x10b]--; // keep the header checksum
    RomReport r = RomParser.parse(rom, "p.rom");
    assertThat(r.nvidia().bit().tokens()).isEmpty();
    assertThat(r.nvidia().bit().entries()).isEqualTo(4);
    assertThat(RomHexdump.render(rom, r, 0x100, 16))
        .contains("+9 BIT.tokenSize=7", "+a BIT.tokenEntries=4");
  }

  @Test
  void offsetAndLengthAreClampedToTheFile() {
    byte[] rom = SyntheticRom.x86().blocks(1).build();
    RomReport r = RomParser.parse(rom, "x.rom");
    String dump = RomHexdump.render(rom, r, 0x1f8, 0x100);
    assertThat(dump.split("\n")).hasSize(1);
    assertThat(dump).startsWith("000001f0  " + " ".repeat(25) + "00 00 00 00 00 00 00 ");
    assertThat(RomHexdump.render(rom, r, 0x1000, 16)).isEmpty();
  }

  @Test
  void aHugeLengthShowsTheRestOfTheFile() {
    byte[] rom = SyntheticRom.x86().blocks(1).build();
    RomReport r = RomParser.parse(rom, "x.rom");
    String all = RomHexdump.render(rom, r, 0x10, rom.length);
    assertThat(all.split("\n")).hasSize(0x1f);
    assertThat(RomHexdump.render(rom, r, 0x10, Long.MAX_VALUE)).isEqualTo(all);
    assertThat(RomHexdump.render(rom, r, 0x10, Long.MAX_VALUE - 8)).isEqualTo(all);
  }
}
