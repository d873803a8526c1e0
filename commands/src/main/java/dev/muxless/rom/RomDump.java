package dev.muxless.rom;

import dev.muxless.core.MuxlessException;
import dev.muxless.host.HostRoot;
import dev.muxless.host.PciAddress;
import dev.muxless.host.PciBus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a GPU's VBIOS from the host, through the {@link HostRoot} seam, by three methods:
 *
 * <ul>
 *   <li>{@code sysfs}: the PCI {@code rom} attribute (write "1" to enable, read, always write "0"
 *       back, also on failure). On an Optimus laptop this usually fails: the ROM BAR reads 0xffff
 *       or gives an I/O error because the VBIOS lives in system firmware (known-problems.md B.11).
 *   <li>{@code nouveau}: {@code /sys/kernel/debug/dri/N/vbios.rom} of the DRM device bound to it.
 *   <li>{@code acpi}: the host firmware's {@code _ROM} method on the GPU's ACPI node (from {@code
 *       firmware_node/path}), called in 4 KiB windows through acpi_call's {@code /proc/acpi/call},
 *       as lion328/gpu-passthrough's dump_vbios_rom_acpi does; the chain walk says when to stop.
 * </ul>
 *
 * Each attempt is validated with {@link RomParser}; the first good one wins.
 */
public final class RomDump {
  /** A VBIOS is at most a few hundred KiB; nova-core walks at most 1 MiB. */
  static final int MAX_ROM = 1 << 20;

  static final int ACPI_WINDOW = 4096;

  private static final int MAX_READ = 32 << 20;

  /** Where to read from. */
  public enum Method {
    SYSFS,
    NOUVEAU,
    ACPI;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** "sysfs", "nouveau", "acpi" or "all" (every method, in that order). */
    public static List<Method> parse(String s) {
      if (s == null || s.equalsIgnoreCase("all")) {
        return List.of(values());
      }
      for (Method m : values()) {
        if (m.id().equalsIgnoreCase(s)) {
          return List.of(m);
        }
      }
      throw MuxlessException.badInput(
          "--method " + s + ": unknown method", "use sysfs, nouveau, acpi or all");
    }
  }

  /** What one method did. */
  public record Attempt(
      String method, String source, boolean ok, long bytes, String message, String hint) {}

  /**
   * The outcome: the ROM of the first attempt that validated (null when none did), its report and
   * every attempt in order.
   */
  public record Result(
      byte[] rom, String method, String source, RomReport report, List<Attempt> attempts) {
    public boolean ok() {
      return rom != null;
    }
  }

  private final HostRoot host;
  private final KernelIo io;

  public RomDump(HostRoot host, KernelIo io) {
    this.host = host;
    this.io = io;
  }

  public RomDump(HostRoot host) {
    this(host, KernelIo.of(host));
  }

  /** Dumps the ROM of the function at {@code given} ("0000:01:00.0" or lspci's "01:00.0"). */
  public Result dump(String given, List<Method> methods) {
    PciAddress addr = PciAddress.parse(given);
    String bdf = addr.toString();
    String dev = PciBus.dir(addr);
    if (!host.exists(dev)) {
      throw MuxlessException.badInput(
          "--device " + given + ": no such PCI device under " + host.label(),
          "'host gpus' lists the GPUs (0000:01:00.0, or 01:00.0 in domain 0)");
    }
    // null (no expectation) when sysfs has no usable ID, as RomParser.parse takes it
    String vendor = PciBus.hex(host.read(dev + "/vendor").orElse(null), 4).orElse(null);
    String device = PciBus.hex(host.read(dev + "/device").orElse(null), 4).orElse(null);
    List<Attempt> attempts = new ArrayList<>();
    for (Method m : methods) {
      Read r =
          switch (m) {
            case SYSFS -> sysfs(dev);
            case NOUVEAU -> nouveau(bdf, dev);
            case ACPI -> acpi(dev);
          };
      if (r.bytes == null) {
        attempts.add(new Attempt(m.id(), r.source, false, 0, r.message, r.hint));
        continue;
      }
      RomReport rep = RomParser.parse(r.bytes, r.source, vendor, device);
      String bad = verdict(r.bytes, rep, m);
      if (bad != null) {
        attempts.add(new Attempt(m.id(), r.source, false, r.bytes.length, bad, next(m)));
        continue;
      }
      attempts.add(
          new Attempt(
              m.id(),
              r.source,
              true,
              r.bytes.length,
              String.format("read 0x%x bytes, %d images", r.bytes.length, rep.images().size()),
              null));
      return new Result(r.bytes, m.id(), r.source, rep, List.copyOf(attempts));
    }
    return new Result(null, null, null, null, List.copyOf(attempts));
  }

