package dev.muxless.acpi;

import java.util.List;

/**
 * Prints an {@link Aml} tree as ASL source that iasl compiles back to the same AML (legacy ASL
 * operator syntax, ACPI 6.5 section 19, so the printed text maps one-to-one onto the tree; iasl's
 * {@code -d} output uses the ASL+ operators instead).
 */
public final class AslPrinter {
  private static final String INDENT = "    ";
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private AslPrinter() {}

  /** The term list, one statement per line, at the given depth. */
  public static void terms(StringBuilder sb, List<Aml> terms, int depth) {
    for (Aml t : terms) {
      statement(sb, t, depth);
    }
  }

  /** A node printed on its own, as it appears inside an expression. */
  public static String expression(Aml n) {
    StringBuilder sb = new StringBuilder();
    expr(sb, n, 0);
    return sb.toString();
  }

  private static void indent(StringBuilder sb, int depth) {
    sb.append(INDENT.repeat(depth));
  }

  private static void block(StringBuilder sb, List<Aml> body, int depth) {
    indent(sb, depth);
    sb.append("{\n");
    terms(sb, body, depth + 1);
    indent(sb, depth);
    sb.append("}\n");
  }

  private static void statement(StringBuilder sb, Aml n, int depth) {
    switch (n.op()) {
      case SCOPE, DEVICE -> {
        indent(sb, depth);
        sb.append(n.op().asl).append(" (").append(n.name()).append(")\n");
        block(sb, n.body(), depth);
      }
      case METHOD -> {
        indent(sb, depth);
        sb.append("Method (")
            .append(n.name())
            .append(", ")
            .append(n.value() & 7)
            .append((n.value() & 8) != 0 ? ", Serialized" : ", NotSerialized")
            .append(")\n");
        block(sb, n.body(), depth);
      }
      case IF, WHILE -> {
        indent(sb, depth);
        sb.append(n.op().asl).append(" (");
        expr(sb, n.args().get(0), depth);
        sb.append(")\n");
        block(sb, n.body(), depth);
        if (n.elseBody() != null) {
          indent(sb, depth);
          sb.append("Else\n");
          block(sb, n.elseBody(), depth);
        }
      }
      case FIELD -> {
        indent(sb, depth);
        sb.append("Field (")
            .append(n.name())
            .append(", ")
            .append(accessName((int) n.value()))
            .append(", NoLock, Preserve)\n");
        indent(sb, depth);
        sb.append("{\n");
        for (int i = 0; i < n.body().size(); i++) {
          Aml u = n.body().get(i);
          indent(sb, depth + 1);
          sb.append(u.name() == null ? "" : u.name()).append(", ").append(u.value());
          sb.append(i + 1 < n.body().size() ? ",\n" : "\n");
        }
        indent(sb, depth);
        sb.append("}\n");
      }
      default -> {
        indent(sb, depth);
        expr(sb, n, depth);
        sb.append('\n');
      }
    }
  }

  private static String accessName(int access) {
    return switch (access & 0x0F) {
      case 0 -> "AnyAcc";
      case 1 -> "ByteAcc";
      case 2 -> "WordAcc";
      case 3 -> "DWordAcc";
      case 4 -> "QWordAcc";
      default -> "BufferAcc";
    };
  }

  private static String externalType(long t) {
    String name = ObjectType.aslName((int) t);
    return name != null ? name : "UnknownObj";
  }

  private static String spaceName(long s) {
    return switch ((int) s) {
      case 0 -> "SystemMemory";
      case 1 -> "SystemIO";
      case 2 -> "PCI_Config";
      default -> String.format("0x%02X", s);
    };
  }

  static String hex(long v) {
    return v == 0 ? "Zero" : v == 1 ? "One" : "0x" + Long.toHexString(v).toUpperCase();
  }

  private static void call(StringBuilder sb, String keyword, List<Aml> args, int depth) {
    sb.append(keyword).append(" (");
    for (int i = 0; i < args.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      expr(sb, args.get(i), depth);
    }
    sb.append(')');
  }

