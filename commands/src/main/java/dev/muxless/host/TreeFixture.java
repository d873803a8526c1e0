package dev.muxless.host;

import dev.muxless.core.MuxlessException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A host tree written as text, materialised into a directory that a {@link HostRoot} can point at.
 * Real sysfs is full of symlinks, which resources and git handle badly, so fixtures and the demo
 * host are kept in this format instead. One directive per line:
 *
 * <pre>
 * # comment
 * d PATH               a directory
 * f PATH VALUE         a text attribute: VALUE plus a newline, as sysfs prints it
 * r PATH VALUE         a file holding exactly VALUE (no newline added)
 * x PATH HEX           a binary file (hex digits, spaces ignored)
 * l PATH TARGET        a symlink; an absolute TARGET is made relative inside the tree
 * pci ADDR key=value.. a PCI function with its sysfs layout (see {@link #pci})
 * </pre>
 *
 * VALUE may use the escapes {@code \n \t \\ \xHH}. Paths have no leading slash.
 */
public final class TreeFixture {
  private final List<Entry> entries;

  private TreeFixture(List<Entry> entries) {
    this.entries = entries;
  }

  /** One thing to create: kind is d, r, x or l (f and pci are expanded while parsing). */
  record Entry(char kind, String path, byte[] data, String target) {}

  public static TreeFixture parse(String text, String name) {
    Parser p = new Parser(name);
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      p.line(lines[i], i + 1);
    }
    return new TreeFixture(p.out);
  }

  public static TreeFixture read(Path file) {
    try {
      return parse(Files.readString(file), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Creates every entry below dir. */
  public void materialize(Path dir) {
    try {
      for (Entry e : entries) {
        Path p = dir.resolve(e.path());
        switch (e.kind()) {
          case 'd' -> Files.createDirectories(p);
          case 'r' -> {
            Files.createDirectories(p.getParent());
            Files.write(p, e.data());
          }
          case 'l' -> {
            Files.createDirectories(p.getParent());
            String t = e.target();
            Path target =
                t.startsWith("/")
                    ? p.getParent().relativize(dir.resolve(t.substring(1)))
                    : Path.of(t);
            Files.deleteIfExists(p);
            Files.createSymbolicLink(p, target);
          }
          default -> throw new IllegalStateException("kind " + e.kind());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Materialises the fixture into a fresh directory under parent and returns it. */
  public Path materializeInto(Path parent) {
    try {
      Path dir = Files.createTempDirectory(parent, "host-");
      materialize(dir);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes a tree without following symlinks; missing is fine. */
  public static void deleteTree(Path dir) {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final class Parser {
    final String name;
    final List<Entry> out = new ArrayList<>();
    final Map<String, String> devPaths = new HashMap<>();
    final java.util.Set<String> drivers = new java.util.HashSet<>();
    boolean busFiles;

    Parser(String name) {
      this.name = name;
    }

    void line(String raw, int no) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        return;
      }
      int sp = line.indexOf(' ');
      String op = sp < 0 ? line : line.substring(0, sp);
      String rest = sp < 0 ? "" : line.substring(sp + 1).strip();
      int sp2 = rest.indexOf(' ');
      String path = sp2 < 0 ? rest : rest.substring(0, sp2);
      String value = sp2 < 0 ? "" : rest.substring(sp2 + 1);
      if (path.isEmpty() || path.startsWith("/")) {
        throw bad(no, "expected a relative path after '" + op + "'");
      }
      switch (op) {
        case "d" -> out.add(new Entry('d', path, null, null));
        case "f" -> file(path, unescape(value, no) + "\n");
        case "r" -> file(path, unescape(value, no));
        case "x" -> out.add(new Entry('r', path, hex(value, no), null));
        case "l" -> out.add(new Entry('l', path, null, value.strip()));
        case "pci" -> pci(path, options(value, no), no);
        default -> throw bad(no, "unknown directive '" + op + "'");
      }
    }

    void file(String path, String content) {
      out.add(new Entry('r', path, content.getBytes(StandardCharsets.UTF_8), null));
    }

    /**
     * A PCI function as the kernel lays it out: the device directory under {@code
     * sys/devices/pciDDDD:BB/...} (below its parent bridge), the {@code sys/bus/pci/devices} link,
     * its attributes and config space, its driver and IOMMU group links both ways, and optionally
     * its ACPI companion's path. Keys: parent, class, vendor, device, subsystem (vvvv:dddd),
     * revision, driver, group, boot_vga, reset_method, firmware_node, power_state, config=sleeping
     * (a device in D3cold: its config space reads all ones, header type 0x7f, while the sysfs ID
     * attributes keep the values cached at enumeration, as on a real kernel). Attributes end with a
     * newline, as sysfs prints them, so a simulated kernel's rewrite compares equal.
     */
    void pci(String addr, Map<String, String> o, int no) {
      if (!addr.matches("[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\\.[0-7]")) {
        throw bad(no, "PCI address must look like 0000:01:00.0, got " + addr);
      }
      String parent = o.get("parent");
      String base;
      if (parent != null) {
        base = devPaths.get(parent);
        if (base == null) {
          throw bad(no, "parent " + parent + " must be declared before " + addr);
        }
      } else {
        base = "sys/devices/pci" + addr.substring(0, 7);
      }
      String dev = base + "/" + addr;
      devPaths.put(addr, dev);
      if (!busFiles) {
        busFiles = true;
        file("sys/bus/pci/drivers_probe", "");
        file("sys/bus/pci/rescan", "");
      }
      out.add(new Entry('d', dev, null, null));
      out.add(new Entry('l', "sys/bus/pci/devices/" + addr, null, "/" + dev));
      int cls = num(o.getOrDefault("class", "0x000000"), no);
      int vendor = num(o.getOrDefault("vendor", "0xffff"), no);
      int device = num(o.getOrDefault("device", "0xffff"), no);
      String[] sub = o.getOrDefault("subsystem", "0x0000:0x0000").split(":");
      int subVendor = num(sub[0], no);
      int subDevice = num(sub.length > 1 ? sub[1] : "0", no);
      int revision = num(o.getOrDefault("revision", "0x00"), no);
      boolean sleeping = "sleeping".equals(o.get("config"));
      boolean bridge = (cls >> 8) == 0x0604;
      // The kernel caches these at enumeration, so they stay readable while the device sleeps;
      // only config space reads (what lspci shows) return all ones then.
      file(dev + "/vendor", String.format("0x%04x", vendor) + "\n");
      file(dev + "/device", String.format("0x%04x", device) + "\n");
      file(dev + "/subsystem_vendor", String.format("0x%04x", subVendor) + "\n");
      file(dev + "/subsystem_device", String.format("0x%04x", subDevice) + "\n");
      file(dev + "/class", String.format("0x%06x", cls) + "\n");
      file(dev + "/revision", String.format("0x%02x", revision) + "\n");
      file(dev + "/driver_override", "(null)" + "\n");
      file(dev + "/enable", "1" + "\n");
      file(dev + "/power_state", o.getOrDefault("power_state", "D0") + "\n");
      file(dev + "/remove", "");
      if (o.containsKey("boot_vga")) {
        file(dev + "/boot_vga", o.get("boot_vga") + "\n");
      }
      if (o.containsKey("reset_method")) {
        file(dev + "/reset_method", o.get("reset_method") + "\n");
        file(dev + "/reset", "");
      }
      byte[] cfg = new byte[256];
      if (sleeping) {
        java.util.Arrays.fill(cfg, (byte) 0xff);
      } else {
        le16(cfg, 0x00, vendor);
        le16(cfg, 0x02, device);
        le16(cfg, 0x04, 0x0407);
        cfg[0x08] = (byte) revision;
        cfg[0x09] = (byte) cls;
        cfg[0x0a] = (byte) (cls >> 8);
        cfg[0x0b] = (byte) (cls >> 16);
        cfg[0x0e] = (byte) (bridge ? 0x01 : 0x00);
        if (!bridge) {
          le16(cfg, 0x2c, subVendor);
          le16(cfg, 0x2e, subDevice);
        }
      }
      out.add(new Entry('r', dev + "/config", cfg, null));
      String driver = o.get("driver");
      if (driver != null) {
        String drv = "sys/bus/pci/drivers/" + driver;
        if (drivers.add(driver)) {
          for (String f : List.of("bind", "unbind", "new_id", "remove_id")) {
            file(drv + "/" + f, "");
          }
        }
        out.add(new Entry('l', drv + "/" + addr, null, "/" + dev));
        out.add(new Entry('l', dev + "/driver", null, "/" + drv));
      }
      String group = o.get("group");
      if (group != null) {
        String g = "sys/kernel/iommu_groups/" + group;
        out.add(new Entry('l', g + "/devices/" + addr, null, "/" + dev));
        file(g + "/type", "DMA\n");
        out.add(new Entry('l', dev + "/iommu_group", null, "/" + g));
      }
      String fw = o.get("firmware_node");
      if (fw != null) {
        String node = "sys/devices/LNXSYSTM:00/LNXSYBUS:00/acpi-" + addr.replace(':', '_');
        file(node + "/path", fw + "\n");
        out.add(new Entry('l', dev + "/firmware_node", null, "/" + node));
      }
    }

    Map<String, String> options(String s, int no) {
      Map<String, String> m = new LinkedHashMap<>();
      int i = 0;
      while (i < s.length()) {
        while (i < s.length() && s.charAt(i) == ' ') {
          i++;
        }
        if (i >= s.length()) {
          break;
        }
        int eq = s.indexOf('=', i);
        if (eq < 0) {
          throw bad(no, "expected key=value in '" + s.substring(i) + "'");
        }
        String key = s.substring(i, eq);
        int j = eq + 1;
        String val;
        if (j < s.length() && s.charAt(j) == '"') {
          int end = s.indexOf('"', j + 1);
          if (end < 0) {
            throw bad(no, "unterminated quote after " + key + "=");
          }
          val = s.substring(j + 1, end);
          i = end + 1;
        } else {
          int end = s.indexOf(' ', j);
          end = end < 0 ? s.length() : end;
          val = s.substring(j, end);
          i = end;
        }
        m.put(key, val);
      }
      return m;
    }

    static void le16(byte[] b, int off, int v) {
      b[off] = (byte) v;
      b[off + 1] = (byte) (v >> 8);
    }

    int num(String s, int no) {
      try {
        String t = s.startsWith("0x") ? s.substring(2) : s;
        return Integer.parseInt(t, 16);
      } catch (NumberFormatException e) {
        throw bad(no, "not a hex number: " + s);
      }
    }

    byte[] hex(String s, int no) {
      String h = s.replace(" ", "");
      if (h.length() % 2 != 0) {
        throw bad(no, "odd number of hex digits");
      }
      try {
        return java.util.HexFormat.of().parseHex(h);
      } catch (IllegalArgumentException e) {
        throw bad(no, "not hex: " + e.getMessage());
      }
    }

    String unescape(String s, int no) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c != '\\' || i + 1 >= s.length()) {
          b.append(c);
          continue;
        }
        char n = s.charAt(++i);
        switch (n) {
          case 'n' -> b.append('\n');
          case 't' -> b.append('\t');
          case '\\' -> b.append('\\');
          case 'x' -> {
            if (i + 2 >= s.length()) {
              throw bad(no, "short \\x escape");
            }
            b.append((char) num(s.substring(i + 1, i + 3), no));
            i += 2;
          }
          default -> b.append('\\').append(n);
        }
      }
      return b.toString();
    }

    MuxlessException bad(int no, String msg) {
      return MuxlessException.badInput(
          name + ":" + no + ": " + msg, "see the format in TreeFixture's documentation");
    }
  }
}
