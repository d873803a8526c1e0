package dev.muxless.shell;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.shell.command.annotation.Command;

/** Finds muxless command methods that lack an {@link Example}: the help standard, enforced. */
final class CommandAudit {
  private CommandAudit() {}

  static List<String> commandsWithoutExamples() throws ClassNotFoundException {
    var scanner = new ClassPathScanningCandidateComponentProvider(false);
    scanner.addIncludeFilter(new AnnotationTypeFilter(Command.class));
    List<String> missing = new ArrayList<>();
    for (var bd : scanner.findCandidateComponents("dev.muxless.shell")) {
      Class<?> c = Class.forName(bd.getBeanClassName());
      for (Method m : c.getDeclaredMethods()) {
        if (m.isAnnotationPresent(Command.class)
            && m.getAnnotationsByType(Example.class).length == 0) {
          missing.add(c.getSimpleName() + "." + m.getName());
        }
      }
    }
    return missing;
  }
}
