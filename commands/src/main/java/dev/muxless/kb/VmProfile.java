package dev.muxless.kb;

import com.fasterxml.jackson.databind.JsonNode;
import dev.muxless.core.Json;
import dev.muxless.core.MuxlessException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A VM profile read as a Jackson tree, whatever its exact shape: the facts setup validate needs
 * (machine type, firmware, romfile, subsystem IDs, -acpitable files, the GPU and GVT-g devices) are
 * found by key anywhere in it. Keys compare case-insensitively with '-' and '_' ignored, so {@code
 * x-pci-sub-vendor-id}, {@code xPciSubVendorId} and {@code x_pci_sub_vendor_id} are the same; a
 * nested key is also seen joined to its parent ({@code rom: {file: ..}} gives {@code romfile}).
 * Strings are also read as QEMU options: {@code "vfio-pci,host=01:00.0,romfile=/x.rom"} yields
 * host, romfile; an argv array {@code ["-machine", "q35"]} yields machine=q35.
 */
public final class VmProfile {
  private static final Pattern UUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  /** One key and scalar value found in the tree. */
  public record Pair(String key, String value) {}

  private final Path file;
  private final List<Pair> pairs = new ArrayList<>();

  private VmProfile(Path file, JsonNode root) {
    this.file = file;
    walk("", root);
  }

