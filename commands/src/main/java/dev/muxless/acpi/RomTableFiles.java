package dev.muxless.acpi;

import dev.muxless.core.AtomicFiles;
import dev.muxless.core.InputFiles;
import dev.muxless.core.MuxlessException;
import dev.muxless.rom.RomStrip;
import dev.muxless.rom.StrippedRom;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code acpi rom-table} does, without printing: read a VBIOS, strip a firmware prefix as
 * {@code rom strip} does (so the tables serve exactly the bytes {@code rom strip} writes), generate
 * the tables, and write them (and their ASL twins, and in fw-cfg mode the stripped ROM the guest
 * reads) atomically into a directory. The input is never modified.
 */
public final class RomTableFiles {
  /** The stripped ROM written next to an fw-cfg table, for {@code -fw_cfg ...,file=}. */
  public static final String FW_CFG_ROM_FILE = "vbios-fwcfg.rom";

  /** The largest input read: as 'rom' commands, larger than any option ROM or flash image. */
  static final long MAX_ROM_FILE = 64L << 20;

  private RomTableFiles() {}

  /** One file written. */
  public record WrittenFile(String path, long bytes, String kind) {}

  /** The report {@code acpi rom-table} prints (and writes as JSON). */
  public record Report(
      String rom,
      long romFileBytes,
      int romBytes,
      List<String> stripped,
      String mode,
      String acpiPath,
      List<WrittenFile> files,
      long totalTableBytes,
      int tables,
      List<String> qemuArgs,
      List<String> staleFiles) {}

  public static Report write(
      Path romFile, Path outDir, RomTableGenerator.Options options, boolean asl) {
    byte[] data = read(romFile);
    StrippedRom stripped = RomStrip.strip(data, romFile.toString());
    RomTables tables = RomTableGenerator.generate(stripped.bytes(), options);
    List<WrittenFile> written = new ArrayList<>();
    for (GeneratedTable t : tables.tables()) {
      Path f = outDir.resolve(t.fileName());
      refuseInput(romFile, f);
      AtomicFiles.write(f, t.aml());
      written.add(new WrittenFile(f.toString(), t.size(), "table"));
      if (asl) {
        Path a = outDir.resolve(t.aslFileName());
        refuseInput(romFile, a);
        String text = t.asl();
        AtomicFiles.writeString(a, text);
        written.add(new WrittenFile(a.toString(), text.length(), "asl"));
      }
    }
    Path romOut = outDir.resolve(FW_CFG_ROM_FILE);
    if (tables.mode() == RomTableMode.FW_CFG) {
      refuseInput(romFile, romOut);
      AtomicFiles.write(romOut, stripped.bytes());
      written.add(new WrittenFile(romOut.toString(), stripped.bytes().length, "rom"));
    }
    List<String> args = tables.qemuArgs(outDir, romOut);
    List<String> stale = stale(outDir, tables);
    return new Report(
        romFile.toString(),
        data.length,
        stripped.bytes().length,
        stripped.removed(),
        tables.mode().spelling(),
        tables.path().path(),
        written,
        tables.totalBytes(),
        tables.tables().size(),
        args,
        stale);
  }

  /**
   * Tables of an earlier, larger set still in the directory (ssdt-vbios-NN.aml beyond this set).
   * They are not deleted (they are the user's files), only reported: loading them as well would add
   * unused chunks.
   */
  static List<String> stale(Path outDir, RomTables tables) {
    List<String> names = tables.tables().stream().map(GeneratedTable::fileName).toList();
    List<String> out = new ArrayList<>();
    try (var s = Files.list(outDir)) {
      s.map(p -> p.getFileName().toString())
          .filter(n -> n.matches("ssdt-vbios-(\\d{2}|fwcfg)\\.aml") && !names.contains(n))
          .sorted()
          .forEach(n -> out.add(outDir.resolve(n).toString()));
    } catch (IOException e) {
      // the directory was just written; a listing failure only loses the warning
    }
    return out;
  }

  static byte[] read(Path f) {
    return InputFiles.read(f, MAX_ROM_FILE, "ROM file");
  }

  private static void refuseInput(Path input, Path output) {
    if (AtomicFiles.sameFile(input, output)) {
      throw MuxlessException.badInput(
          output + ": would overwrite the input ROM", "choose another --out-dir");
    }
  }
}
