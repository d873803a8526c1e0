package dev.muxless.shell;

import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.shell.CompletionProposal;
import org.springframework.shell.command.CommandOption;
import org.springframework.shell.command.CommandRegistration;
import org.springframework.shell.completion.CompletionProvider;
import org.springframework.shell.completion.CompletionResolver;

/**
 * Completion for the rom commands' fixed value sets (files and devices use {@link Completions}).
 */
@Configuration(proxyBeanMethods = false)
public class RomCompletions {

  @Bean
  public CompletionProvider romFormatCompletion() {
    return ctx ->
        List.of(
            new CompletionProposal("text").description("readable table (default)"),
            new CompletionProposal("rom-parser").description("byte-for-byte rom-parser output"),
            new CompletionProposal("json").description("one object per file"));
  }

  @Bean
  public CompletionProvider romDumpMethodCompletion() {
    return ctx ->
        List.of(
            new CompletionProposal("sysfs").description("the PCI rom attribute (ROM BAR)"),
            new CompletionProposal("nouveau").description("debugfs dri/N/vbios.rom"),
            new CompletionProposal("acpi").description("the firmware's _ROM via acpi_call"),
            new CompletionProposal("all").description("each in turn until one validates"));
  }

  /**
   * Spring Shell 3.4.1 completes an option's value only right after its name ({@code
   * Shell.complete} matches the previous word against option names), so a FILE given as a plain
   * word, as in {@code rom parse a.rom b.rom}, got no completion. This resolver offers the {@code
   * file} option's values for the rom commands' plain words. It could serve every command from
   * {@link Completions}.
   */
  @Bean
  public CompletionResolver romPositionalFileCompletion() {
    return ctx -> {
      CommandRegistration reg = ctx.getCommandRegistration();
      if (reg == null || !reg.getCommand().startsWith("rom ")) {
        return List.of();
      }
      String current = ctx.currentWordUpToCursor() == null ? "" : ctx.currentWordUpToCursor();
      if (current.startsWith("-")) {
        return List.of();
      }
      int i = ctx.getWordIndex();
      if (i > 0 && i - 1 < ctx.getWords().size() && takesValue(reg, ctx.getWords().get(i - 1))) {
        return List.of();
      }
      for (CommandOption o : reg.getOptions()) {
        if (List.of(o.getLongNames()).contains("file") && o.getCompletion() != null) {
          return o.getCompletion().apply(ctx.commandOption(o));
        }
      }
      return List.of();
    };
  }

  private static boolean takesValue(CommandRegistration reg, String word) {
    if (!word.startsWith("--")) {
      return false;
    }
    String name = word.substring(2);
    for (CommandOption o : reg.getOptions()) {
      if (List.of(o.getLongNames()).contains(name)) {
        Class<?> t = o.getType() == null ? null : o.getType().resolve();
        return t != boolean.class && t != Boolean.class;
      }
    }
    return false;
  }
}
