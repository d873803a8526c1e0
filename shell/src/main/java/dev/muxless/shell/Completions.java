package dev.muxless.shell;

import dev.muxless.host.Gpu;
import dev.muxless.host.GpuInventory;
import dev.muxless.host.PciBus;
import dev.muxless.host.PciDevice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.shell.CompletionProposal;
import org.springframework.shell.completion.CompletionProvider;

/**
 * Tab completion providers, referenced by name from {@code @OptionValues(provider = ...)}: files,
 * directories, PCI devices and GPUs of the host in use.
 */
@Configuration(proxyBeanMethods = false)
public class Completions {

  /** Files and directories below what has been typed so far. */
  @Bean
  public CompletionProvider fileCompletion() {
    return ctx -> paths(ctx.currentWordUpToCursor(), false);
  }

  /** Directories only, plus the host-root keywords. */
  @Bean
  public CompletionProvider directoryCompletion() {
    return ctx -> {
      List<CompletionProposal> out = new ArrayList<>(paths(ctx.currentWordUpToCursor(), true));
      String w = ctx.currentWordUpToCursor() == null ? "" : ctx.currentWordUpToCursor();
      if ("demo".startsWith(w)) {
        out.add(0, new CompletionProposal("demo").description("the bundled demo laptop"));
      }
      return out;
    };
  }

  /** Every PCI function of the host in use, described. */
  @Bean
  public CompletionProvider pciDeviceCompletion(ShellSession session) {
    return ctx -> {
      List<CompletionProposal> out = new ArrayList<>();
      for (PciDevice d : new PciBus(session.host()).devices()) {
        out.add(
            new CompletionProposal(d.address().toString())
                .description(
                    d.className() + " " + d.vendor() + ":" + d.device() + " " + nz(d.driver())));
      }
      return out;
    };
  }

  /** The GPUs of the host in use, the muxless one first. */
  @Bean
  public CompletionProvider gpuCompletion(ShellSession session) {
    return ctx -> {
      List<CompletionProposal> out = new ArrayList<>();
      for (Gpu g : GpuInventory.list(session.host())) {
        CompletionProposal p =
            new CompletionProposal(g.address())
                .description(
                    g.vendorName() + " " + g.className() + (g.muxless() ? " (muxless)" : ""));
        if (g.muxless()) {
          out.add(0, p);
        } else {
          out.add(p);
        }
      }
      return out;
    };
  }

  /** Command names, for {@code help <TAB>}: the next word of every command the line starts. */
  @Bean
  public CompletionProvider commandCompletion(
      @org.springframework.context.annotation.Lazy
          org.springframework.shell.command.CommandCatalog catalog) {
    return ctx -> {
      List<String> words = ctx.getWords();
      int i = ctx.getWordIndex();
      String typed = String.join(" ", words.subList(0, Math.min(i, words.size())));
      String prefix = typed.isEmpty() ? "" : typed + " ";
      java.util.Set<String> next = new java.util.TreeSet<>();
      for (String name : catalog.getRegistrations().keySet()) {
        if (name.startsWith(prefix)) {
          next.add(name.substring(prefix.length()).split(" ")[0]);
        }
      }
      return next.stream().map(CompletionProposal::new).toList();
    };
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  static List<CompletionProposal> paths(String typed, boolean dirsOnly) {
    String t = typed == null ? "" : typed;
    Path base;
    String prefix;
    int slash = t.lastIndexOf('/');
    if (slash >= 0) {
      base = Path.of(slash == 0 ? "/" : t.substring(0, slash));
      prefix = t.substring(slash + 1);
    } else {
      base = Path.of(".");
      prefix = t;
    }
    String head = slash >= 0 ? t.substring(0, slash + 1) : "";
    List<CompletionProposal> out = new ArrayList<>();
    if (!Files.isDirectory(base)) {
      return out;
    }
    try (Stream<Path> s = Files.list(base)) {
      s.sorted()
          .forEach(
              p -> {
                String name = p.getFileName().toString();
                boolean dir = Files.isDirectory(p);
                if (!name.startsWith(prefix) || (dirsOnly && !dir)) {
                  return;
                }
                if (name.startsWith(".") && !prefix.startsWith(".")) {
                  return;
                }
                out.add(
                    new CompletionProposal(head + name + (dir ? "/" : ""))
                        .complete(!dir)
                        .dontQuote(true));
              });
    } catch (IOException | SecurityException e) {
      // nothing to offer for an unreadable directory
    }
    return out;
  }
}
