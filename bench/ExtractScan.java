import dev.muxless.firmware.ExtractLimits;
import dev.muxless.firmware.ExtractResult;
import dev.muxless.firmware.RomExtractor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/**
 * Benchmark for rom extract's engine (run by bench/extract-scan.sh, never by the build): scan
 * throughput on large raw images, and the time for a 32 MiB flash image built from real firmware
 * (Debian OVMF volumes, LZMA-compressed) with a real VBIOS appended.
 */
public class ExtractScan {
  public static void main(String[] args) throws Exception {
    int mib = args.length > 0 ? Integer.parseInt(args[0]) : 256;
    byte[] random = new byte[mib << 20];
    new Random(1).nextBytes(random);
    byte[] erased = new byte[mib << 20];
    Arrays.fill(erased, (byte) 0xFF);
    ExtractLimits limits = new ExtractLimits(12, 1L << 30, 600_000);
    for (int round = 0; round < 3; round++) { // first rounds warm the JIT up
      report("random " + mib + " MiB", random, limits, round);
      report("0xFF " + mib + " MiB", erased, limits, round);
    }
    byte[] ovmf = Files.readAllBytes(Path.of("/usr/share/OVMF/OVMF_CODE_4M.fd"));
    byte[] flash = new byte[32 << 20];
    Arrays.fill(flash, (byte) 0xFF);
    int at = 0;
    for (int i = 0; i < 8 && at + ovmf.length <= flash.length; i++, at += 4 << 20) {
      System.arraycopy(ovmf, 0, flash, at, ovmf.length);
    }
    if (args.length > 1) {
      byte[] rom = Files.readAllBytes(Path.of(args[1]));
      System.arraycopy(rom, 0, flash, flash.length - rom.length - 0x1000, rom.length);
    }
    for (int round = 0; round < 3; round++) {
      report("32 MiB flash: 8 x OVMF_CODE_4M + VBIOS", flash, limits, round);
    }
  }

  static void report(String what, byte[] d, ExtractLimits limits, int round) {
    long t0 = System.nanoTime();
    ExtractResult r = RomExtractor.extract(d, what, limits, null);
    double s = (System.nanoTime() - t0) / 1e9;
    System.out.printf(
        "round %d  %-42s %8.3f s  %8.1f MB/s  volumes=%d roms=%d decompressed=%d MiB%n",
        round,
        what,
        s,
        d.length / 1e6 / s,
        r.nodes().stream().filter(n -> n.type().equals("Volume")).count(),
        r.roms().size(),
        r.decompressedBytes() >> 20);
  }
}
