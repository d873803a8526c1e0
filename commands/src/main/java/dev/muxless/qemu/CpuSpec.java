package dev.muxless.qemu;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A qemu {@code -cpu} value read for the libvirt domain: the model, {@code kvm=off} (libvirt's
 * {@code <kvm><hidden state='on'/>}), {@code hv_vendor_id=...} ({@code <hyperv><vendor_id>}) and
 * CPU feature flags ({@code +vmx}, {@code -hypervisor}, {@code vmx=on}) as {@code <feature>}s.
 */
public record CpuSpec(
    String model, boolean kvmHidden, String hvVendorId, Map<String, Boolean> features) {

  public static CpuSpec parse(String value) {
    String[] parts = value.split(",");
    boolean hidden = false;
    String vendor = null;
    Map<String, Boolean> features = new LinkedHashMap<>();
    for (int i = 1; i < parts.length; i++) {
      String f = parts[i].strip();
      if (f.isEmpty()) {
        continue;
      }
      if (f.equals("kvm=off")) {
        hidden = true;
      } else if (f.startsWith("hv_vendor_id=")) {
        vendor = f.substring("hv_vendor_id=".length());
      } else if (f.startsWith("+") || f.startsWith("-")) {
        features.put(f.substring(1), f.startsWith("+"));
      } else if (f.endsWith("=on") || f.endsWith("=off")) {
        features.put(f.substring(0, f.lastIndexOf('=')), f.endsWith("=on"));
      } else {
        features.put(f, true);
      }
    }
    return new CpuSpec(parts[0].strip(), hidden, vendor, features);
  }
}
