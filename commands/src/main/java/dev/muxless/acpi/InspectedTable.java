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

  /**
   * Every object of the tree, depth first, each before its children: for questions about the whole
   * table (does it define a {@code _ROM} method anywhere, which devices have {@code _BIF}).
   */
  public List<AmlObject> allObjects() {
    List<AmlObject> out = new java.util.ArrayList<>();
    java.util.ArrayDeque<AmlObject> todo = new java.util.ArrayDeque<>();
    for (int i = objects.size() - 1; i >= 0; i--) {
      todo.push(objects.get(i));
    }
    while (!todo.isEmpty()) {
      AmlObject o = todo.pop();
      out.add(o);
      for (int i = o.children().size() - 1; i >= 0; i--) {
        todo.push(o.children().get(i));
      }
    }
    return out;
  }

  /** True when the header or the body has something wrong or undecodable. */
  public boolean hasProblems() {
    return !problems.isEmpty();
  }
}
