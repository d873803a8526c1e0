package dev.muxless.shell;

import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.shell.CompletionProposal;
import org.springframework.shell.completion.CompletionProvider;

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
}
