package dev.muxless.rom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.muxless.core.MuxlessException;
import dev.muxless.host.HostRoot;
import dev.muxless.host.TreeFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link RomDump} on the rom-laptop fixture host, every method and the usual failures. */
class RomDumpTest {
  static final String GPU = "0000:01:00.0";
  static final String ROM_ATTR = "/sys/bus/pci/devices/" + GPU + "/rom";

  @TempDir Path tmp;
  Path dir;
  HostRoot host;
  AcpiCallModel kernel;

  @BeforeEach
  void host() throws Exception {
    Path tree = Path.of(getClass().getResource("/hosts/rom-laptop.tree").toURI());
    dir = TreeFixture.read(tree).materializeInto(tmp);
    host = HostRoot.of(dir);
    kernel = new AcpiCallModel(dir, "\\_SB_.PCI0.PEG0.PEGP", "model/acpi/PEGP-rom.bin");
  }

  private RomDump.Result dump(String bdf, String method) {
    return new RomDump(host, kernel).dump(bdf, RomDump.Method.parse(method));
  }

  @Test
  void acpiRomIsCalledInWindowsUntilTheChainEnds() throws Exception {
    RomDump.Result r = dump(GPU, "acpi");
    assertThat(r.ok()).as(r.attempts().toString()).isTrue();
    byte[] model = Files.readAllBytes(dir.resolve("model/acpi/PEGP-rom.bin"));
    assertThat(r.rom()).isEqualTo(model);
    assertThat(r.report().nvidia().version()).isEqualTo("86.07.3c.00.1f");
    assertThat(kernel.requests.get(0)).isEqualTo("\\_SB_.PCI0.PEG0.PEGP._ROM 0x0 0x1000");
    assertThat(kernel.requests.get(1)).isEqualTo("\\_SB_.PCI0.PEG0.PEGP._ROM 0x2a 0x1000");
    assertThat(kernel.requests).hasSize((model.length + 41) / 42);
    assertThat(r.source()).isEqualTo("\\_SB_.PCI0.PEG0.PEGP._ROM");
  }

  @Test
  void optimusRomBarReads0xffffAndIsAlwaysDisabledAgain() {
    RomDump.Result r = dump(GPU, "sysfs");
    assertThat(r.ok()).isFalse();
    RomDump.Attempt a = r.attempts().get(0);
    assertThat(a.message()).contains("0xffff", "Optimus", "system firmware");
    assertThat(a.hint()).contains("--method acpi", "--method nouveau");
    assertThat(kernel.writes).containsExactly(ROM_ATTR + "=1", ROM_ATTR + "=0\n");
  }

  @Test
  void anIoErrorStillWritesZeroBack() {
    RomDump.Result r = dump("0000:03:00.0", "sysfs");
    assertThat(r.ok()).isFalse();
    assertThat(r.attempts().get(0).message()).startsWith("reading failed").contains("I/O error");
    String attr = "/sys/bus/pci/devices/0000:03:00.0/rom";
    assertThat(kernel.writes).containsExactly(attr + "=1", attr + "=0\n");
  }

  @Test
  void aWorkingRomBarIsReadAndValidated() {
    RomDump.Result r = dump("0000:02:00.0", "sysfs");
    assertThat(r.ok()).isTrue();
    assertThat(r.method()).isEqualTo("sysfs");
    assertThat(r.report().images()).hasSize(2);
    assertThat(r.report().nvidia().version()).isEqualTo("86.04.7a.00.01");
  }

  @Test
  void aRomForAnotherDeviceIsRejected() {
    RomDump.Result r = dump("0000:04:00.0", "sysfs");
    assertThat(r.ok()).isFalse();
    assertThat(r.attempts().get(0).message())
        .contains("the ROM is for PCI device 10de:1c82, not 10de:1f08");
  }

  @Test
  void nouveauDebugfsOfTheBoundMinor() {
    RomDump.Result r = dump(GPU, "nouveau");
    assertThat(r.ok()).isTrue();
    assertThat(r.source()).isEqualTo("/sys/kernel/debug/dri/1/vbios.rom");
    RomDump.Result other = dump("0000:02:00.0", "nouveau");
    assertThat(other.attempts().get(0).message()).contains("nouveau is not bound", "vfio-pci");
  }

  @Test
  void allTriesInOrderAndStopsAtTheFirstGoodOne() {
    RomDump.Result r = dump(GPU, "all");
    assertThat(r.attempts())
        .extracting(RomDump.Attempt::method)
        .containsExactly("sysfs", "nouveau");
    assertThat(r.attempts()).extracting(RomDump.Attempt::ok).containsExactly(false, true);
    assertThat(kernel.requests).isEmpty();
  }

