package dev.muxless.acpi;

/**
 * The AML productions muxless builds, with their opcodes (ACPI 6.5 section 20.2; extended opcodes
 * carry the 0x5B prefix). {@link AmlEncoder} and {@link AslPrinter} switch on these.
 */
public enum Op {
  INTEGER(-1, "Integer"),
  STRING(0x0D, "String"),
  BUFFER(0x11, "Buffer"),
  PACKAGE(0x12, "Package"),
  NAMEREF(-1, "NameString"),
  LOCAL(0x60, "Local"),
  ARG(0x68, "Arg"),
  NULL_TARGET(0x00, ""),
  SCOPE(0x10, "Scope"),
  DEVICE(0x5B82, "Device"),
  METHOD(0x14, "Method"),
  NAME(0x08, "Name"),
  EXTERNAL(0x15, "External"),
  IF(0xA0, "If"),
  WHILE(0xA2, "While"),
  BREAK(0xA5, "Break"),
  RETURN(0xA4, "Return"),
  STORE(0x70, "Store"),
  COPY_OBJECT(0x9D, "CopyObject"),
  ADD(0x72, "Add"),
  CONCAT(0x73, "Concatenate"),
  SUBTRACT(0x74, "Subtract"),
  INCREMENT(0x75, "Increment"),
  DECREMENT(0x76, "Decrement"),
  MULTIPLY(0x77, "Multiply"),
  DIVIDE(0x78, "Divide"),
  SHIFT_LEFT(0x79, "ShiftLeft"),
  AND(0x7B, "And"),
  OR(0x7D, "Or"),
  DEREF_OF(0x83, "DerefOf"),
  SIZE_OF(0x87, "SizeOf"),
  INDEX(0x88, "Index"),
  LAND(0x90, "LAnd"),
  LOR(0x91, "LOr"),
  LNOT(0x92, "LNot"),
  LEQUAL(0x93, "LEqual"),
  LGREATER(0x94, "LGreater"),
  LLESS(0x95, "LLess"),
  MID(0x9E, "Mid"),
  COND_REF_OF(0x5B12, "CondRefOf"),
  OP_REGION(0x5B80, "OperationRegion"),
  FIELD(0x5B81, "Field"),
  FIELD_UNIT(-1, ""),
  CALL(-1, "");

  /** One byte, or 0x5Bxx for an extended opcode, or -1 when the production has no opcode. */
  public final int opcode;

  /** The ASL keyword. */
  public final String asl;

  Op(int opcode, String asl) {
    this.opcode = opcode;
    this.asl = asl;
  }
}
