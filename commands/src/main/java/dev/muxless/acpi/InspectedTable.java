package dev.muxless.acpi;

import java.util.List;

/**
 * What {@code acpi inspect} reports for one file: the header with its verdicts, the object tree
 * (empty for tables that are not definition blocks), and the problems found, each naming an offset.
 */
public record InspectedTable(TableHeader header, List<AmlObject> objects, List<String> problems) {
  public InspectedTable {
    objects = List.copyOf(objects);
    problems = List.copyOf(problems);
  }

  /** True when the header or the body has something wrong or undecodable. */
  public boolean hasProblems() {
    return !problems.isEmpty();
  }
}
