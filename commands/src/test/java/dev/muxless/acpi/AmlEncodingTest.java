package dev.muxless.acpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The encoding rules at their boundaries, with the expected bytes taken from iasl output quoted in
 * acpi-rom.md 2.3 (the golden files check the same against the installed iasl).
 */
class AmlEncodingTest {
  static String hex(byte[] b) {
    return HexFormat.ofDelimiter(" ").formatHex(b).toUpperCase();
  }

  @Test
  void bufferPkgLengthsMatchIaslAcrossTheFormBoundaries() {
    // acpi-rom.md 2.3: 59 -> 11 3E 0A 3B; 60 -> 11 3F 0A 3C; 61 -> 11 41 04 0A 3D;
    // 255 -> 11 43 10 0A FF; 256 -> 11 45 10 0B 00 01; 4090 -> 11 4F FF 0B FA 0F;
    // 4091 -> 11 81 00 01 0B FB 0F
    assertThat(prefix(59, 4)).isEqualTo("11 3E 0A 3B");
    assertThat(prefix(60, 4)).isEqualTo("11 3F 0A 3C");
    assertThat(prefix(61, 5)).isEqualTo("11 41 04 0A 3D");
    assertThat(prefix(255, 5)).isEqualTo("11 43 10 0A FF");
    assertThat(prefix(256, 6)).isEqualTo("11 45 10 0B 00 01");
    assertThat(prefix(4090, 6)).isEqualTo("11 4F FF 0B FA 0F");
    assertThat(prefix(4091, 7)).isEqualTo("11 81 00 01 0B FB 0F");
  }

  private static String prefix(int n, int len) {
    byte[] b = AmlEncoder.encode(AmlBuilder.buffer(new byte[n]));
    assertThat(b.length).isEqualTo(n + len);
    return hex(java.util.Arrays.copyOf(b, len));
  }

  @Test
  void pkgLengthFourByteFormAndLimit() {
    assertThat(hex(AmlEncoding.pkgLength((1 << 20) - 4))).isEqualTo("8F FF FF"); // 3 bytes, 2^20-1
    assertThat(hex(AmlEncoding.pkgLength((1 << 20) - 3))).isEqualTo("C1 00 00 01"); // 4 bytes
    assertThat(AmlEncoding.pkgLength(AmlEncoding.MAX_PKG_LENGTH - 4)).hasSize(4);
    assertThatThrownBy(() -> AmlEncoding.pkgLength(AmlEncoding.MAX_PKG_LENGTH - 3))
        .isInstanceOf(AmlException.class)
        .hasMessageContaining("PkgLength maximum");
  }

  @Test
  void integersTakeTheSmallestForm() {
    assertThat(hex(AmlEncoding.integer(0))).isEqualTo("00");
    assertThat(hex(AmlEncoding.integer(1))).isEqualTo("01");
    assertThat(hex(AmlEncoding.integer(2))).isEqualTo("0A 02");
    assertThat(hex(AmlEncoding.integer(0xFF))).isEqualTo("0A FF");
    assertThat(hex(AmlEncoding.integer(0x100))).isEqualTo("0B 00 01");
    assertThat(hex(AmlEncoding.integer(0xE000))).isEqualTo("0B 00 E0");
    assertThat(hex(AmlEncoding.integer(0x10000))).isEqualTo("0C 00 00 01 00");
    assertThat(hex(AmlEncoding.integer(0x100000000L))).isEqualTo("0E 00 00 00 00 01 00 00 00");
    assertThat(hex(AmlEncoding.integer(-1))).isEqualTo("0E FF FF FF FF FF FF FF FF");
  }

  @Test
  void nameStringsPadAndPrefix() {
    assertThat(hex(AmlEncoding.nameString("S00"))).isEqualTo("53 30 30 5F");
    assertThat(hex(AmlEncoding.nameString("\\_SB.PCI0")))
        .isEqualTo("5C 2E 5F 53 42 5F 50 43 49 30");
    assertThat(hex(AmlEncoding.nameString("\\_SB.PCI0.S10.S00")))
        .isEqualTo("5C 2F 04 5F 53 42 5F 50 43 49 30 53 31 30 5F 53 30 30 5F");
    assertThat(hex(AmlEncoding.nameString("^^AB"))).isEqualTo("5E 5E 41 42 5F 5F");
    assertThat(hex(AmlEncoding.nameString("\\"))).isEqualTo("5C 00");
  }

  @Test
  void badNamesAndStringsAreRefusedWithTheNameInTheMessage() {
    assertThatThrownBy(() -> AmlBuilder.ref("\\_SB.pci0"))
        .hasMessageContaining("'pci0'")
        .hasMessageContaining("'p'");
    assertThatThrownBy(() -> AmlBuilder.ref("\\_SB.TOOLONG"))
        .hasMessageContaining("1 to 4 characters");
    assertThatThrownBy(() -> AmlBuilder.ref("\\_SB..X")).hasMessageContaining("''");
    assertThatThrownBy(() -> AmlBuilder.device("0ABC", List.of())).hasMessageContaining("'0'");
    assertThatThrownBy(() -> AmlBuilder.string("caf\u00e9")).hasMessageContaining("not ASCII");
    assertThatThrownBy(() -> AmlBuilder.local(8)).hasMessageContaining("Local8");
    assertThatThrownBy(() -> AmlBuilder.method("_ROM", 8, false, List.of()))
        .hasMessageContaining("at most 7");
    assertThatThrownBy(() -> DefinitionBlock.ssdt("TOOLONGID", "X", List.of()))
        .hasMessageContaining("OEM ID");
  }

  @Test
  void definitionBlockFillsLengthAndChecksum() {
    byte[] t =
        DefinitionBlock.ssdt("MUXLSS", "T", List.of(AmlBuilder.name("X", AmlBuilder.integer(5))))
            .toAml();
    assertThat(t).hasSize(36 + 7);
    assertThat(t[4] & 0xFF).isEqualTo(43);
    int sum = 0;
    for (byte b : t) {
      sum += b;
    }
    assertThat(sum & 0xFF).isZero();
    assertThat(new String(t, 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("SSDT");
    assertThat(hex(java.util.Arrays.copyOfRange(t, 36, 43))).isEqualTo("08 58 5F 5F 5F 0A 05");
  }

  @Test
  void externalsAreHoistedIntoOneIfZeroLikeIasl() {
    byte[] t =
        DefinitionBlock.ssdt(
                "MUXLSS",
                "T",
                List.of(
                    AmlBuilder.name("X", AmlBuilder.integer(0)),
                    AmlBuilder.external("\\_SB.PCI0", AmlBuilder.EXT_DEVICE)))
            .toAml();
    assertThat(hex(java.util.Arrays.copyOfRange(t, 36, t.length)))
        .isEqualTo("A0 0F 00 15 5C 2E 5F 53 42 5F 50 43 49 30 06 00 08 58 5F 5F 5F 00");
  }
}
