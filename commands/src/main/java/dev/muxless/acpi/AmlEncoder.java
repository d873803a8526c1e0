package dev.muxless.acpi;

import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * Serialises an {@link Aml} tree to AML bytes. Like QEMU's {@code aml_append}, a package's body is
 * encoded first and the PkgLength is then prepended from its finished size ({@link
 * AmlEncoding#pkgLength}), so lengths are never tracked by hand.
 */
public final class AmlEncoder {
  private AmlEncoder() {}

  public static byte[] encode(Aml node) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(out, node);
    return out.toByteArray();
  }

  /** The term list of a block, in order. */
  public static byte[] encode(List<Aml> terms) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Aml t : terms) {
      write(out, t);
    }
    return out.toByteArray();
  }

  private static void opcode(ByteArrayOutputStream out, Op op) {
    if (op.opcode > 0xFF) {
      out.write(op.opcode >>> 8);
    }
    out.write(op.opcode & 0xFF);
  }

  /** Opcode, PkgLength, then the body: ScopeOp, DeviceOp, MethodOp, IfOp, BufferOp, ... */
  private static void packaged(ByteArrayOutputStream out, Op op, byte[] body) {
    opcode(out, op);
    out.writeBytes(AmlEncoding.pkgLength(body.length));
    out.writeBytes(body);
  }

  private static void write(ByteArrayOutputStream out, Aml n) {
    switch (n.op()) {
      case INTEGER -> out.writeBytes(AmlEncoding.integer(n.value()));
      case STRING -> out.writeBytes(AmlEncoding.string(n.name()));
      case NAMEREF -> out.writeBytes(AmlEncoding.nameString(n.name()));
      case LOCAL, ARG -> out.write(n.op().opcode + (int) n.value());
      case NULL_TARGET, BREAK -> opcode(out, n.op());
      case BUFFER -> {
        ByteArrayOutputStream b = new ByteArrayOutputStream(n.dataLength() + 8);
        write(b, n.args().get(0));
        b.writeBytes(n.dataUnsafe());
        packaged(out, Op.BUFFER, b.toByteArray());
      }
      case PACKAGE -> {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write((int) n.value());
        n.args().forEach(a -> write(b, a));
        packaged(out, Op.PACKAGE, b.toByteArray());
      }
      case SCOPE, DEVICE -> {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(AmlEncoding.nameString(n.name()));
        n.body().forEach(t -> write(b, t));
        packaged(out, n.op(), b.toByteArray());
      }
      case METHOD -> {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(AmlEncoding.nameString(n.name()));
        b.write((int) n.value());
        n.body().forEach(t -> write(b, t));
        packaged(out, Op.METHOD, b.toByteArray());
      }
      case NAME -> {
        opcode(out, Op.NAME);
        out.writeBytes(AmlEncoding.nameString(n.name()));
        write(out, n.args().get(0));
      }
      case EXTERNAL -> {
        opcode(out, Op.EXTERNAL);
        out.writeBytes(AmlEncoding.nameString(n.name()));
        out.write((int) n.value());
        out.write(0); // ArgumentCount: only meaningful for MethodObj, which we do not declare
      }
      case IF, WHILE -> {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        write(b, n.args().get(0));
        n.body().forEach(t -> write(b, t));
        packaged(out, n.op(), b.toByteArray());
        if (n.elseBody() != null) {
          ByteArrayOutputStream e = new ByteArrayOutputStream();
          n.elseBody().forEach(t -> write(e, t));
          out.write(0xA1); // ElseOp follows its If (20.2.5.3 DefElse)
          out.writeBytes(AmlEncoding.pkgLength(e.size()));
          out.writeBytes(e.toByteArray());
        }
      }
      case OP_REGION -> {
        opcode(out, Op.OP_REGION);
        out.writeBytes(AmlEncoding.nameString(n.name()));
        out.write((int) n.value());
        n.args().forEach(a -> write(out, a));
      }
      case FIELD -> {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(AmlEncoding.nameString(n.name()));
        b.write((int) n.value());
        for (Aml u : n.body()) {
          if (u.name() == null) {
            b.write(0x00); // ReservedField := 0x00 PkgLength
          } else {
            b.writeBytes(AmlEncoding.nameSeg(u.name(), n.name()));
          }
          b.writeBytes(AmlEncoding.fieldLength((int) u.value()));
        }
        packaged(out, Op.FIELD, b.toByteArray());
      }
      case FIELD_UNIT -> throw new AmlException("a field unit outside a Field");
      case COND_REF_OF -> {
        opcode(out, Op.COND_REF_OF);
        out.writeBytes(AmlEncoding.nameString(n.name()));
        n.args().forEach(a -> write(out, a));
      }
      case CALL -> {
        out.writeBytes(AmlEncoding.nameString(n.name()));
        n.args().forEach(a -> write(out, a));
      }
      default -> {
        // every other production is the opcode followed by its operands in order
        opcode(out, n.op());
        n.args().forEach(a -> write(out, a));
      }
    }
  }
}
