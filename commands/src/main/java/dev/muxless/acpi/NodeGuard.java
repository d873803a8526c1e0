package dev.muxless.acpi;

import static dev.muxless.acpi.AmlBuilder.*;

import java.util.ArrayList;
import java.util.List;

/**
 * Makes the GPU's node exist whether or not QEMU's DSDT declares it: QEMU 7.2 omits the node behind
 * a root port when bridge hotplug is off, and defining a second Device with the same _ADR next to
 * QEMU's is silently ignored by Linux (acpi-rom.md 3.2, 3.3 runs A, E, N/O). So every node on the
 * path is declared only {@code If (LNot (CondRefOf (node)))}, outermost first, with the {@code
 * _ADR} QEMU would give it. iasl needs an {@code External} for each ("Illegal forward reference"
 * otherwise, acpi-rom.md 3.3).
 */
final class NodeGuard {
  /** EisaId ("PNP0A08"): PCI Express root bridge, what QEMU's \_SB.PCI0 declares. */
  static final long PNP0A08 = 0x080AD041L;

  private NodeGuard() {}

  /** Index of the first segment that may be missing (predefined root scopes always exist). */
  private static int first(AcpiPath p) {
    return p.isPredefinedRoot(0) ? 2 : 1;
  }

  static List<Aml> externals(AcpiPath p) {
    List<Aml> out = new ArrayList<>();
    for (int n = first(p); n <= p.segments().size(); n++) {
      out.add(external(p.prefix(n), EXT_DEVICE));
    }
    return out;
  }

  static List<Aml> guards(AcpiPath p) {
    List<Aml> out = new ArrayList<>();
    List<String> segs = p.segments();
    for (int n = first(p); n <= segs.size(); n++) {
      String seg = segs.get(n - 1);
      String parent = n == 1 ? "\\" : p.prefix(n - 1);
      List<Aml> body = new ArrayList<>();
      long adr = AcpiPath.qemuAddress(seg);
      if (n == 2 && p.isPredefinedRoot(0) && seg.startsWith("PCI")) {
        body.add(name("_HID", integer(PNP0A08))); // _HID alone: iasl warns on _HID with _ADR
      } else if (adr >= 0) {
        body.add(name("_ADR", integer(adr)));
      }
      out.add(
          ifThen(lnot(condRefOf(p.prefix(n))), List.of(scope(parent, List.of(device(seg, body))))));
    }
    return out;
  }
}
