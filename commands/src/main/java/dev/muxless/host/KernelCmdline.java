package dev.muxless.host;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The running kernel's command line ({@code /proc/cmdline}) as parameters. Later occurrences win,
 * as in the kernel's own parser for most parameters.
 */
public final class KernelCmdline {
  private final List<String> words;

  private KernelCmdline(List<String> words) {
    this.words = words;
  }

  public static KernelCmdline read(HostRoot host) {
    return parse(host.read("/proc/cmdline").orElse(""));
  }

  public static KernelCmdline parse(String text) {
    List<String> w = new ArrayList<>();
    for (String s : text.trim().split("\\s+")) {
      if (!s.isEmpty()) {
        w.add(s);
      }
    }
    return new KernelCmdline(w);
  }

  /** The value of {@code key=value}, the last one given; empty when absent or a bare flag. */
  public Optional<String> value(String key) {
    String found = null;
    for (String s : words) {
      if (s.startsWith(key + "=")) {
        found = s.substring(key.length() + 1);
      }
    }
    return Optional.ofNullable(found);
  }

  /** The comma-separated options of {@code key=a,b} ({@code intel_iommu=on,igfx_off}). */
  public List<String> options(String key) {
    return value(key).map(v -> List.of(v.split(","))).orElse(List.of());
  }

  public boolean isEmpty() {
    return words.isEmpty();
  }

  @Override
  public String toString() {
    return String.join(" ", words);
  }
}