  private record Read(byte[] bytes, String source, String message, String hint) {
    static Read fail(String source, String message, String hint) {
      return new Read(null, source, message, hint);
    }
  }

  /** Why what was read is not usable, or null when it is. */
  private static String verdict(byte[] b, RomReport rep, Method m) {
    if (b.length == 0) {
      return "read 0 bytes";
    }
    if (b.length >= 2 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xff) {
      return "read 0xffff instead of 55 AA: "
          + (m == Method.SYSFS
              ? "the ROM BAR is empty, as on most Optimus laptops whose VBIOS lives in system"
                  + " firmware"
              : "no ROM there");
    }
    if (rep.romStart() < 0) {
      return "what was read is not a ROM: " + lastMessage(rep);
    }
    for (RomProblem p : rep.problems()) {
      if (p.severity() == Severity.ERROR) {
        return String.format("the ROM read is broken at 0x%x: %s", p.offset(), p.message());
      }
    }
    return null;
  }

  private static String lastMessage(RomReport r) {
    return r.problems().isEmpty()
        ? "no image"
        : r.problems().get(r.problems().size() - 1).message();
  }

  private static String next(Method m) {
    return switch (m) {
      case SYSFS ->
          "an Optimus GPU's ROM BAR is usually empty: try --method nouveau (nouveau bound) or"
              + " --method acpi (acpi_call loaded)";
      case NOUVEAU -> "try --method acpi (needs the acpi_call module)";
      case ACPI ->
          "take the VBIOS from a firmware update ('rom extract') or from the Windows registry";
    };
  }

  private Read sysfs(String dev) {
    String rom = dev + "/rom";
    if (!host.exists(rom)) {
      return Read.fail(rom, "no rom attribute: the device has no ROM BAR", next(Method.SYSFS));
    }
    byte[] bytes = null;
    IOException readError = null;
    IOException disableError = null;
    try {
      io.writeAttribute(rom, "1");
      bytes = readFile(rom, MAX_READ);
    } catch (IOException e) {
      readError = e;
    } finally {
      // pci_write_rom: only "0\n" at offset 0 disables; always put the BAR back, also on failure.
      try {
        io.writeAttribute(rom, "0\n");
      } catch (IOException e) {
        disableError = e;
      }
    }
    String note =
        disableError == null
            ? ""
            : "; could not disable the ROM BAR again (" + message(disableError) + ")";
    if (readError instanceof AccessDeniedException) {
      return Read.fail(
          rom, "permission denied: reading the ROM needs root" + note, "run as root (sudo)");
    }
    if (readError != null) {
      return Read.fail(
          rom,
          "reading failed ("
              + message(readError)
              + "): on an Optimus laptop the ROM BAR gives an I/O error (dmesg: \"Invalid PCI ROM"
              + " header signature: expecting 0xaa55, got 0xffff\") because the VBIOS lives in"
              + " system firmware"
              + note,
          next(Method.SYSFS));
    }
    return new Read(bytes, rom, null, null);
  }

