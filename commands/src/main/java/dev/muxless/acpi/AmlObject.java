package dev.muxless.acpi;

import java.util.List;

/**
 * One object {@link AmlReader} found: its kind (Scope, Device, Method, Name, External, If, Else,
 * OperationRegion, Field), its absolute path where it has one, a one-line detail, where it is in
 * the file, and the objects inside it.
 */
public record AmlObject(
    String kind, String path, String detail, long offset, long length, List<AmlObject> children) {
  public AmlObject {
    children = List.copyOf(children);
  }
}
