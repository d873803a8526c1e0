package dev.muxless.shell;

import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.shell.CompletionProposal;
import org.springframework.shell.completion.CompletionProvider;

/** Completion for the acpi commands' ids: table modes, root-port slots and common GPU paths. */
@Configuration(proxyBeanMethods = false)
public class AcpiCompletions {

  @Bean
  public CompletionProvider acpiModeCompletion() {
    return ctx ->
        List.of(
            new CompletionProposal("embedded").description("the ROM inside split SSDTs (default)"),
            new CompletionProposal("fw-cfg")
                .description("one small SSDT reading a QEMU fw_cfg file"));
  }

  @Bean
  public CompletionProvider rootPortCompletion() {
    return ctx ->
        List.of(
            new CompletionProposal("1")
                .description("00:01.0, muxless's default (\\_SB.PCI0.S08.S00)"),
            new CompletionProposal("2").description("00:02.0 (\\_SB.PCI0.S10.S00)"),
            new CompletionProposal("1c")
                .description("00:1c.0, MobilePassThrough's ioh3420 (\\_SB.PCI0.SE0.S00)"));
  }

  @Bean
  public CompletionProvider acpiPathCompletion() {
    return ctx ->
        List.of(
            new CompletionProposal("\\_SB.PCI0.S08.S00")
                .description("GPU behind a root port at 00:01.0"),
            new CompletionProposal("\\_SB.PCI0.S10.S00")
                .description("GPU behind a root port at 00:02.0"),
            new CompletionProposal("\\_SB.PCI0.SE0.S00")
                .description("GPU behind a root port at 00:1c.0"));
  }
}
