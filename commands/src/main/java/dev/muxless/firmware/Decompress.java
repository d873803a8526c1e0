package dev.muxless.firmware;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.tukaani.xz.LZMAInputStream;
import org.tukaani.xz.MemoryLimitException;
import org.tukaani.xz.simple.X86;

/** The decompressors a firmware volume uses, each bounded by the walk's {@link Budget}. */
final class Decompress {
  /** LZMA dictionaries above this are refused (EDK2's LzmaCompress uses at most 32 MiB). */
  private static final int LZMA_MEMORY_LIMIT_KIB = 80 * 1024;

  private Decompress() {}

  /**
   * Raw LZMA as EDK2's LzmaCompress writes it (BaseTools/Source/C/LzmaCompress): 1 byte properties,
   * u32 dictionary size, u64 uncompressed size, then the stream. Decoded by org.tukaani:xz.
   */
  static byte[] lzma(byte[] d, int off, int len, Budget budget, long absOffset) {
    if (len < 13) {
      throw new FirmwareFormatException("LZMA data shorter than its 13-byte header", absOffset);
    }
    long declared = Le.u64(d, off + 5);
    long limit = budget.remaining();
    if (declared != -1 && (declared < 0 || declared > limit)) {
      budget.charge(declared < 0 ? Long.MAX_VALUE : declared, absOffset);
    }
    try (InputStream in =
        new LZMAInputStream(new ByteArrayInputStream(d, off, len), LZMA_MEMORY_LIMIT_KIB)) {
      byte[] out;
      if (declared >= 0) {
        out = in.readNBytes((int) declared);
        if (out.length != declared) {
          throw new FirmwareFormatException(
              "LZMA stream ended after "
                  + out.length
                  + " of the "
                  + declared
                  + " bytes its header declares",
              absOffset);
        }
      } else {
        out = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, limit + 1));
        if (out.length > limit) {
          budget.charge(out.length, absOffset);
        }
      }
      budget.charge(out.length, absOffset);
      return out;
    } catch (MemoryLimitException e) {
      throw new FirmwareLimitException(
          "LZMA dictionary needs " + e.getMemoryNeeded() + " KiB, above the limit", absOffset);
    } catch (IOException e) {
      throw new FirmwareFormatException("LZMA data is corrupt: " + e.getMessage(), absOffset);
    }
  }

  /** LZMA followed by the x86 BCJ filter (EDK2 LzmaCustomDecompressLib, LZMA_F86 GUID). */
  static byte[] lzmaF86(byte[] d, int off, int len, Budget budget, long absOffset) {
    byte[] out = lzma(d, off, len, budget, absOffset);
    new X86(false, 0).code(out, 0, out.length);
    return out;
  }

  /**
   * EFI_STANDARD_COMPRESSION sections and Tiano GUID sections exist in both variants in the field
   * (UEFITool tries both too): a variant is taken when its stream ends exactly where the header
   * says; if neither does, the preferred one's output is used when it decoded without error.
   */
  static byte[] efiOrTiano(
      byte[] d, int off, int len, EfiDecompressor.Variant first, Budget budget, long absOffset) {
    long declared = EfiDecompressor.declaredSize(d, off, len);
    // The charge is what bounds memory here: it throws FirmwareLimitException before anything is
    // allocated when the declared size is over what the budget has left. maxOut = declared below,
    // so EfiDecompressor.run's own orig > maxOut check cannot fire on this path.
    budget.charge(declared, absOffset);
    EfiDecompressor.Variant second =
        first == EfiDecompressor.Variant.EFI
            ? EfiDecompressor.Variant.TIANO
            : EfiDecompressor.Variant.EFI;
    EfiDecompressor a = null;
    String why = null;
    for (EfiDecompressor.Variant v : new EfiDecompressor.Variant[] {first, second}) {
      try {
        EfiDecompressor r = EfiDecompressor.run(d, off, len, v, declared);
        if (r.endedCleanly()) {
          return r.output();
        }
        if (a == null) {
          a = r;
        }
      } catch (FirmwareLimitException e) {
        throw e;
      } catch (FirmwareFormatException e) {
        why = why == null ? e.getMessage() : why;
      }
    }
    if (a != null) {
      return a.output();
    }
    throw new FirmwareFormatException(
        "neither EFI nor Tiano decompression accepts the data (" + why + ")", absOffset);
  }
}
