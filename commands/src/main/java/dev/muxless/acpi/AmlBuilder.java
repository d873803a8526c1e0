package dev.muxless.acpi;

import java.util.List;

/**
 * One factory per ASL/AML production (ACPI 6.5 section 19 for ASL, 20.2 for AML), after QEMU's
 * {@code aml_*} functions in hw/acpi/aml-build.c. Each validates its input and throws {@link
 * AmlException} where QEMU would assert. Names are checked here so a bad name fails at build time
 * with the name in the message, not deep inside the encoder.
 */
public final class AmlBuilder {
  private static final List<Aml> NONE = List.of();

  /** ExternalOp object types (20.2.5.2, ObjectType), as iasl writes them. */
  public static final int EXT_INTEGER = 1;

  public static final int EXT_BUFFER = 3;
  public static final int EXT_DEVICE = 6;
  public static final int EXT_METHOD = 8;

  /** OperationRegion spaces (19.6.100). */
  public static final int SPACE_SYSTEM_MEMORY = 0;

  public static final int SPACE_SYSTEM_IO = 1;

  /** Field flags (19.6.48): access type in bits 0-3; NoLock and Preserve are 0. */
  public static final int ACC_BYTE = 1;

  public static final int ACC_WORD = 2;
  public static final int ACC_DWORD = 3;

  private AmlBuilder() {}

  private static Aml node(Op op, String name, long value, List<Aml> args, List<Aml> body) {
    return new Aml(op, name, value, null, args, body, null);
  }

  private static String checkedPath(String path) {
    AmlEncoding.nameString(path); // throws AmlException naming the bad segment
    return path;
  }

  private static String checkedSeg(String seg) {
    AmlEncoding.nameSeg(seg, seg);
    return seg;
  }

  // ---- data (20.2.3) ----

  /** An Integer constant in its smallest form. */
  public static Aml integer(long v) {
    return node(Op.INTEGER, null, v, NONE, NONE);
  }

  /** A String constant (ASCII only). */
  public static Aml string(String s) {
    AmlEncoding.string(s);
    return node(Op.STRING, s, 0, NONE, NONE);
  }

  /** {@code Buffer (size) {bytes}}: the size may exceed the initializer (zero-filled). */
  public static Aml buffer(Aml size, byte[] bytes) {
    return new Aml(
        Op.BUFFER, null, 0, bytes == null ? new byte[0] : bytes, List.of(size), NONE, null);
  }

  /** {@code Buffer () {bytes}}: the size is the initializer length. */
  public static Aml buffer(byte[] bytes) {
    return buffer(integer(bytes.length), bytes);
  }

  /** {@code Buffer (size) {}}: a zero-filled buffer of a run-time size. */
  public static Aml zeroBuffer(Aml size) {
    return buffer(size, new byte[0]);
  }

  /** {@code Package (n) {elements}} (20.2.5.4 DefPackage, at most 255 elements). */
  public static Aml pkg(Aml... elements) {
    if (elements.length > 255) {
      throw new AmlException("Package has " + elements.length + " elements; at most 255");
    }
    return node(Op.PACKAGE, null, elements.length, List.of(elements), NONE);
  }

  /** A reference to a named object. */
  public static Aml ref(String path) {
    return node(Op.NAMEREF, checkedPath(path), 0, NONE, NONE);
  }

  /** Local0..Local7. */
  public static Aml local(int n) {
    if (n < 0 || n > 7) {
      throw new AmlException("Local" + n + " does not exist (Local0..Local7)");
    }
    return node(Op.LOCAL, null, n, NONE, NONE);
  }

  /** Arg0..Arg6. */
  public static Aml arg(int n) {
    if (n < 0 || n > 6) {
      throw new AmlException("Arg" + n + " does not exist (Arg0..Arg6)");
    }
    return node(Op.ARG, null, n, NONE, NONE);
  }

  /** The absent Target (NullName). */
  public static Aml noTarget() {
    return node(Op.NULL_TARGET, null, 0, NONE, NONE);
  }

  // ---- namespace modifiers and named objects (20.2.5.1, 20.2.5.2) ----

  public static Aml scope(String path, List<Aml> body) {
    return node(Op.SCOPE, checkedPath(path), 0, NONE, body);
  }

  public static Aml device(String path, List<Aml> body) {
    return node(Op.DEVICE, checkedPath(path), 0, NONE, body);
  }

  /** {@code Method (name, argCount, Serialized|NotSerialized)}, sync level 0. */
  public static Aml method(String name, int argCount, boolean serialized, List<Aml> body) {
    if (argCount < 0 || argCount > 7) {
      throw new AmlException("Method " + name + ": " + argCount + " arguments; at most 7");
    }
    int flags = argCount | (serialized ? 0x08 : 0);
    return node(Op.METHOD, checkedPath(name), flags, NONE, body);
  }

  public static Aml name(String name, Aml value) {
    return node(Op.NAME, checkedPath(name), 0, List.of(value), NONE);
  }

  /** {@code External (path, type)}; the definition block hoists these as iasl does. */
  public static Aml external(String path, int objectType) {
    return node(Op.EXTERNAL, checkedPath(path), objectType, NONE, NONE);
  }

  public static Aml opRegion(String name, int space, long offset, long length) {
    return node(
        Op.OP_REGION, checkedSeg(name), space, List.of(integer(offset), integer(length)), NONE);
  }