  @Test
  void withoutAcpiCallTheHintSaysHowToLoadIt() throws Exception {
    Files.delete(dir.resolve("proc/acpi/call"));
    RomDump.Result r = dump(GPU, "acpi");
    assertThat(r.attempts().get(0).message()).contains("acpi_call module is not loaded");
    assertThat(r.attempts().get(0).hint()).contains("modprobe acpi_call");
  }

  @Test
  void aWrongAcpiPathIsReported() throws Exception {
    kernel = new AcpiCallModel(dir, "\\_SB_.PCI0.RP01.PXSX", "model/acpi/PEGP-rom.bin");
    RomDump.Result r = dump(GPU, "acpi");
    assertThat(r.attempts().get(0).message()).contains("failed: Error: AE_NOT_FOUND");
  }

  @Test
  void theShortLspciFormNamesTheSameDevice() {
    RomDump.Result r = dump("01:00.0", "acpi");
    assertThat(r.ok()).as(r.attempts().toString()).isTrue();
    assertThat(r.rom()).isEqualTo(dump(GPU, "acpi").rom());
    assertThat(r.report().problems()).noneMatch(p -> p.severity() == Severity.ERROR);
  }

  @Test
  void aDevicePathThatIsNotAnAddressIsRefused() {
    assertThatThrownBy(() -> dump(GPU + "/../0000:01:00.0", "sysfs"))
        .isInstanceOf(MuxlessException.class)
        .hasMessageContaining("not a PCI address");
    assertThatThrownBy(() -> dump("..", "sysfs"))
        .isInstanceOf(MuxlessException.class)
        .hasMessageContaining("not a PCI address");
  }

  @Test
  void acpiCallResultTakesOnlyHexBytes() {
    String[] err = new String[1];
    assertThat(AcpiCallResult.bytes("{0x55, 0xaa, 0x1, 0xFf,}", err))
        .containsExactly(0x55, 0xaa, 0x01, 0xff);
    for (String bad : new String[] {"0x-1", "0x+f", "0x", "0x100", "55", "0xg1"}) {
      err[0] = null;
      assertThat(AcpiCallResult.bytes("{0x55, " + bad + "}", err)).as(bad).isNull();
      assertThat(err[0]).isEqualTo("unexpected token '" + bad + "' in acpi_call result");
    }
  }

  @Test
  void badDeviceAndMethodAreBadInput() {
    assertThatThrownBy(() -> dump("0000:09:00.0", "sysfs"))
        .isInstanceOf(MuxlessException.class)
        .hasMessageContaining("--device 0000:09:00.0: no such PCI device");
    assertThatThrownBy(() -> RomDump.Method.parse("bios"))
        .hasMessageContaining("--method bios: unknown method");
  }

  @Test
  void realKernelIoWritesAtOffsetZeroWithoutTruncating() throws Exception {
    Path f = tmp.resolve("attr");
    Files.writeString(f, "abcdef");
    KernelIo.writeAtZero(f, "0\n");
    assertThat(Files.readString(f)).isEqualTo("0\ncdef");
  }

  @Test
  void aFixtureRootsRomAttributeIsNeverOverwritten() throws Exception {
    Path f = tmp.resolve("rom");
    Files.write(f, new byte[] {0x55, (byte) 0xaa, 1, 2});
    KernelIo.of(HostRoot.of(tmp)).writeAttribute("/rom", "1");
    assertThat(Files.readAllBytes(f)).containsExactly(0x55, 0xaa, 1, 2);
  }

  @Test
  void acpiCallResultFormats() {
    String[] err = new String[1];
    assertThat(AcpiCallResult.bytes("{0x55, 0xaa, 0x10}\0", err)).containsExactly(0x55, 0xaa, 0x10);
    assertThat(AcpiCallResult.bytes("{0x55, 0xaa, ", err)).containsExactly(0x55, 0xaa);
    assertThat(AcpiCallResult.bytes("Error: AE_NOT_FOUND", err)).isNull();
    assertThat(err[0]).isEqualTo("Error: AE_NOT_FOUND");
    assertThat(AcpiCallResult.bytes("{0x555}", err)).isNull();
    assertThat(
            List.of(
                new String(
                    "not called".getBytes(StandardCharsets.US_ASCII), StandardCharsets.US_ASCII)))
        .allMatch(s -> AcpiCallResult.bytes(s, err) == null);
  }
}
