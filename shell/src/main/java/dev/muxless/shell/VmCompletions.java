package dev.muxless.shell;

import dev.muxless.qemu.VgpuFinder;
import dev.muxless.qemu.VmRuntime;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.shell.CompletionProposal;
import org.springframework.shell.completion.CompletionProvider;

/** Completion for VM names (runtime directories) and the iGPU's GVT-g types. */
@Configuration(proxyBeanMethods = false)
public class VmCompletions {

  @Bean
  public CompletionProvider vmNameCompletion() {
    return ctx -> {
      List<CompletionProposal> out = new ArrayList<>();
      for (VmRuntime rt : VmRuntime.all()) {
        out.add(
            new CompletionProposal(rt.name())
                .description(rt.process().isPresent() ? "running" : "not running"));
      }
      return out;
    };
  }

  @Bean
  public CompletionProvider gvtTypeCompletion(ShellSession session) {
    return ctx -> {
      List<CompletionProposal> out = new ArrayList<>();
      for (VgpuFinder.Type t : VgpuFinder.types(session.host())) {
        out.add(
            new CompletionProposal(t.id()).description(t.available() + " free on " + t.parent()));
      }
      return out;
    };
  }
}
