package dev.muxless.shell;

import dev.muxless.host.PciBus;
import dev.muxless.host.PciDevice;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.shell.CompletionProposal;
import org.springframework.shell.completion.CompletionProvider;

/**
 * Completion for {@code rom extract}: output directories, and for --vendor/--device the IDs of the
 * host's display devices.
 */
@Configuration(proxyBeanMethods = false)
public class RomExtractCompletions {

  /** Directories only, without the host-root keywords directoryCompletion adds. */
  @Bean
  public CompletionProvider outDirCompletion() {
    return ctx -> Completions.paths(ctx.currentWordUpToCursor(), true);
  }

  @Bean
  public CompletionProvider pciVendorIdCompletion(ShellSession session) {
    return ctx -> ids(session, true);
  }

  @Bean
  public CompletionProvider pciDeviceIdCompletion(ShellSession session) {
    return ctx -> ids(session, false);
  }

  static List<CompletionProposal> ids(ShellSession session, boolean vendor) {
    Map<String, String> ids = new LinkedHashMap<>();
    if (vendor) {
      ids.put("10de", "NVIDIA");
    }
    try {
      for (PciDevice d : new PciBus(session.host()).devices()) {
        if (d.classCode().startsWith("03")) {
          ids.putIfAbsent(vendor ? d.vendor() : d.device(), d.className() + " " + d.address());
        }
      }
    } catch (RuntimeException e) {
      // no PCI bus to read: offer NVIDIA only
    }
    return ids.entrySet().stream()
        .map(e -> new CompletionProposal(e.getKey()).description(e.getValue()))
        .toList();
  }
}
