package dev.muxless.acpi;

import static dev.muxless.acpi.AmlBuilder.*;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fw-cfg loader's AML run by the real acpiexec against a simulated fw_cfg device: acpiexec has
 * no fw_cfg, so the test defines FSEL as a plain Integer and FDAT as a method that streams the
 * bytes QEMU's data port would (docs/specs/fw_cfg.rst: selecting an item restarts its stream; item
 * 0x19 is the file directory, a big-endian count then 64-byte entries). Only the two port fields
 * are replaced; the directory walk, name match, copy and {@code _ROM} are the generated code.
 */
class FwCfgLoaderTest {
  @TempDir Path dir;

  static byte[] directory(Object[][] entries) {
    ByteArrayOutputStream d = new ByteArrayOutputStream();
    be(d, entries.length, 4);
    for (Object[] e : entries) {
      be(d, (Integer) e[2], 4); // size
      be(d, (Integer) e[1], 2); // select
      be(d, 0, 2); // reserved
      byte[] name = new byte[56];
      byte[] n = ((String) e[0]).getBytes(StandardCharsets.US_ASCII);
      System.arraycopy(n, 0, name, 0, n.length);
      d.writeBytes(name);
    }
    return d.toByteArray();
  }

  static void be(ByteArrayOutputStream out, long v, int n) {
    for (int i = n - 1; i >= 0; i--) {
      out.write((int) (v >>> (8 * i)));
    }
  }

  /** Name(FSEL) + Method(FDAT): the fw_cfg data port over a directory and two files. */
  static List<Aml> fakeDevice(byte[] rom) {
    byte[] other = "not the ROM".getBytes(StandardCharsets.US_ASCII);
    byte[] dirBytes =
        directory(
            new Object[][] {
              {"etc/boot-order", 0x21, other.length},
              {"opt/dev.muxless/vbios", 0x22, rom.length},
              {"opt/zzz", 0x23, 4}
            });
    Aml sel = ref("FSEL");
    return List.of(
        name("FSEL", integer(0)),
        name("LSEL", integer(0xFFFF)),
        name("FPOS", integer(0)),
        name("DIRB", buffer(dirBytes)),
        name("OTHR", buffer(other)),
        name("FROM", buffer(rom)),
        method(
            "FDAT",
            0,
            true,
            List.of(
                ifThen(
                    lnot(lequal(sel, ref("LSEL"))),
                    List.of(store(sel, ref("LSEL")), store(integer(0), ref("FPOS")))),
                store(integer(0), local(1)),
                ifThen(
                    lequal(sel, integer(0x19)),
                    List.of(store(derefOf(index(ref("DIRB"), ref("FPOS"), noTarget())), local(1)))),
                ifThen(
                    lequal(sel, integer(0x21)),
                    List.of(store(derefOf(index(ref("OTHR"), ref("FPOS"), noTarget())), local(1)))),
                ifThen(
                    lequal(sel, integer(0x22)),
                    List.of(store(derefOf(index(ref("FROM"), ref("FPOS"), noTarget())), local(1)))),
                increment(ref("FPOS")),
                ret(local(1)))));
  }

  @Test
  void loaderFindsTheFileInTheDirectoryAndServesItsBytes() throws Exception {
    AcpiTools.assumeTool("acpiexec");
    byte[] rom = TestRoms.pattern(9_000);
    AcpiPath path = AcpiPath.DEFAULT;
    List<Aml> scope = new ArrayList<>(fakeDevice(rom));
    scope.addAll(FwCfgRomLoader.loader(RomTableGenerator.DEFAULT_FW_CFG_NAME));
    List<Aml> terms = new ArrayList<>(NodeGuard.externals(path));
    terms.addAll(NodeGuard.guards(path));
    terms.add(scope(path.path(), scope));
    GeneratedTable t =
        new GeneratedTable("fwcfg-sim.aml", DefinitionBlock.ssdt("MUXLSS", "FWCFGSIM", terms));
    RomTables tables =
        new RomTables(
            RomTableMode.FW_CFG, path, rom.length, 0, List.of(t), "opt/dev.muxless/vbios");
    RomReads.verify(dir, rom, tables, null);
  }
}
