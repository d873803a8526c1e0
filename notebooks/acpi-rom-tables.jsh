// Tutorial: generate the ACPI _ROM tables that hand a VBIOS to the NVIDIA driver in a guest.
// Run:   ./muxless notebook run notebooks/acpi-rom-tables.jsh --param rom=path/to/gpu.rom
// Uses:  dev.muxless.rom (RomStrip) and dev.muxless.acpi (RomTableGenerator, AmlReader), then iasl.
// requires: dev.muxless.rom.RomStrip, dev.muxless.acpi.RomTableGenerator, dev.muxless.acpi.AmlReader

// %% [markdown]
// # Generate the `_ROM` tables for a ROM
//
// On a muxless laptop the NVIDIA driver does not read the VBIOS from the card: it calls the ACPI
// method `_ROM(offset, length)` on the GPU's ACPI node and expects at most 4 KiB per call,
// zero-padded (NVIDIA's `nv-acpi.c`). In a VM that method has to come from an SSDT passed to
// QEMU with `-acpitable`, and QEMU takes at most 64 KiB per table, so a VBIOS is split over
// several tables.

// %% The ROM, stripped
// muxless imports the toolkit already; plain jshell needs the imports
import dev.muxless.rom.*;
import dev.muxless.acpi.*;
import dev.muxless.notebook.Param;
Path romFile = Path.of(Param.get("rom", "gpu.rom"));
var stripped = RomStrip.strip(Files.readAllBytes(romFile), romFile.getFileName().toString());
System.out.println(stripped.bytes().length + " bytes of option ROM");

// %% Build the tables
// The GPU's node in the guest: muxless's default topology puts a PCIe root port at 00:01.0 and the
// GPU at 01:00.0 behind it, which QEMU names \_SB.PCI0.S08.S00 (AcpiPath.DEFAULT).
var tables = RomTableGenerator.generate(stripped.bytes(),
    RomTableGenerator.Options.embedded(AcpiPath.DEFAULT));
for (var t : tables.tables()) {
  System.out.println(t.fileName() + "  " + t.size() + " bytes");
}
System.out.println(tables.totalBytes() + " bytes in all, _ROM at " + tables.path());
tables.tables().size()

// %% [markdown]
// ## Inspect them
//
// Every table must stay under QEMU's 64 KiB limit and start with a valid ACPI header: the
// signature `SSDT`, its length at offset 4 and a checksum that makes all its bytes sum to 0.
// `AmlReader` is what `acpi inspect` uses.

// %% Check headers
for (var t : tables.tables()) {
  var h = AmlReader.readHeader(t.aml(), t.fileName());
  System.out.printf("%s sig=%s length=%d checksum %s%n", t.fileName(), h.signature(), h.length(),
      h.checksumValid() ? "ok" : "BAD");
}
tables.tables().stream().allMatch(t -> t.size() <= 65535)

// %% [markdown]
// ## The readable twin
//
// Every generated table also exists as ASL source (`acpi rom-table --asl`), which `iasl` compiles
// to the same bytes. The `_ROM` method clamps the length to 4 KiB and zero-fills past the end.

// %% The _ROM method's ASL
tables.tables().get(0).asl().lines().filter(l -> l.contains("Method") || l.contains("_ROM")).limit(6).forEach(System.out::println);

// %% [markdown]
// ## Disassemble with iasl
//
// `iasl -d` turns AML back into ASL, which shows the `_ROM` method as the guest's ACPI
// interpreter will see it. The cell skips this when iasl is not installed.

// %% Disassemble the first table
Path dir = Files.createTempDirectory("rom-tables");
Path aml = dir.resolve("rom0.aml");
Files.write(aml, tables.tables().get(0).aml());
boolean haveIasl = Files.isExecutable(Path.of("/usr/bin/iasl"));
if (haveIasl) {
  Process p = new ProcessBuilder("iasl", "-d", aml.toString()).directory(dir.toFile()).redirectErrorStream(true).start();
  p.getInputStream().readAllBytes();
  p.waitFor();
  Files.readString(dir.resolve("rom0.dsl")).lines().filter(l -> l.contains("_ROM") || l.contains("Method")).limit(10).forEach(System.out::println);
} else {
  System.out.println("iasl is not installed: apt install acpica-tools");
}
