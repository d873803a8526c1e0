package dev.muxless.acpi;

import java.util.Arrays;
import java.util.List;

/**
 * One node of an AML tree, immutable: a production ({@link Op}), an optional name (a NameString as
 * written in ASL), an integer ({@code value}: the integer, method flags, object type, region space
 * or bit count), raw bytes (a Buffer's initializer), operands ({@code args}) and a term list
 * ({@code body}, with {@code elseBody} for If/Else). Build nodes with the factories in {@link
 * AmlBuilder}; encode with {@link AmlEncoder}, print with {@link AslPrinter}.
 */
public record Aml(
    Op op,
    String name,
    long value,
    byte[] data,
    List<Aml> args,
    List<Aml> body,
    List<Aml> elseBody) {

  public Aml {
    args = List.copyOf(args);
    body = List.copyOf(body);
    elseBody = elseBody == null ? null : List.copyOf(elseBody);
    data = data == null ? null : data.clone();
  }

  @Override
  public byte[] data() {
    return data == null ? null : data.clone();
  }

  /** The buffer initializer length without copying it. */
  public int dataLength() {
    return data == null ? 0 : data.length;
  }

  byte[] dataUnsafe() {
    return data;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Aml a
        && op == a.op
        && value == a.value
        && java.util.Objects.equals(name, a.name)
        && Arrays.equals(data, a.data)
        && args.equals(a.args)
        && body.equals(a.body)
        && java.util.Objects.equals(elseBody, a.elseBody);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(op, name, value, Arrays.hashCode(data), args, body);
  }

  @Override
  public String toString() {
    return AslPrinter.expression(this);
  }
}