  private Read nouveau(String bdf, String dev) {
    String dri = "/sys/kernel/debug/dri";
    List<String> minors = host.list(dri);
    if (minors.isEmpty()) {
      return Read.fail(
          dri,
          "debugfs is not mounted or not readable",
          "as root: mount -t debugfs none /sys/kernel/debug, with nouveau bound to the GPU");
    }
    for (String n : minors) {
      String name = host.read(dri + "/" + n + "/name").orElse("");
      if (name.contains("dev=" + bdf) || name.contains("unique=" + bdf)) {
        String file = dri + "/" + n + "/vbios.rom";
        if (!host.exists(file)) {
          return Read.fail(
              file, "DRM device " + n + " has no vbios.rom (not nouveau?)", next(Method.NOUVEAU));
        }
        try {
          return new Read(readFile(file, MAX_READ), file, null, null);
        } catch (IOException e) {
          return Read.fail(file, "reading failed (" + message(e) + ")", next(Method.NOUVEAU));
        }
      }
    }
    String driver = host.linkName(dev + "/driver").orElse("none");
    return Read.fail(
        dri,
        "no DRM device for "
            + bdf
            + " in debugfs: nouveau is not bound to it (driver: "
            + driver
            + ")",
        "bind nouveau to the GPU, or try --method acpi");
  }

  private Read acpi(String dev) {
    String path = host.read(dev + "/firmware_node/path").orElse("");
    if (path.isEmpty()) {
      return Read.fail(
          dev + "/firmware_node/path",
          "the GPU has no ACPI companion (no firmware_node/path), so there is no _ROM to call",
          next(Method.ACPI));
    }
    if (!host.exists(KernelIo.ACPI_CALL)) {
      return Read.fail(
          KernelIo.ACPI_CALL,
          "the acpi_call module is not loaded (" + KernelIo.ACPI_CALL + " is missing)",
          "install acpi-call-dkms and run 'modprobe acpi_call' as root, then retry");
    }
    String method = path + "._ROM";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    // The chain is walked again only when the bytes reach the end of its last image (where the
    // previous walk stopped for want of data) or cross a 4 KiB boundary, not after every small
    // window: walking and copying per 42-byte chunk is quadratic in the ROM size.
    long walkAt = 0;
    // each pass adds at least one byte (an empty chunk ends the loop), so MAX_ROM bounds the calls
    while (out.size() < MAX_ROM) {
      int off = out.size();
      String request = String.format("%s 0x%x 0x%x", method, off, ACPI_WINDOW);
      String result;
      try {
        result = io.acpiCall(request);
      } catch (AccessDeniedException e) {
        return Read.fail(
            KernelIo.ACPI_CALL, "permission denied: acpi_call needs root", "run as root");
      } catch (IOException e) {
        return Read.fail(
            KernelIo.ACPI_CALL, "acpi_call failed (" + message(e) + ")", next(Method.ACPI));
      }
      String[] err = new String[1];
      byte[] chunk = AcpiCallResult.bytes(result, err);
      if (chunk == null) {
        if (off == 0) {
          return Read.fail(method, "calling " + method + " failed: " + err[0], next(Method.ACPI));
        }
        break;
      }
      if (chunk.length == 0) {
        break;
      }
      out.writeBytes(chunk);
      int size = out.size();
      if (off < 2 && size >= 2) {
        byte[] head = out.toByteArray();
        if ((head[0] & 0xff) != 0x55 || (head[1] & 0xff) != 0xAA) {
          break;
        }
      }
      if (size < walkAt && off / 4096 == size / 4096) {
        continue;
      }
      byte[] buf = out.toByteArray();
      ImageChain chain = ImageChain.walk(buf, 0, new ArrayList<>());
      if (chain.complete()) {
        return new Read(java.util.Arrays.copyOf(buf, (int) chain.end()), method, null, null);
      }
      long lastEnd =
          chain.images().isEmpty() ? 0 : chain.images().get(chain.images().size() - 1).end();
      // the last image is cut off: wait for its end; else the next image's header (and PCIR) is
      // missing or broken: look again a block later (and at each 4 KiB boundary)
      walkAt = lastEnd > size ? lastEnd : size + RomParser.BLOCK;
    }
    return new Read(out.toByteArray(), method, null, null);
  }

  private byte[] readFile(String hostPath, int max) throws IOException {
    try (InputStream in = Files.newInputStream(host.path(hostPath))) {
      return in.readNBytes(max);
    }
  }

  private static String message(IOException e) {
    String m = e.getMessage();
    if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
      m = f.getReason();
    }
    return m == null ? e.getClass().getSimpleName() : m;
  }
}
