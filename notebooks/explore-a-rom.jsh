// Tutorial: explore a GPU option ROM (VBIOS) with the rom engine.
// Run:   ./muxless notebook run notebooks/explore-a-rom.jsh --param rom=path/to/gpu.rom
// Uses:  dev.muxless.rom (RomParser, RomStrip) and plain byte arithmetic for the hexdump.
// requires: dev.muxless.rom.RomParser, dev.muxless.rom.RomStrip, dev.muxless.rom.RomHexdump

// %% [markdown]
// # Explore a ROM
//
// A GPU's option ROM is a chain of *images*: a legacy x86 image, often an EFI image, and on
// NVIDIA cards private images after them. Each image starts with `55 AA` and points at a
// **PCIR** structure naming the vendor, device, class and code type. NVIDIA VBIOSes also carry a
// **BIT** (BIOS Information Table) that holds the version string `nvflash` shows.
//
// Give the file with `--param rom=FILE` (a dump from `/sys/bus/pci/devices/*/rom`, `nvflash`,
// or one extracted from a BIOS update).

// %% Read the file
// muxless imports the toolkit already; plain jshell needs the imports
import dev.muxless.rom.*;
import dev.muxless.notebook.Param;
Path romFile = Path.of(Param.get("rom", "gpu.rom"));
byte[] data = Files.readAllBytes(romFile);
System.out.println(romFile.getFileName() + ": " + data.length + " bytes");

// %% Parse it
var report = RomParser.parse(data, romFile.getFileName().toString());
System.out.printf("ROM starts at 0x%x, %d image(s), %d problem(s)%n",
    report.romStart(), report.images().size(), report.problems().size());
report.problems().forEach(p -> System.out.printf("  %s at 0x%x: %s%n", p.severity(), p.offset(), p.message()));

// %% [markdown]
// ## The images
//
// Code type 0 is x86 (legacy BIOS), 3 is EFI, 0x70 and 0xE0 are NVIDIA's own. The class code
// says what the device is: `030000` a VGA controller, `030200` a 3D controller, which is what a
// muxless laptop GPU looks like.

// %% The images
for (var img : report.images()) {
  System.out.printf("0x%06x  %7d bytes  type 0x%02x  %s:%s  class %s%s%n",
      img.offset(), img.length(), img.codeType(), img.vendorId(), img.deviceId(),
      img.classCode(), img.last() ? "  (last)" : "");
}
report.images().size()

// %% [markdown]
// ## The BIT version
//
// For an NVIDIA VBIOS, `nvidia()` holds what the BIT says: the version (`86.07.3c.00.1f` style)
// and whether it is a mobile part.

// %% NVIDIA details
var nv = report.nvidia();
nv == null ? "not an NVIDIA VBIOS" : nv.version() + (nv.mobile() ? " (mobile)" : "")

// %% [markdown]
// ## Hexdump a structure
//
// The PCIR of the first image sits at the 16-bit little-endian pointer at offset `0x18` of the
// image. `RomHexdump` prints the bytes with each structure and field named alongside, the same
// view as `rom hexdump FILE --offset N --length N`.

// %% Hexdump the first image's header and PCIR
int start = Math.max(0, report.romStart());
int pcir = start + ((data[start + 0x18] & 0xff) | (data[start + 0x19] & 0xff) << 8);
System.out.print(RomHexdump.render(data, report, start, 0x20));
System.out.print(RomHexdump.render(data, report, pcir, 0x18));
new String(data, pcir, 4, java.nio.charset.StandardCharsets.US_ASCII)

// %% [markdown]
// ## Strip it for QEMU
//
// `romfile=` wants the PCI expansion ROM alone: `RomStrip` drops a firmware prefix (NVIDIA's
// `NVGI` header) and trailing padding, and says what it removed.

// %% Strip
var stripped = RomStrip.strip(data, romFile.getFileName().toString());
System.out.printf("kept 0x%x..0x%x (%d bytes)%n", stripped.start(), stripped.end(), stripped.bytes().length);
stripped.removed().forEach(r -> System.out.println("removed: " + r));
stripped.bytes()[0] == (byte) 0x55 && stripped.bytes()[1] == (byte) 0xAA
