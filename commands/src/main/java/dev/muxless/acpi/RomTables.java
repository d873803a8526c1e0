package dev.muxless.acpi;

import dev.muxless.qemu.QemuArgs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The result of {@link RomTableGenerator#generate}: the tables in load order, where they put {@code
 * _ROM}, and (fw-cfg mode) the fw_cfg file name the guest reads.
 */
public record RomTables(
    RomTableMode mode,
    AcpiPath path,
    int romLength,
    int stride,
    List<GeneratedTable> tables,
    String fwCfgName) {

  public RomTables {
    tables = List.copyOf(tables);
  }

  public long totalBytes() {
    return tables.stream().mapToLong(GeneratedTable::size).sum();
  }

  /**
   * The QEMU arguments that load these tables from {@code dir}, in order, and in fw-cfg mode the
   * {@code -fw_cfg} that supplies {@code romFile}.
   */
  public List<String> qemuArgs(Path dir, Path romFile) {
    List<String> out = new ArrayList<>();
    for (GeneratedTable t : tables) {
      out.add("-acpitable");
      out.add("file=" + QemuArgs.opt(dir.resolve(t.fileName()).toString()));
    }
    if (fwCfgName != null) {
      out.add("-fw_cfg");
      out.add("name=" + QemuArgs.opt(fwCfgName) + ",file=" + QemuArgs.opt(romFile.toString()));
    }
    return out;
  }
}
