package dev.muxless.acpi;

import static dev.muxless.acpi.AmlBuilder.*;

import dev.muxless.core.MuxlessException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds the SSDTs that give the guest GPU's ACPI node a {@code _ROM} method serving a VBIOS
 * (acpi-rom.md; the origin notes' "custom ACPI table ... provided to qemu with -acpitable").
 *
 * <p>Embedded mode splits the ROM into overlapping chunks: chunk k holds bytes {@code [k*stride,
 * k*stride + stride + 4096)}, so a read of at most 4096 bytes never straddles two chunks, and each
 * chunk is in its own SSDT below QEMU's 65535-byte {@code -acpitable} limit (hw/acpi/core.c). The
 * first table also holds {@code _ROM}. Every table starts with, for each node on the path, a
 * module-level {@code If (LNot (CondRefOf (node)))} that defines it when nothing before did (run
 * N/O of acpi-rom.md 3.3), so the tables work whether or not QEMU describes the GPU, in any load
 * order.
 */
public final class RomTableGenerator {
  /** QEMU refuses an {@code -acpitable} larger than this (hw/acpi/core.c, UINT16_MAX). */
  public static final int MAX_TABLE_BYTES = 0xFFFF;

  /** Default chunk stride: 56 KiB + the 4 KiB overlap = 60 KiB of ROM per table. */
  public static final int DEFAULT_STRIDE = 0xE000;

  /**
   * QEMU asserts when all ACPI tables together exceed 2 MiB (hw/acpi/utils.c); 31 full tables fit,
   * and QEMU's own tables need some of that room.
   */
  public static final int MAX_TABLES = 30;

  public static final String DEFAULT_OEM_ID = "MUXLSS";
  public static final String DEFAULT_FW_CFG_NAME = "opt/dev.muxless/vbios";

  /** What to build; see {@link #embedded(AcpiPath)} and {@link #fwCfg(AcpiPath)}. */
  public record Options(
      RomTableMode mode, AcpiPath path, int stride, String fwCfgName, String oemId) {
    public Options {
      if (stride < RomMethod.MAX_READ || stride > DEFAULT_STRIDE) {
        throw new AmlException(
            "chunk stride 0x"
                + Integer.toHexString(stride)
                + " must be between 0x1000 and 0x"
                + Integer.toHexString(DEFAULT_STRIDE));
      }
      if (mode == RomTableMode.FW_CFG) {
        FwCfgRomLoader.checkName(fwCfgName);
      }
    }

    public static Options embedded(AcpiPath path) {
      return new Options(
          RomTableMode.EMBEDDED, path, DEFAULT_STRIDE, DEFAULT_FW_CFG_NAME, DEFAULT_OEM_ID);
    }

    public static Options fwCfg(AcpiPath path) {
      return new Options(
          RomTableMode.FW_CFG, path, DEFAULT_STRIDE, DEFAULT_FW_CFG_NAME, DEFAULT_OEM_ID);
    }

    /** The same options with another chunk stride (small strides keep iasl tests fast). */
    public Options withStride(int s) {
      return new Options(mode, path, s, fwCfgName, oemId);
    }
  }

  private RomTableGenerator() {}

  /**
   * The tables serving {@code rom} exactly (already stripped of any firmware prefix: see {@code
   * RomStrip.strip}). Throws {@link MuxlessException} (bad input) for an empty ROM or one too big
   * for QEMU's table space in embedded mode.
   */
  public static RomTables generate(byte[] rom, Options o) {
    if (rom.length == 0) {
      throw MuxlessException.badInput("the ROM is empty", "give a VBIOS file");
    }
    return o.mode() == RomTableMode.EMBEDDED ? embeddedTables(rom, o) : fwCfgTables(rom, o);
  }

  /** The chunk count for a ROM of n bytes: chunk offset/stride must exist for every offset < n. */
  static int chunkCount(int n, int stride) {
    return (n + stride - 1) / stride;
  }

  static String chunkName(int k) {
    return String.format("VB%02X", k);
  }

  private static RomTables embeddedTables(byte[] rom, Options o) {
    int stride = o.stride();
    int chunks = chunkCount(rom.length, stride);
    if (chunks > MAX_TABLES) {
      throw MuxlessException.badInput(
          "the ROM is "
              + rom.length
              + " bytes: embedded it needs "
              + chunks
              + " tables, more than QEMU's 2 MiB ACPI table space holds ("
              + MAX_TABLES
              + ")",
          "use --mode fw-cfg, which reads the ROM from a fw_cfg file instead");
    }
    String p = o.path().path();
    List<String> names = new ArrayList<>();
    for (int k = 0; k < chunks; k++) {
      names.add(chunkName(k));
    }
    List<GeneratedTable> tables = new ArrayList<>();
    for (int k = 0; k < chunks; k++) {
      int from = k * stride;
      byte[] chunk =
          Arrays.copyOfRange(rom, from, Math.min(rom.length, from + stride + RomMethod.MAX_READ));
      List<Aml> terms = new ArrayList<>();
      List<Aml> scope = new ArrayList<>();
      scope.add(name(names.get(k), buffer(chunk)));
      // every table carries the node guards, so the tables load in any order
      terms.addAll(NodeGuard.externals(o.path()));
      if (k == 0) {
        for (int j = 1; j < chunks; j++) {
          terms.add(external(p + "." + names.get(j), EXT_BUFFER));
        }
        scope.add(RomMethod.embedded(rom.length, stride, names));
      }
      terms.addAll(NodeGuard.guards(o.path()));
      terms.add(scope(p, scope));
      DefinitionBlock block = DefinitionBlock.ssdt(o.oemId(), String.format("VBIOS%03d", k), terms);
      tables.add(new GeneratedTable(String.format("ssdt-vbios-%02d.aml", k), block));
    }
    checkSizes(tables);
    return new RomTables(RomTableMode.EMBEDDED, o.path(), rom.length, stride, tables, null);
  }

  private static RomTables fwCfgTables(byte[] rom, Options o) {
    List<Aml> terms = new ArrayList<>(NodeGuard.externals(o.path()));
    terms.addAll(NodeGuard.guards(o.path()));
    terms.add(scope(o.path().path(), FwCfgRomLoader.objects(o.fwCfgName())));
    DefinitionBlock block = DefinitionBlock.ssdt(o.oemId(), "VBIOSFWC", terms);
    List<GeneratedTable> tables = List.of(new GeneratedTable("ssdt-vbios-fwcfg.aml", block));
    checkSizes(tables);
    return new RomTables(RomTableMode.FW_CFG, o.path(), rom.length, 0, tables, o.fwCfgName());
  }

  private static void checkSizes(List<GeneratedTable> tables) {
    for (GeneratedTable t : tables) {
      if (t.size() > MAX_TABLE_BYTES) {
        // the stride bounds every chunk table, so this is a bug in the generator, not bad input
        throw new IllegalStateException(
            t.fileName() + " is " + t.size() + " bytes, over QEMU's " + MAX_TABLE_BYTES);
      }
    }
  }
}