  /** Reads a JSON profile; bad input names the file and the JSON error. */
  public static VmProfile read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw MuxlessException.badInput(
          "--profile: " + file + ": no such file", "give the VM profile's JSON file");
    }
    try {
      JsonNode root = Json.mapper().readTree(Files.readString(file));
      if (root == null || !root.isContainerNode()) {
        throw MuxlessException.badInput(
            file + ": not a JSON object or array", "a VM profile is a JSON object");
      }
      return new VmProfile(file, root);
    } catch (IOException e) {
      String msg = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
      throw MuxlessException.badInput(file + ": not valid JSON: " + msg, "fix the profile's JSON");
    }
  }

  public Path file() {
    return file;
  }

  public List<Pair> pairs() {
    return List.copyOf(pairs);
  }

  static String norm(String key) {
    return key.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
  }

  private void walk(String parent, JsonNode n) {
    if (n.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> it = n.fields();
      while (it.hasNext()) {
        var e = it.next();
        String k = norm(e.getKey());
        JsonNode v = e.getValue();
        if (v.isValueNode()) {
          add(k, v.asText());
          if (!parent.isEmpty()) {
            add(parent + k, v.asText());
          }
        } else {
          walk(k, v);
        }
      }
    } else if (n.isArray()) {
      for (int i = 0; i < n.size(); i++) {
        JsonNode v = n.get(i);
        if (v.isValueNode()) {
          String s = v.asText();
          if (s.startsWith("-") && i + 1 < n.size() && n.get(i + 1).isTextual()) {
            String next = n.get(i + 1).asText();
            if (!next.startsWith("-")) {
              add(norm(s.replaceFirst("^-+", "")), next);
            }
          }
          if (!parent.isEmpty()) {
            add(parent, s);
          }
          options(s);
        } else {
          walk(parent, v);
        }
      }
    }
  }

  private void add(String key, String value) {
    pairs.add(new Pair(key, value));
    options(value);
  }

  /** QEMU-style "driver,key=value,key=value" and "key=value key=value" strings. */
  private void options(String s) {
    if (!s.contains("=")) {
      return;
    }
    for (String tok : s.split("[,\\s]+")) {
      int eq = tok.indexOf('=');
      if (eq > 0 && eq < tok.length() - 1) {
        pairs.add(new Pair(norm(tok.substring(0, eq)), tok.substring(eq + 1)));
      }
    }
  }

  /** Every value found under one of the keys (normalised), in document order, duplicates once. */
  public List<String> values(String... keys) {
    Set<String> wanted = new java.util.HashSet<>();
    for (String k : keys) {
      wanted.add(norm(k));
    }
    List<String> out = new ArrayList<>();
    for (Pair p : pairs) {
      if (wanted.contains(p.key()) && !out.contains(p.value())) {
        out.add(p.value());
      }
    }
    return out;
  }

  public Optional<String> first(String... keys) {
    List<String> v = values(keys);
    return v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
  }

  /** True when any value anywhere contains the text (case-insensitive). */
  public boolean anyValueContains(String text) {
    String t = text.toLowerCase(Locale.ROOT);
    return pairs.stream().anyMatch(p -> p.value().toLowerCase(Locale.ROOT).contains(t));
  }

  /** A path from the profile, resolved against the profile's directory when relative. */
  public Path resolve(String path) {
    String p = path.startsWith("file=") ? path.substring(5) : path;
    Path x = Path.of(p);
    return x.isAbsolute() ? x : file.toAbsolutePath().getParent().resolve(x).normalize();
  }

  /** The machine type ({@code q35}, {@code pc-q35-7.2}, {@code pc-i440fx-7.2}, {@code pc}). */
  public Optional<String> machine() {
    return first("machine", "machinetype").map(m -> m.split(",")[0]);
  }

  /**
   * ovmf, seabios or empty: from a firmware/bios/loader key or any value naming an OVMF or edk2
   * file.
   */
  public Optional<String> firmware() {
    for (String v :
        values("firmware", "firmwaretype", "bios", "loader", "osloader", "pflash", "ovmf")) {
      String l = v.toLowerCase(Locale.ROOT);
      if (l.contains("ovmf") || l.contains("edk2") || l.equals("uefi") || l.equals("efi")) {
        return Optional.of("ovmf");
      }
      if (l.contains("seabios") || l.equals("bios") || l.equals("legacy")) {
        return Optional.of("seabios");
      }
    }
    if (anyValueContains("ovmf") || anyValueContains("edk2")) {
      return Optional.of("ovmf");
    }
    return Optional.empty();
  }

  public Optional<String> romfile() {
    return first("romfile", "romFile", "vbios", "vbiosfile");
  }

  /** romfile, or a fw_cfg file carrying the VBIOS (the _ROM SSDT route). */
  public Optional<String> vbiosFile() {
    Optional<String> rom = romfile();
    if (rom.isPresent()) {
      return rom;
    }
    for (String v : values("file", "entryfile", "fwcfgfile", "sysinfoentryfile")) {
      String l = v.toLowerCase(Locale.ROOT);
      if (l.endsWith(".rom") || l.endsWith(".bin") || l.contains("vbios")) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }

  /**
   * The subsystem vendor ID the guest will see. QEMU's x-pci-sub-vendor-id reads bare digits as
   * decimal (LION's libvirt override uses 4136 for 0x1028); the vm area's profile field
   * subsystemVendor is hex without 0x ("1028").
   */
  public Optional<Integer> subVendorId() {
    return subId("x-pci-sub-vendor-id", "subsystemVendor", "subVendorId", "subsystemVendorId");
  }

  public Optional<Integer> subDeviceId() {
    return subId("x-pci-sub-device-id", "subsystemDevice", "subDeviceId", "subsystemDeviceId");
  }

  private Optional<Integer> subId(String qemuKey, String... hexKeys) {
    Optional<Integer> q = first(qemuKey).flatMap(v -> number(v, false));
    return q.isPresent() ? q : first(hexKeys).flatMap(v -> number(v, true));
  }

  /** 0x-prefixed hex, else decimal (QEMU) or hex (profile fields). */
  static Optional<Integer> number(String s, boolean bareIsHex) {
    try {
      String t = s.strip().toLowerCase(Locale.ROOT);
      if (t.startsWith("0x")) {
        return Optional.of(Integer.parseInt(t.substring(2), 16));
      }
      return Optional.of(Integer.parseInt(t, bareIsHex ? 16 : 10));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** The -acpitable files ("file=" prefixes removed). */
  public List<String> acpiTables() {
    List<String> out = new ArrayList<>();
    for (String v : values("acpitable", "acpitables", "acpitablefile", "acpitablesfile", "ssdt")) {
      for (String part : v.split(",")) {
        String p = part.strip();
        if (p.startsWith("file=")) {
          p = p.substring(5);
        }
        if (!p.isEmpty() && !p.contains("=") && !out.contains(p)) {
          out.add(p);
        }
      }
    }
    return out;
  }

  /** Host PCI addresses named by host=/address=/hostdev keys. */
  public List<String> hostDevices() {
    return values("host", "hostdev", "hostaddress", "address", "gpu", "pciaddress", "source");
  }

  /** True when a GVT-g vGPU appears: an mdev UUID, a sysfsdev path, or an i915-GVTg type. */
  public boolean hasGvtDevice() {
    for (String v : values("sysfsdev", "mdev", "gvt", "vgpu", "mdevuuid", "uuid")) {
      if (UUID.matcher(v).find() || v.contains("/sys/bus/mdev/") || v.equalsIgnoreCase("true")) {
        return true;
      }
    }
    return anyValueContains("/sys/bus/mdev/devices/") || anyValueContains("i915-GVTg");
  }

  /** kernel_irqchip=on or libvirt's ioapic driver='kvm'. */
  public Optional<Boolean> kernelIrqchip() {
    for (String v : values("kernelirqchip", "ioapic", "ioapicdriver")) {
      String l = v.toLowerCase(Locale.ROOT);
      return Optional.of(l.equals("on") || l.equals("kvm") || l.equals("true"));
    }
    return Optional.empty();
  }

  /** kvm=off on -cpu, or libvirt's {@code <kvm><hidden state='on'/>} (kvm.hidden.state). */
  public boolean kvmHidden() {
    if (values("kvm").stream().anyMatch(v -> v.equalsIgnoreCase("off"))) {
      return true;
    }
    return values("kvmhidden", "kvmhiddenstate", "hiddenstate").stream()
        .anyMatch(v -> v.equalsIgnoreCase("on") || v.equalsIgnoreCase("true"));
  }

  /** The guest PCI address given for the GPU, if any. */
  public Optional<String> guestAddress() {
    return first("guestaddress", "guestaddr", "guestpciaddress");
  }
}
