package dev.muxless.acpi;

import static dev.muxless.acpi.AmlBuilder.*;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * AML that reads a file from QEMU's fw_cfg device through its x86 I/O ports (QEMU
 * docs/specs/fw_cfg.rst: selector at 0x510, 16-bit little-endian write; data at 0x511, one byte per
 * read; the file directory at selector 0x19 is a big-endian count followed by 64-byte entries {be32
 * size, be16 select, be16 reserved, char name[56]}). The same approach as lion328's
 * ssdt_loading_rom.asl (acpi-rom.md 1.4): byte by byte, so the first {@code _ROM} call takes
 * seconds under TCG for a large ROM, and then every call is served from memory.
 */
final class FwCfgRomLoader {
  static final int SELECTOR_PORT = 0x510;
  static final int FILE_DIR = 0x19;
  static final int NAME_BYTES = 56;

  private FwCfgRomLoader() {}

  /** fw_cfg file names are at most 55 characters and should start with "opt/" (fw_cfg.rst). */
  static void checkName(String name) {
    if (name.isEmpty() || name.length() > NAME_BYTES - 1 || !name.startsWith("opt/")) {
      throw new AmlException(
          "fw_cfg name '" + name + "' must start with opt/ and be at most 55 characters");
    }
    AmlEncoding.string(name);
  }

  /** Objects placed in the GPU's scope: the I/O region, the loader, and the ROM buffer. */
  static List<Aml> objects(String fileName) {
    List<Aml> out = new java.util.ArrayList<>(ioPorts());
    out.addAll(loader(fileName));
    return out;
  }

  /** FSEL (selector, write) and FDAT (data, read): the fw_cfg I/O ports as fields. */
  static List<Aml> ioPorts() {
    return List.of(
        opRegion("FWIO", SPACE_SYSTEM_IO, SELECTOR_PORT, 2),
        field("FWIO", ACC_WORD, List.of(fieldUnit("FSEL", 16))),
        field("FWIO", ACC_BYTE, List.of(fieldUnit(null, 8), fieldUnit("FDAT", 8))));
  }

  /**
   * The loader and {@code _ROM}, written against FSEL and FDAT only, so a test can put a simulated
   * fw_cfg device behind those two names.
   */
  static List<Aml> loader(String fileName) {
    checkName(fileName);
    byte[] wanted = new byte[NAME_BYTES];
    byte[] n = fileName.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(n, 0, wanted, 0, n.length);
    Aml fdat = ref("FDAT");
    return List.of(
        name("FWNM", buffer(wanted)),
        name("ROMB", buffer(new byte[] {0})),
        name("RLEN", integer(0)),
        name("LDED", integer(0)),
        // FWBE(n): the next n data bytes as a big-endian integer
        method(
            "FWBE",
            1,
            false,
            List.of(
                store(integer(0), local(0)),
                whileLoop(
                    arg(0),
                    List.of(
                        shiftLeft(local(0), integer(8), local(0)),
                        or(local(0), fdat, local(0)),
                        decrement(arg(0)))),
                ret(local(0)))),
        method(
            "FWLD",
            0,
            true,
            List.of(
                store(integer(1), ref("LDED")),
                store(integer(FILE_DIR), ref("FSEL")),
                store(call("FWBE", integer(4)), local(0)),
                whileLoop(
                    local(0),
                    List.of(
                        decrement(local(0)),
                        store(call("FWBE", integer(4)), local(1)),
                        store(call("FWBE", integer(2)), local(2)),
                        store(call("FWBE", integer(2)), local(3)),
                        store(zeroBuffer(integer(NAME_BYTES)), local(3)),
                        store(integer(0), local(4)),
                        whileLoop(
                            lless(local(4), integer(NAME_BYTES)),
                            List.of(
                                store(fdat, index(local(3), local(4), noTarget())),
                                increment(local(4)))),
                        ifThen(
                            land(lequal(local(3), ref("FWNM")), lgreater(local(1), integer(0))),
                            List.of(
                                copyObject(zeroBuffer(local(1)), ref("ROMB")),
                                store(local(2), ref("FSEL")),
                                store(integer(0), local(4)),
                                whileLoop(
                                    lless(local(4), local(1)),
                                    List.of(
                                        store(fdat, index(ref("ROMB"), local(4), noTarget())),
                                        increment(local(4)))),
                                store(local(1), ref("RLEN")),
                                breakLoop())))))),
        RomMethod.fromBuffer("LDED", "FWLD", "ROMB", "RLEN"));
  }
}
