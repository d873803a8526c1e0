package dev.muxless.shell;

import java.util.Comparator;
import java.util.List;
import org.springframework.shell.CompletionContext;
import org.springframework.shell.CompletionProposal;
import org.springframework.shell.command.CommandOption;
import org.springframework.shell.completion.CompletionResolver;
import org.springframework.stereotype.Component;

/**
 * Completes positional arguments ({@code rom parse <TAB>}, {@code host use <TAB>}). Spring Shell
 * 3.4.1 completes an option's values only after its name; a muxless command's first positional
 * parameter is bound by position, so offer that option's completion for a bare word too.
 */
@Component
public class PositionalCompletion implements CompletionResolver {

  @Override
  public List<CompletionProposal> apply(CompletionContext ctx) {
    if (ctx.getCommandRegistration() == null) {
      return List.of();
    }
    String current = ctx.currentWordUpToCursor();
    if (current != null && current.startsWith("-")) {
      return List.of();
    }
    List<String> words = ctx.getWords();
    int index = ctx.getWordIndex();
    List<CommandOption> options = ctx.getCommandRegistration().getOptions();
    if (index > 0 && index - 1 < words.size()) {
      String previous = words.get(index - 1);
      if (previous.startsWith("-") && takesValue(options, previous)) {
        return List.of(); // the shell completes that option's value itself
      }
    }
    return options.stream()
        .filter(o -> o.getCompletion() != null && takesValue(o))
        .filter(o -> o.getPosition() >= 0)
        .filter(o -> !named(words, o))
        .min(Comparator.comparingInt(CommandOption::getPosition))
        .map(o -> o.getCompletion().apply(ctx.commandOption(o)))
        .orElse(List.of());
  }

  private static boolean named(List<String> words, CommandOption o) {
    for (String n : o.getLongNames()) {
      if (words.contains("--" + n)) {
        return true;
      }
    }
    return false;
  }

  private static boolean takesValue(List<CommandOption> options, String word) {
    String name = word.replaceFirst("^--?", "");
    for (CommandOption o : options) {
      for (String n : o.getLongNames()) {
        if (n.equals(name)) {
          return takesValue(o);
        }
      }
      for (Character c : o.getShortNames()) {
        if (String.valueOf(c).equals(name)) {
          return takesValue(o);
        }
      }
    }
    return false;
  }

  private static boolean takesValue(CommandOption o) {
    Class<?> t = o.getType() == null ? null : o.getType().resolve();
    return t != boolean.class && t != Boolean.class;
  }
}