  /** {@code Field (region, access, NoLock, Preserve) {units}}. */
  public static Aml field(String region, int access, List<Aml> units) {
    return node(Op.FIELD, checkedPath(region), access, NONE, units);
  }

  /** A named field unit of {@code bits} bits; a null name is a reserved (skipped) unit. */
  public static Aml fieldUnit(String name, int bits) {
    return node(Op.FIELD_UNIT, name == null ? null : checkedSeg(name), bits, NONE, NONE);
  }

  // ---- statements (20.2.5.3) ----

  public static Aml ifThen(Aml predicate, List<Aml> then) {
    return new Aml(Op.IF, null, 0, null, List.of(predicate), then, null);
  }

  public static Aml ifElse(Aml predicate, List<Aml> then, List<Aml> otherwise) {
    return new Aml(Op.IF, null, 0, null, List.of(predicate), then, otherwise);
  }

  public static Aml whileLoop(Aml predicate, List<Aml> body) {
    return node(Op.WHILE, null, 0, List.of(predicate), body);
  }

  public static Aml breakLoop() {
    return node(Op.BREAK, null, 0, NONE, NONE);
  }

  public static Aml ret(Aml value) {
    return node(Op.RETURN, null, 0, List.of(value), NONE);
  }

  // ---- expressions (20.2.5.4) ----

  public static Aml store(Aml source, Aml target) {
    return node(Op.STORE, null, 0, List.of(source, target), NONE);
  }

  public static Aml copyObject(Aml source, Aml target) {
    return node(Op.COPY_OBJECT, null, 0, List.of(source, target), NONE);
  }

  public static Aml add(Aml a, Aml b, Aml target) {
    return node(Op.ADD, null, 0, List.of(a, b, target), NONE);
  }

  public static Aml subtract(Aml a, Aml b, Aml target) {
    return node(Op.SUBTRACT, null, 0, List.of(a, b, target), NONE);
  }

  public static Aml multiply(Aml a, Aml b, Aml target) {
    return node(Op.MULTIPLY, null, 0, List.of(a, b, target), NONE);
  }

  public static Aml shiftLeft(Aml a, Aml count, Aml target) {
    return node(Op.SHIFT_LEFT, null, 0, List.of(a, count, target), NONE);
  }

  public static Aml and(Aml a, Aml b, Aml target) {
    return node(Op.AND, null, 0, List.of(a, b, target), NONE);
  }

  public static Aml or(Aml a, Aml b, Aml target) {
    return node(Op.OR, null, 0, List.of(a, b, target), NONE);
  }

  /** {@code Divide (dividend, divisor, remainder, quotient)}. */
  public static Aml divide(Aml dividend, Aml divisor, Aml remainder, Aml quotient) {
    return node(Op.DIVIDE, null, 0, List.of(dividend, divisor, remainder, quotient), NONE);
  }

  public static Aml increment(Aml target) {
    return node(Op.INCREMENT, null, 0, List.of(target), NONE);
  }

  public static Aml decrement(Aml target) {
    return node(Op.DECREMENT, null, 0, List.of(target), NONE);
  }

  public static Aml concat(Aml a, Aml b, Aml target) {
    return node(Op.CONCAT, null, 0, List.of(a, b, target), NONE);
  }

  public static Aml mid(Aml source, Aml index, Aml length, Aml target) {
    return node(Op.MID, null, 0, List.of(source, index, length, target), NONE);
  }

  public static Aml sizeOf(Aml object) {
    return node(Op.SIZE_OF, null, 0, List.of(object), NONE);
  }

  public static Aml index(Aml source, Aml index, Aml target) {
    return node(Op.INDEX, null, 0, List.of(source, index, target), NONE);
  }

  public static Aml derefOf(Aml ref) {
    return node(Op.DEREF_OF, null, 0, List.of(ref), NONE);
  }

  public static Aml land(Aml a, Aml b) {
    return node(Op.LAND, null, 0, List.of(a, b), NONE);
  }

  public static Aml lor(Aml a, Aml b) {
    return node(Op.LOR, null, 0, List.of(a, b), NONE);
  }

  public static Aml lnot(Aml a) {
    return node(Op.LNOT, null, 0, List.of(a), NONE);
  }

  public static Aml lequal(Aml a, Aml b) {
    return node(Op.LEQUAL, null, 0, List.of(a, b), NONE);
  }

  public static Aml lgreater(Aml a, Aml b) {
    return node(Op.LGREATER, null, 0, List.of(a, b), NONE);
  }

  public static Aml lless(Aml a, Aml b) {
    return node(Op.LLESS, null, 0, List.of(a, b), NONE);
  }

  /** {@code a >= b}, encoded as iasl does: LNot (LLess (a, b)). */
  public static Aml lgreaterEqual(Aml a, Aml b) {
    return lnot(lless(a, b));
  }

  public static Aml condRefOf(String path) {
    return node(Op.COND_REF_OF, checkedPath(path), 0, List.of(noTarget()), NONE);
  }

  /** A method invocation: the name followed by its arguments. */
  public static Aml call(String method, Aml... args) {
    if (args.length > 7) {
      throw new AmlException("call of " + method + " with " + args.length + " arguments");
    }
    return node(Op.CALL, checkedPath(method), 0, List.of(args), NONE);
  }
}
