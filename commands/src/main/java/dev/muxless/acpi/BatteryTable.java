package dev.muxless.acpi;

import static dev.muxless.acpi.AmlBuilder.*;

import java.util.List;

/**
 * A fake Control Method Battery (ACPI 6.5 section 10.2) for NVIDIA mobile drivers that refuse to
 * run in a guest without one. The driver's check, {@code nv_acpi_is_battery_present()}
 * (open-gpu-kernel-modules kernel-open/nvidia/nv-acpi.c:1384), walks the devices for {@code _BIX}
 * or {@code _BIF} and needs the battery technology element ({@code _BIX[4]}, {@code _BIF[3]}) to be
 * 1, rechargeable (acpi-rom.md 1.1). Same values as the community SSDT in ../shared/acpi, but at
 * {@code \_SB.BAT0}, so it does not depend on QEMU naming its host bridge {@code PCI0}.
 *
 * <p>Only {@code _BIF}: the driver accepts either, and iasl 20200925 rejects every {@code _BIX}
 * layout we tried (16 integers + 4 strings, with and without the revision-1 swapping element), so a
 * {@code _BIX} would break the ASL twin.
 */
public final class BatteryTable {
  /** The battery's ACPI path. */
  public static final String PATH = "\\_SB.BAT0";

  /** EisaId ("PNP0C0A"): Control Method Battery. */
  static final long PNP0C0A = 0x0A0CD041L;

  /** _STA: present, enabled, shown, functioning, battery present (bits 0-4). */
  public static final int STA_PRESENT = 0x1F;

  /** Battery technology 1 = rechargeable: the element the driver checks. */
  public static final int RECHARGEABLE = 1;

  static final int POWER_UNIT_MA = 1;
  static final int DESIGN_CAPACITY = 0x1770; // 6000 mAh
  static final int DESIGN_VOLTAGE = 0x39D0; // 14800 mV

  private BatteryTable() {}

  public static DefinitionBlock build() {
    Aml bif =
        pkg(
            integer(POWER_UNIT_MA),
            integer(DESIGN_CAPACITY),
            integer(DESIGN_CAPACITY), // last full charge capacity
            integer(RECHARGEABLE), // _BIF[3] battery technology
            integer(DESIGN_VOLTAGE),
            integer(0x0258), // design capacity of warning
            integer(0x012C), // design capacity of low
            integer(0x3C), // granularity 1
            integer(0x3C), // granularity 2
            string("muxless"),
            string("0001"),
            string("LION"),
            string("muxless"));
    Aml bst = pkg(integer(0), integer(0), integer(DESIGN_CAPACITY), integer(DESIGN_VOLTAGE));
    Aml battery =
        device(
            PATH,
            List.of(
                name("_HID", integer(PNP0C0A)),
                name("_UID", integer(0)),
                method("_STA", 0, false, List.of(ret(integer(STA_PRESENT)))),
                method("_BIF", 0, false, List.of(ret(bif))),
                method("_BST", 0, false, List.of(ret(bst)))));
    return DefinitionBlock.ssdt(RomTableGenerator.DEFAULT_OEM_ID, "BATTERY", List.of(battery));
  }
}
