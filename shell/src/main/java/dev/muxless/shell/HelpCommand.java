package dev.muxless.shell;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Lazy;
import org.springframework.shell.command.CommandCatalog;
import org.springframework.shell.command.CommandOption;
import org.springframework.shell.command.CommandRegistration;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;

/**
 * {@code help} and {@code help <command>}: the command list by group, and for one command its
 * description, usage, options and the examples from its {@link Example} annotations.
 */
@Command(group = "Built-in")
public class HelpCommand {
  private final CommandCatalog catalog;
  private final ShellSession session;

  public HelpCommand(@Lazy CommandCatalog catalog, ShellSession session) {
    this.catalog = catalog;
    this.session = session;
  }

  @Command(command = "help", description = "List the commands, or describe one with examples.")
  @Example("help")
  @Example("help host gpus")
  public String help(
      @Option(
              description = "the command to describe",
              arity = CommandRegistration.OptionArity.ZERO_OR_MORE,
              label = "COMMAND")
          @org.springframework.shell.command.annotation.OptionValues(provider = "commandCompletion")
          String[] command) {
    if (command == null || command.length == 0) {
      return overview();
    }
    String name = String.join(" ", command).trim();
    CommandRegistration r = catalog.getRegistrations().get(name);
    if (r == null) {
      List<String> under =
          catalog.getRegistrations().keySet().stream()
              .filter(k -> k.startsWith(name + " "))
              .sorted()
              .toList();
      if (!under.isEmpty()) {
        return "Commands under '" + name + "':\n  " + String.join("\n  ", under);
      }
      session.report(dev.muxless.core.ExitStatus.BAD_INPUT);
      return "No command '" + name + "'. Type 'help' for the list.";
    }
    return describe(r);
  }

  private String overview() {
    Map<String, List<CommandRegistration>> groups = new TreeMap<>();
    for (CommandRegistration r : catalog.getRegistrations().values()) {
      if (r.isHidden()) {
        continue;
      }
      String g = r.getGroup() == null || r.getGroup().isBlank() ? "Other" : r.getGroup();
      groups.computeIfAbsent(g, k -> new ArrayList<>()).add(r);
    }
    StringBuilder b = new StringBuilder();
    b.append(
        "muxless: from 'can this work?' to a running VFIO guest on a muxless Optimus laptop.\n");
    b.append("Run one command as ./muxless <command>, or type commands here.\n");
    int width =
        catalog.getRegistrations().keySet().stream().mapToInt(String::length).max().orElse(10);
    for (var e : groups.entrySet()) {
      b.append('\n').append(Style.bold(e.getKey())).append('\n');
      e.getValue().stream()
          .sorted((x, y) -> x.getCommand().compareTo(y.getCommand()))
          .forEach(
              r ->
                  b.append("  ")
                      .append(pad(r.getCommand(), width))
                      .append("  ")
                      .append(nz(r.getDescription()))
                      .append('\n'));
    }
    b.append(
        "\n'help <command>' describes a command with examples; '--json' prints data as JSON;\n");
    b.append("exit status: 0 ok, 1 problems found, 2 bad usage or input, 3 environment missing.");
    return b.toString();
  }

  private String describe(CommandRegistration r) {
    StringBuilder b = new StringBuilder();
    b.append(Style.bold(r.getCommand()))
        .append(" - ")
        .append(nz(r.getDescription()))
        .append("\n\n");
    b.append("Usage: ").append(r.getCommand());
    List<CommandOption> options =
        r.getOptions().stream()
            .filter(o -> !Arrays.asList(o.getLongNames()).contains("help"))
            .collect(Collectors.toList());
    for (CommandOption o : options) {
      String shown;
      if (positional(r, o)) {
        boolean many = o.getArityMax() > 1 || o.getArityMax() < 0 && isArray(o);
        shown = label(o) + (many && !label(o).endsWith("...") ? "..." : "");
      } else {
        String name = optionName(o);
        shown = name.startsWith("--") && !isFlag(o) ? name + " " + label(o) : name;
      }
      b.append(' ').append(o.isRequired() ? shown : "[" + shown + "]");
    }
    b.append('\n');
    if (!options.isEmpty()) {
      b.append("\nOptions:\n");
      List<String> lefts = new ArrayList<>();
      for (CommandOption o : options) {
        lefts.add(
            positional(r, o)
                ? label(o) + " (or " + optionName(o) + ")"
                : optionName(o) + (isFlag(o) ? "" : " " + label(o)));
      }
      int w = lefts.stream().mapToInt(String::length).max().orElse(8);
      for (int i = 0; i < options.size(); i++) {
        CommandOption o = options.get(i);
        String left = lefts.get(i);
        b.append("  ").append(pad(left, w)).append("  ").append(nz(o.getDescription()));
        if (o.isRequired()) {
          b.append(" (required)");
        } else if (o.getDefaultValue() != null && !o.getDefaultValue().isEmpty() && !isFlag(o)) {
          b.append(" (default ").append(o.getDefaultValue()).append(')');
        }
        b.append('\n');
      }
    }
    List<String> examples = examples(r);
    if (!examples.isEmpty()) {
      b.append("\nExamples:\n");
      for (String e : examples) {
        b.append("  ./muxless ").append(e).append('\n');
      }
    }
    return b.toString().stripTrailing();
  }

  static List<String> examples(CommandRegistration r) {
    List<String> out = new ArrayList<>();
    if (r.getTarget() != null) {
      Method m = r.getTarget().getMethod();
      if (m != null) {
        for (Example e : m.getAnnotationsByType(Example.class)) {
          out.add(e.value());
        }
      }
    }
    return out;
  }

  /**
   * A parameter declared with {@code @Option} but no long name is meant to be given by position
   * ({@code rom parse FILE...}); Spring Shell still accepts its derived name as an option.
   */
  static boolean positional(CommandRegistration r, CommandOption o) {
    if (r.getTarget() == null || r.getTarget().getMethod() == null || o.getPosition() < 0) {
      return false;
    }
    var params = r.getTarget().getMethod().getParameters();
    if (o.getPosition() >= params.length) {
      return false;
    }
    var opt =
        params[o.getPosition()].getAnnotation(
            org.springframework.shell.command.annotation.Option.class);
    return opt != null && opt.longNames().length == 0 && !isFlag(o);
  }

  private static boolean isArray(CommandOption o) {
    Class<?> t = o.getType() == null ? null : o.getType().resolve();
    return t != null && (t.isArray() || java.util.Collection.class.isAssignableFrom(t));
  }

  private static boolean isFlag(CommandOption o) {
    Class<?> t = o.getType() == null ? null : o.getType().resolve();
    return t == boolean.class || t == Boolean.class;
  }

  private static String optionName(CommandOption o) {
    if (o.getLongNames() != null && o.getLongNames().length > 0) {
      return "--" + o.getLongNames()[0];
    }
    return label(o);
  }

  private static String label(CommandOption o) {
    if (o.getLabel() != null && !o.getLabel().isBlank()) {
      return o.getLabel();
    }
    return o.getLongNames() != null && o.getLongNames().length > 0
        ? o.getLongNames()[0].toUpperCase()
        : "ARG";
  }

  private static String pad(String s, int w) {
    return s + " ".repeat(Math.max(0, w - s.length()));
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
