// Tutorial: generate the ACPI _ROM tables that hand a VBIOS to the NVIDIA driver in a guest.
// Run:   ./muxless notebook run notebooks/acpi-rom-tables.jsh --param rom=path/to/gpu.rom
// Uses:  dev.muxless.rom (RomStrip) and dev.muxless.acpi (the _ROM table builder), then iasl.
// MERGE: the cells marked MERGE guess the acpi engine's API (class RomTables); the lead
//        adjusts those calls and the requires line below to the merged dev.muxless.acpi.
// requires: dev.muxless.rom.RomStrip, dev.muxless.acpi.RomTables

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
// MERGE: adjust to the acpi engine: one call that returns the AML tables for a ROM and the
// GPU's ACPI path in the guest (a root port at 00:01.0 with the GPU at 00.0 behind it).
var tables = RomTables.build(stripped.bytes(), "\\_SB.PCI0.PEG0.PEGP");
for (var t : tables) {
  System.out.println(t.name() + "  " + t.aml().length + " bytes");
}
tables.size()

// %% [markdown]
// ## Inspect them
//
// Every table must stay under QEMU's 64 KiB limit and start with a valid ACPI header: the
// signature `SSDT`, its length at offset 4 and a checksum that makes all its bytes sum to 0.

// %% Check headers
for (var t : tables) {
  byte[] a = t.aml();
  int len = (a[4] & 0xff) | (a[5] & 0xff) << 8 | (a[6] & 0xff) << 16 | (a[7] & 0xff) << 24;
  int sum = 0;
  for (byte b : a) sum += b & 0xff;
  System.out.printf("%s sig=%s length=%d (file %d) checksum %s%n", t.name(),
      new String(a, 0, 4, java.nio.charset.StandardCharsets.US_ASCII), len, a.length,
      (sum & 0xff) == 0 ? "ok" : "BAD");
}

// %% [markdown]
// ## Disassemble with iasl
//
// `iasl -d` turns AML back into ASL, which shows the `_ROM` method as the guest's ACPI
// interpreter will see it. The cell skips this when iasl is not installed.

// %% Disassemble the first table
Path dir = Files.createTempDirectory("rom-tables");
Path aml = dir.resolve("rom0.aml");
Files.write(aml, tables.get(0).aml());
boolean haveIasl = Files.isExecutable(Path.of("/usr/bin/iasl"));
if (haveIasl) {
  Process p = new ProcessBuilder("iasl", "-d", aml.toString()).directory(dir.toFile()).redirectErrorStream(true).start();
  p.getInputStream().readAllBytes();
  p.waitFor();
  Files.readString(dir.resolve("rom0.dsl")).lines().filter(l -> l.contains("_ROM") || l.contains("Method")).limit(10).forEach(System.out::println);
} else {
  System.out.println("iasl is not installed: apt install acpica-tools");
}
