package dev.muxless.acpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.muxless.core.MuxlessException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class AmlReaderTest {
  @Test
  void readsTheHeaderAndTreeOfARomTable() {
    byte[] rom = TestRoms.pattern(5000);
    byte[] aml =
        RomTableGenerator.generate(
                rom, RomTableGenerator.Options.embedded(AcpiPath.parseRootPort("2")))
            .tables()
            .get(0)
            .aml();
    InspectedTable t = AmlReader.inspect(aml, "t.aml");
    TableHeader h = t.header();
    assertThat(h.signature()).isEqualTo("SSDT");
    assertThat(h.length()).isEqualTo(aml.length);
    assertThat(h.checksumValid()).isTrue();
    assertThat(h.oemId()).isEqualTo("MUXLSS");
    assertThat(h.oemTableId()).isEqualTo("VBIOS000");
    assertThat(h.creatorId()).isEqualTo("MXLS");
    assertThat(t.problems()).isEmpty();
    assertThat(t.objects())
        .extracting(AmlObject::kind)
        .containsExactly("If", "If", "If", "If", "Scope");
    assertThat(t.objects().get(0).children()).extracting(AmlObject::kind).containsOnly("External");
    assertThat(t.objects().get(3).detail()).isEqualTo("LNot (CondRefOf (\\_SB.PCI0.S10.S00))");
    AmlObject dev = t.objects().get(3).children().get(0).children().get(0);
    assertThat(dev.kind()).isEqualTo("Device");
    assertThat(dev.path()).isEqualTo("\\_SB.PCI0.S10.S00");
    AmlObject scope = t.objects().get(4);
    assertThat(scope.children()).extracting(AmlObject::kind).containsExactly("Name", "Method");
    assertThat(scope.children().get(0).detail())
        .isEqualTo("Buffer, size 0x1388, 5000 initializer bytes");
    assertThat(scope.children().get(1).path()).isEqualTo("\\_SB.PCI0.S10.S00._ROM");
    assertThat(scope.children().get(1).detail()).startsWith("2 args, Serialized");
  }

  @Test
  void aBadChecksumIsAProblemWithTheRightValue() {
    byte[] aml = BatteryTable.build().toAml();
    int good = aml[9] & 0xFF;
    aml[9] = (byte) (good + 1);
    InspectedTable t = AmlReader.inspect(aml, "b.aml");
    assertThat(t.header().checksumValid()).isFalse();
    assertThat(t.header().expectedChecksum()).isEqualTo(good);
    assertThat(t.problems())
        .anySatisfy(p -> assertThat(p).contains("offset 0x9", String.format("0x%02X", good)));
  }

  @Test
  void truncatedTableSaysSo() {
    byte[] aml = BatteryTable.build().toAml();
    byte[] cut = java.util.Arrays.copyOf(aml, aml.length - 10);
    InspectedTable t = AmlReader.inspect(cut, "cut.aml");
    assertThat(t.problems())
        .anySatisfy(p -> assertThat(p).contains("length field at offset 0x4 says " + aml.length));
    assertThat(t.problems()).anySatisfy(p -> assertThat(p).contains("past its parent's end"));
  }

  @Test
  void notATableIsBadInput() {
    assertThatThrownBy(() -> AmlReader.readHeader(new byte[10], "x.bin"))
        .isInstanceOf(MuxlessException.class)
        .hasMessageContaining("x.bin")
        .hasMessageContaining("36-byte");
    byte[] rom = new byte[64];
    rom[0] = 0x55;
    rom[1] = (byte) 0xAA;
    assertThatThrownBy(() -> AmlReader.readHeader(rom, "vbios.rom"))
        .hasMessageContaining("not an ACPI signature");
  }

  @Test
  void foreignQemuDsdtIsDecodedUntilAnOpcodeItDoesNotKnow() throws Exception {
    var acpi = AcpiTools.assumeShared("acpi");
    byte[] dsdt = Files.readAllBytes(acpi.resolve("DSDT-qemu7.2-q35-rp02-default.aml"));
    InspectedTable t = AmlReader.inspect(dsdt, "dsdt");
    assertThat(t.header().signature()).isEqualTo("DSDT");
    assertThat(t.header().oemId()).isEqualTo("BOCHS "); // QEMU pads with spaces
    assertThat(t.header().checksumValid()).isTrue();
    assertThat(t.allObjects()).anySatisfy(o -> assertThat(o.path()).isEqualTo("\\_SB.PCI0"));
    assertThat(t.problems()).isNotEmpty();
    assertThat(t.problems())
        .allSatisfy(p -> assertThat(p).containsAnyOf("cannot decode opcode", "bad name"));
  }

  @Test
  void theCommunityBatteryTableIsFullyDecoded() throws Exception {
    var acpi = AcpiTools.assumeShared("acpi");
    byte[] b = Files.readAllBytes(acpi.resolve("community-fake-battery-SSDT1.dat"));
    InspectedTable t = AmlReader.inspect(b, "bat");
    assertThat(t.problems()).isEmpty();
    // depth first, each object before its children, in file order
    assertThat(t.allObjects())
        .extracting(AmlObject::path)
        .containsExactly(
            null,
            "\\_SB.PCI0",
            "\\_SB.PCI0",
            "\\_SB.PCI0.BAT0",
            "\\_SB.PCI0.BAT0._HID",
            "\\_SB.PCI0.BAT0._UID",
            "\\_SB.PCI0.BAT0._STA",
            "\\_SB.PCI0.BAT0._BIF",
            "\\_SB.PCI0.BAT0._BST");
  }

  /** A header-only SSDT with body appended, its length field and checksum fixed. */
  private static byte[] ssdtWith(int... body) {
    byte[] head = DefinitionBlock.ssdt("MUXLSS", "TEST", java.util.List.of()).toAml();
    byte[] t = java.util.Arrays.copyOf(head, DefinitionBlock.HEADER_LENGTH + body.length);
    for (int i = 0; i < body.length; i++) {
      t[DefinitionBlock.HEADER_LENGTH + i] = (byte) body[i];
    }
    t[4] = (byte) t.length;
    t[5] = 0;
    t[9] = DefinitionBlock.checksum(t);
    return t;
  }

  @Test
  void aGoodChecksumWithTrailingBytesIsValidAndOnlyTheLengthIsAProblem() {
    byte[] aml = BatteryTable.build().toAml();
    byte[] padded = java.util.Arrays.copyOf(aml, aml.length + 4);
    padded[aml.length] = 0x7F; // not covered by the length field: not in the checksum
    InspectedTable t = AmlReader.inspect(padded, "p.aml");
    assertThat(t.header().checksumValid()).isTrue();
    assertThat(t.header().lengthMatches()).isFalse();
    assertThat(t.header().expectedChecksum()).isEqualTo(aml[9] & 0xFF);
    assertThat(t.problems()).isNotEmpty();
    assertThat(t.problems()).noneSatisfy(p -> assertThat(p).contains("checksum"));
    assertThat(t.problems()).anySatisfy(p -> assertThat(p).contains("length field"));
  }

  @Test
  void aZeroPkgLengthIsReportedAsSuch() {
    InspectedTable t = AmlReader.inspect(ssdtWith(0x10, 0x00, '_', 'S', 'B', '_'), "z.aml");
    assertThat(t.problems())
        .singleElement()
        .satisfies(p -> assertThat(p).contains("PkgLength 0").doesNotContain("past"));
  }

  @Test
  void aComputedBufferSizeIsNotCountedAsInitializer() {
    // Name (BUFF, Buffer (SIZE) {1, 2, 3}): the size is a name, not a constant
    InspectedTable t =
        AmlReader.inspect(
            ssdtWith(0x08, 'B', 'U', 'F', 'F', 0x11, 0x08, 'S', 'I', 'Z', 'E', 1, 2, 3), "b.aml");
    assertThat(t.problems()).isEmpty();
    assertThat(t.objects().get(0).detail())
        .isEqualTo("Buffer, size computed, 7 bytes of size and initializer");
  }

  @Test
  void definitionBlockIdsAreOnesTheReaderAndAslAccept() {
    assertThatThrownBy(() -> DefinitionBlock.ssdt("MU\"X", "T", java.util.List.of()))
        .isInstanceOf(AmlException.class)
        .hasMessageContaining("OEM ID");
    assertThatThrownBy(() -> DefinitionBlock.ssdt("MUX", "T\\1", java.util.List.of()))
        .isInstanceOf(AmlException.class)
        .hasMessageContaining("OEM Table ID");
    assertThatThrownBy(
            () -> new DefinitionBlock("ssdt", 2, "M", "T", 1, "MXLS", 1, java.util.List.of()))
        .isInstanceOf(AmlException.class)
        .hasMessageContaining("signature");
    assertThatThrownBy(
            () -> new DefinitionBlock("SS-T", 2, "M", "T", 1, "MXLS", 1, java.util.List.of()))
        .isInstanceOf(AmlException.class);
  }
}
