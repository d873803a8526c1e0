package dev.muxless.firmware;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.muxless.rom.RomImage;
import dev.muxless.rom.RomParser;
import dev.muxless.rom.RomReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** The real ROMs in ../shared/roms, and what a ROM put into firmware must come back as. */
final class SharedRoms {
  private SharedRoms() {}

  static Path dir(String sub) {
    Path d = dev.muxless.rom.SharedRoms.root().resolve("roms").resolve(sub);
    assumeTrue(Files.isDirectory(d), "../shared not present: " + d + " missing");
    return d;
  }

  static List<Path> nvidia() {
    Path d = dev.muxless.rom.SharedRoms.root().resolve("roms").resolve("nvidia");
    if (!Files.isDirectory(d)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(d)) {
      return s.sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  /**
   * The chain the rom engine finds in the bare file (the first one), cut out byte for byte: the
   * extractor must return exactly these bytes from inside any container.
   */
  static byte[] expectedChain(byte[] rom, String name) {
    List<RomReport> found = RomParser.scan(rom, name, Walk.LEAF_ALIGNMENT);
    if (found.isEmpty()) {
      throw new AssertionError(name + ": the rom engine finds no ROM in the bare file");
    }
    RomReport r = found.get(0);
    long end = r.romStart();
    for (RomImage i : r.images()) {
      end = Math.max(end, i.offset() + i.length());
    }
    return Arrays.copyOfRange(rom, r.romStart(), (int) Math.min(end, rom.length));
  }

  /** Vendor and device of the first image, read straight from its PCIR (PCI Firmware spec 3.0). */
  static String ids(byte[] chain) {
    int pcir = Le.u16(chain, 0x18);
    return String.format("%04x:%04x", Le.u16(chain, pcir + 4), Le.u16(chain, pcir + 6));
  }
}
