package dev.muxless.acpi;

import dev.muxless.core.MuxlessException;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the GPU's ACPI node is in the guest. QEMU q35 names a PCI function {@code S} + two
 * upper-case hex digits of devfn (= slot * 8 + function) and gives it {@code _ADR = slot << 16 |
 * function} (QEMU 7.2 hw/i386/acpi-build.c {@code build_append_pci_bus_devices}; acpi-rom.md 3.1),
 * under the host bridge {@code \_SB.PCI0}. A GPU at function 0 behind a root port at slot {@code s}
 * is therefore {@code \_SB.PCI0.S<hex(s*8)>.S00}.
 */
public record AcpiPath(String path) {
  /** muxless's default guest topology: root port at 00:01.0, GPU at 01:00.0. */
  public static final AcpiPath DEFAULT = ofRootPort(1, 0);

  private static final Pattern QEMU_SEG = Pattern.compile("S([0-9A-F]{2})_?");
  private static final Pattern SLOT = Pattern.compile("(?i)(?:0x)?([0-9a-f]{1,2})(?:\\.([0-7]))?");
  private static final List<String> ROOT_SCOPES =
      List.of("_SB", "_SB_", "_GPE", "_PR", "_PR_", "_TZ", "_TZ_", "_SI", "_SI_");

  public AcpiPath {
    if (!path.startsWith("\\") || path.length() < 2) {
      throw MuxlessException.badInput(
          "--path " + path + ": an ACPI path must be absolute (start with \\)",
          "for example --path '\\_SB.PCI0.S08.S00'");
    }
    try {
      AmlEncoding.nameString(path);
    } catch (AmlException e) {
      throw MuxlessException.badInput(
          "--path " + path + ": " + e.getMessage(),
          "use upper-case ACPI names such as \\_SB.PCI0.S08.S00");
    }
  }

  /** The GPU at function 0 behind a root port at {@code 00:slot.function}. */
  public static AcpiPath ofRootPort(int slot, int function) {
    if (slot < 1 || slot > 31 || function < 0 || function > 7) {
      throw MuxlessException.badInput(
          "--root-port "
              + Integer.toHexString(slot)
              + "."
              + function
              + ": slot must be 01..1f and function 0..7",
          "give the root port's guest slot in hex as QEMU's addr= does, e.g. --root-port 1c");
    }
    return new AcpiPath(String.format("\\_SB.PCI0.S%02X.S00", slot * 8 + function));
  }

  /**
   * Parses {@code --root-port}: a slot in hex as QEMU's {@code addr=} and lspci write it ({@code
   * 1c}, {@code 0x2}, {@code 1c.1}).
   */
  public static AcpiPath parseRootPort(String text) {
    Matcher m = SLOT.matcher(text.trim());
    if (!m.matches()) {
      throw MuxlessException.badInput(
          "--root-port " + text + ": not a PCI slot",
          "give the slot in hex, optionally with a function: 1, 2, 1c, 0x1c, 1c.1");
    }
    int slot = Integer.parseInt(m.group(1), 16);
    int fn = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
    return ofRootPort(slot, fn);
  }

  /** The path's segments without the leading backslash. */
  public List<String> segments() {
    return Arrays.asList(path.substring(1).split("\\."));
  }

  /** The path of the first {@code n} segments. */
  public String prefix(int n) {
    return "\\" + String.join(".", segments().subList(0, n));
  }

  /**
   * True when segment {@code i} is a predefined root scope that always exists (\_SB, \_GPE, ...).
   */
  boolean isPredefinedRoot(int i) {
    return i == 0 && ROOT_SCOPES.contains(segments().get(0));
  }

  /** The {@code _ADR} QEMU gives a node named {@code Sxx}, or -1 for other names. */
  static long qemuAddress(String seg) {
    Matcher m = QEMU_SEG.matcher(seg);
    if (!m.matches()) {
      return -1;
    }
    int devfn = Integer.parseInt(m.group(1), 16);
    return ((long) (devfn >> 3) << 16) | (devfn & 7);
  }

  @Override
  public String toString() {
    return path;
  }
}