  /** Operands followed by a Target that is left out when absent. */
  private static void callWithTarget(StringBuilder sb, String keyword, List<Aml> args, int depth) {
    Aml last = args.get(args.size() - 1);
    call(sb, keyword, last.op() == Op.NULL_TARGET ? args.subList(0, args.size() - 1) : args, depth);
  }

  private static void expr(StringBuilder sb, Aml n, int depth) {
    switch (n.op()) {
      case INTEGER -> sb.append(hex(n.value()));
      case STRING ->
          sb.append('"').append(n.name().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
      case NAMEREF -> sb.append(n.name());
      case LOCAL -> sb.append("Local").append(n.value());
      case ARG -> sb.append("Arg").append(n.value());
      case NULL_TARGET -> {}
      case BREAK -> sb.append("Break");
      case BUFFER -> buffer(sb, n, depth);
      case PACKAGE -> {
        sb.append("Package (").append(hex(n.value())).append(")\n");
        indent(sb, depth);
        sb.append("{\n");
        for (int i = 0; i < n.args().size(); i++) {
          indent(sb, depth + 1);
          expr(sb, n.args().get(i), depth + 1);
          sb.append(i + 1 < n.args().size() ? ",\n" : "\n");
        }
        indent(sb, depth);
        sb.append('}');
      }
      case NAME -> {
        sb.append("Name (").append(n.name()).append(", ");
        expr(sb, n.args().get(0), depth);
        sb.append(')');
      }
      case EXTERNAL ->
          sb.append("External (")
              .append(n.name())
              .append(", ")
              .append(externalType(n.value()))
              .append(')');
      case OP_REGION -> {
        sb.append("OperationRegion (")
            .append(n.name())
            .append(", ")
            .append(spaceName(n.value()))
            .append(", ");
        expr(sb, n.args().get(0), depth);
        sb.append(", ");
        expr(sb, n.args().get(1), depth);
        sb.append(')');
      }
      case RETURN,
              SIZE_OF,
              DEREF_OF,
              LNOT,
              INCREMENT,
              DECREMENT,
              STORE,
              COPY_OBJECT,
              LAND,
              LOR,
              LEQUAL,
              LGREATER,
              LLESS ->
          call(sb, n.op().asl, n.args(), depth);
      case COND_REF_OF ->
          callWithTarget(
              sb,
              "CondRefOf",
              java.util.stream.Stream.concat(
                      java.util.stream.Stream.of(AmlBuilder.ref(n.name())), n.args().stream())
                  .toList(),
              depth);
      case DIVIDE -> {
        sb.append("Divide (");
        for (int i = 0; i < 4; i++) {
          if (i > 0) {
            sb.append(", ");
          }
          expr(sb, n.args().get(i), depth);
        }
        sb.append(')');
      }
      case CALL -> call(sb, n.name(), n.args(), depth);
      case SCOPE, DEVICE, METHOD, IF, WHILE, FIELD, FIELD_UNIT ->
          throw new AmlException(n.op().asl + " cannot appear inside an expression");
      default -> callWithTarget(sb, n.op().asl, n.args(), depth);
    }
  }

  private static void buffer(StringBuilder sb, Aml n, int depth) {
    sb.append("Buffer (");
    expr(sb, n.args().get(0), depth);
    sb.append(')');
    byte[] d = n.dataUnsafe();
    if (d.length == 0) {
      sb.append(" {}");
      return;
    }
    sb.append('\n');
    indent(sb, depth);
    sb.append("{\n");
    String pad = INDENT.repeat(depth + 1);
    for (int i = 0; i < d.length; i += 16) {
      sb.append(pad).append("/* ");
      for (int s = 12; s >= 0; s -= 4) {
        sb.append(HEX[(i >>> s) & 0xF]);
      }
      sb.append(" */ ");
      int end = Math.min(d.length, i + 16);
      for (int k = i; k < end; k++) {
        sb.append("0x").append(HEX[(d[k] >> 4) & 0xF]).append(HEX[d[k] & 0xF]);
        if (k + 1 < d.length) {
          sb.append(k + 1 < end ? ", " : ",");
        }
      }
      sb.append('\n');
    }
    indent(sb, depth);
    sb.append('}');
  }
}
