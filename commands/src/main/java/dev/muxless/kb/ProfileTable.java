package dev.muxless.kb;

import dev.muxless.acpi.AmlObject;
import dev.muxless.acpi.InspectedTable;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One {@code acpiTables} file of a VM profile as the acpi engine read it ({@link
 * dev.muxless.acpi.AmlReader#inspect}): the inspected table, or why it is not an ACPI table (the
 * engine's one-line error and hint).
 */
public record ProfileTable(Path file, InspectedTable table, String error, String hint) {

  public boolean readable() {
    return table != null;
  }

  /**
   * The first {@code _ROM} method the table defines, at any depth (ACPI 6.5 appendix B.3.3, Get ROM
   * Data).
   */
  public Optional<AmlObject> romMethod() {
    return method("_ROM");
  }

  /**
   * The first {@code _BIF} or {@code _BIX} method: what the NVIDIA driver's battery test walks the
   * devices for (nv_acpi_is_battery_present, see {@link dev.muxless.acpi.BatteryTable}).
   */
  public Optional<AmlObject> batteryMethod() {
    return method("_BIF").or(() -> method("_BIX"));
  }

  private Optional<AmlObject> method(String name) {
    if (table == null) {
      return Optional.empty();
    }
    return table.allObjects().stream()
        .filter(o -> o.kind().equals("Method") && o.path() != null)
        .filter(o -> o.path().endsWith("." + name) || o.path().equals("\\" + name))
        .findFirst();
  }
}
