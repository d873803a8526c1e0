package dev.muxless.acpi;

import static dev.muxless.acpi.AmlBuilder.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The definition blocks whose AML must equal iasl's output for their printed ASL, byte for byte.
 * Each case exercises one encoding rule at its boundaries (acpi-rom.md 2.3).
 */
final class GoldenCases {
  private GoldenCases() {}

  static Map<String, DefinitionBlock> all() {
    Map<String, DefinitionBlock> m = new LinkedHashMap<>();
    m.put("pkglength", pkgLengths());
    m.put("integers", integers());
    m.put("names", names());
    m.put("expressions", expressions());
    m.put("regions", regions());
    m.put("battery", BatteryTable.build());
    return m;
  }

  private static DefinitionBlock block(String id, List<Aml> terms) {
    return DefinitionBlock.ssdt("MUXLSS", id, terms);
  }

  private static byte[] ramp(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (i * 13 + 7);
    }
    return b;
  }

  /** Buffers whose PkgLength sits on each side of the 1-, 2- and 3-byte boundaries. */
  static DefinitionBlock pkgLengths() {
    List<Aml> t = new ArrayList<>();
    int[] sizes = {0, 1, 58, 59, 60, 61, 62, 255, 256, 4089, 4090, 4091, 4092};
    for (int n : sizes) {
      t.add(name(String.format("B%03X", n), buffer(ramp(n))));
    }
    // a Scope whose own PkgLength crosses 63 and a Method whose crosses 4095
    t.add(scope("\\_SB", List.of(name("BIG0", buffer(ramp(50))))));
    t.add(method("MBIG", 0, false, List.of(ret(buffer(ramp(4080))))));
    return block("PKGLEN", t);
  }

  static DefinitionBlock integers() {
    long[] values = {
      0, 1, 2, 0xFF, 0x100, 0xFFFF, 0x10000, 0xFFFFFFFFL, 0x100000000L, 0x123456789ABCDEFL
    };
    List<Aml> t = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      t.add(name(String.format("I%03d", i), integer(values[i])));
    }
    t.add(name("STR0", string("")));
    t.add(name("STR1", string("muxless VBIOS")));
    t.add(name("PKG0", pkg(integer(1), string("x"), integer(0x1000))));
    return block("INTEGERS", t);
  }

  static DefinitionBlock names() {
    List<Aml> t = new ArrayList<>();
    t.add(external("\\_SB.PCI0", EXT_DEVICE));
    t.add(external("\\_SB.PCI0.S10", EXT_DEVICE));
    t.add(scope("\\_SB", List.of(device("DEV1", List.of(name("_ADR", integer(0x00020000)))))));
    t.add(
        scope(
            "\\_SB.PCI0.S10",
            List.of(
                device("S00", List.of(name("_ADR", integer(0)), name("A", integer(5)))),
                name("AB", integer(1)),
                name("ABC", string("ABC")),
                method("REF0", 0, false, List.of(ret(ref("\\_SB.DEV1._ADR")))),
                method("REF1", 0, false, List.of(ret(ref("^AB")))),
                method("REF2", 0, false, List.of(ret(ref("^S00.A")))),
                method("REF3", 0, false, List.of(ret(ref("\\_SB.PCI0.S10.S00._ADR")))))));
    return block("NAMES", t);
  }

  /** Every expression and statement production the generators use. */
  static DefinitionBlock expressions() {
    List<Aml> body = new ArrayList<>();
    body.add(store(arg(0), local(0)));
    body.add(store(arg(1), local(1)));
    body.add(
        ifThen(lgreater(local(1), integer(0x1000)), List.of(store(integer(0x1000), local(1)))));
    body.add(
        ifThen(lgreaterEqual(local(0), sizeOf(ref("BUF0"))), List.of(ret(zeroBuffer(local(1))))));
    body.add(divide(local(0), integer(0xE000), local(2), local(3)));
    body.add(
        ifElse(
            lequal(local(3), integer(0)),
            List.of(mid(ref("BUF0"), local(2), local(1), local(4))),
            List.of(store(mid(ref("BUF0"), integer(0), local(1), noTarget()), local(4)))));
    body.add(store(sizeOf(local(4)), local(5)));
    body.add(
        ifThen(
            lless(local(5), local(1)),
            List.of(
                concat(local(4), zeroBuffer(subtract(local(1), local(5), noTarget())), local(4)))));
    body.add(add(local(5), integer(3), local(6)));
    body.add(multiply(local(6), integer(2), local(6)));
    body.add(shiftLeft(local(6), integer(8), local(6)));
    body.add(or(local(6), integer(0x55), local(6)));
    body.add(and(local(6), integer(0xFF), local(6)));
    body.add(increment(local(6)));
    body.add(decrement(local(6)));
    body.add(
        ifThen(
            land(lor(arg(0), arg(1)), lnot(lequal(local(6), integer(7)))),
            List.of(store(derefOf(index(ref("BUF0"), integer(1), noTarget())), local(7)))));
    body.add(store(integer(0), local(7)));
    body.add(
        whileLoop(
            lless(local(7), integer(4)),
            List.of(
                store(integer(0xAA), index(local(4), local(7), noTarget())),
                increment(local(7)),
                ifThen(lequal(local(7), integer(3)), List.of(breakLoop())))));
    body.add(copyObject(zeroBuffer(integer(8)), ref("BUF1")));
    body.add(ifThen(condRefOf("\\_SB.NONE"), List.of(store(call("HELP", integer(2)), local(7)))));
    body.add(ret(local(4)));
    List<Aml> t = new ArrayList<>();
    t.add(external("\\_SB.NONE", EXT_DEVICE));
    t.add(name("BUF0", buffer(ramp(16))));
    t.add(name("BUF1", buffer(new byte[] {1})));
    t.add(method("HELP", 1, false, List.of(ret(add(arg(0), integer(1), noTarget())))));
    t.add(method("_ROM", 2, true, body));
    return block("EXPRS", t);
  }

  static DefinitionBlock regions() {
    List<Aml> t = new ArrayList<>(FwCfgRomLoader.objects("opt/dev.muxless/vbios"));
    t.add(opRegion("MEM0", SPACE_SYSTEM_MEMORY, 0xFED00000L, 0x400));
    t.add(
        field(
            "MEM0",
            ACC_DWORD,
            List.of(
                fieldUnit("REG0", 32),
                fieldUnit(null, 96),
                fieldUnit("REG1", 64),
                fieldUnit("WIDE", 4096))));
    return block("REGIONS", List.of(scope("\\_SB", t)));
  }
}
