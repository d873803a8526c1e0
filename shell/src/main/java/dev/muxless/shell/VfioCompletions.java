package dev.muxless.shell;

import dev.muxless.vfio.Gvt;
import dev.muxless.vfio.MdevType;
import dev.muxless.vfio.Vgpu;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.shell.CompletionProposal;
import org.springframework.shell.completion.CompletionProvider;

/** Completion for GVT-g: mdev type ids and existing vGPU UUIDs of the host in use. */
@Configuration(proxyBeanMethods = false)
public class VfioCompletions {

  @Bean
  public CompletionProvider mdevTypeCompletion(ShellSession session) {
    return ctx -> {
      List<CompletionProposal> out = new ArrayList<>();
      for (MdevType t : Gvt.types(session.host())) {
        out.add(
            new CompletionProposal(t.id())
                .description(
                    (t.resolution().isEmpty() ? "" : t.resolution() + ", ")
                        + t.availableInstances()
                        + " left"));
      }
      return out;
    };
  }

  @Bean
  public CompletionProvider vgpuCompletion(ShellSession session) {
    return ctx -> {
      List<CompletionProposal> out = new ArrayList<>();
      for (Vgpu v : Gvt.list(session.host())) {
        out.add(new CompletionProposal(v.uuid()).description(v.type() + " on " + v.parent()));
      }
      return out;
    };
  }
}
