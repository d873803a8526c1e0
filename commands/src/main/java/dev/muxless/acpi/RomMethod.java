package dev.muxless.acpi;

import static dev.muxless.acpi.AmlBuilder.*;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code _ROM (Arg0 offset, Arg1 length)} method body (acpi-rom.md 1.1 and 4): the length is
 * clamped to 4096 (NVIDIA's ROM_METHOD_MAX_RETURN_BUFFER_SIZE), and the returned Buffer always has
 * exactly that many bytes, zero-filled past the end of the ROM, because nv_acpi_rom_method rejects
 * a Buffer shorter than it asked for (coreboot's acpigen_write_rom pads for the same reason).
 */
final class RomMethod {
  /** The most bytes one {@code _ROM} call returns. */
  static final int MAX_READ = 0x1000;

  private RomMethod() {}

  /** Local0 = offset, Local1 = clamped length, and the early return for a read past the end. */
  private static List<Aml> prologue(Aml romLength) {
    List<Aml> b = new ArrayList<>();
    b.add(store(arg(0), local(0)));
    b.add(store(arg(1), local(1)));
    b.add(
        ifThen(lgreater(local(1), integer(MAX_READ)), List.of(store(integer(MAX_READ), local(1)))));
    b.add(ifThen(lgreaterEqual(local(0), romLength), List.of(ret(zeroBuffer(local(1))))));
    return b;
  }

  /** Pads Local4 with zeros up to Local1 bytes and returns it. */
  private static List<Aml> epilogue() {
    return List.of(
        store(sizeOf(local(4)), local(5)),
        ifThen(
            lless(local(5), local(1)),
            List.of(
                concat(local(4), zeroBuffer(subtract(local(1), local(5), noTarget())), local(4)))),
        ret(local(4)));
  }

  /**
   * The embedded form: the ROM is in Buffers {@code chunkNames[k]} holding bytes {@code [k*stride,
   * k*stride + stride + 4096)}, so the chunk {@code offset / stride} serves any read of at most
   * 4096 bytes whole.
   */
  static Aml embedded(long romLength, int stride, List<String> chunkNames) {
    List<Aml> b = prologue(integer(romLength));
    b.add(divide(local(0), integer(stride), local(2), local(3)));
    for (int k = 0; k < chunkNames.size(); k++) {
      b.add(
          ifThen(
              lequal(local(3), integer(k)),
              List.of(mid(ref(chunkNames.get(k)), local(2), local(1), local(4)))));
    }
    b.addAll(epilogue());
    return method("_ROM", 2, true, b);
  }

  /** The fw_cfg form: load the file on first use, then serve from {@code buffer}. */
  static Aml fromBuffer(String loaded, String loader, String buffer, String length) {
    List<Aml> b = new ArrayList<>();
    b.add(ifThen(lnot(ref(loaded)), List.of(call(loader))));
    b.addAll(prologue(ref(length)));
    b.add(mid(ref(buffer), local(0), local(1), local(4)));
    b.addAll(epilogue());
    return method("_ROM", 2, true, b);
  }
}
