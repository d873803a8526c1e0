package dev.muxless.shell;

import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.springframework.shell.jline.PromptProvider;
import org.springframework.stereotype.Component;

/** The prompt: {@code muxless>} on the real host, {@code muxless[demo]>} on any other root. */
@Component
public class MuxlessPrompt implements PromptProvider {
  private final ShellSession session;

  public MuxlessPrompt(ShellSession session) {
    this.session = session;
  }

  @Override
  public AttributedString getPrompt() {
    String label = session.hostLabel();
    String text = label.equals("/") ? "muxless> " : "muxless[" + label + "]> ";
    return new AttributedString(text, AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN));
  }
}
