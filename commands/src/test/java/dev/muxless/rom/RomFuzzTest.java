package dev.muxless.rom;

import static org.assertj.core.api.Assertions.assertThat;

import dev.muxless.core.MuxlessException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Mutated ROMs (bit flips, truncations, corrupted pointers and lengths, spliced chunks) derived
 * from the synthetic ROMs and, when ../shared is present, the real ones: every engine entry point
 * must return (never throw, never hang). Deterministic seed, so a failure names a reproducible
 * case.
 */
class RomFuzzTest {
  static final int SYNTHETIC_CASES = 10_000;
  static final int REAL_CASES = 800;

  /** A hang detector, not a benchmark: a single input taking seconds means a loop went wrong. */
  static final long MAX_NANOS_PER_INPUT = TimeUnit.SECONDS.toNanos(2);

  @Test
  @Timeout(value = 150, unit = TimeUnit.SECONDS)
  void mutatedInputsNeverThrowOrHang() throws Exception {
    List<byte[]> seeds = new ArrayList<>(synthetic());
    Random rnd = new Random(20261121L);
    long worst = run(seeds, SYNTHETIC_CASES, rnd);
    List<byte[]> real = new ArrayList<>();
    if (Files.isDirectory(SharedRoms.root().resolve("roms"))) {
      for (String f : SharedRoms.files()) {
        real.add(SharedRoms.read(f));
      }
      worst = Math.max(worst, run(real, REAL_CASES, rnd));
    }
    assertThat(worst).isLessThan(MAX_NANOS_PER_INPUT);
  }

  private static long run(List<byte[]> seeds, int cases, Random rnd) {
    long worst = 0;
    for (int n = 0; n < cases; n++) {
      byte[] seed = seeds.get(rnd.nextInt(seeds.size()));
      byte[] in = mutate(seed, rnd);
      byte[] copy = in.clone();
      long t0 = System.nanoTime();
      try {
        exercise(in);
      } catch (RuntimeException | StackOverflowError e) {
        throw new AssertionError(
            "case " + n + " (" + in.length + " bytes, seed " + seed.length + " bytes) threw " + e,
            e);
      }
      worst = Math.max(worst, System.nanoTime() - t0);
      assertThat(Arrays.equals(in, copy)).as("case %d: input modified", n).isTrue();
    }
    return worst;
  }

  private static void exercise(byte[] in) {
    RomReport r = RomParser.parse(in, "fuzz");
    if (r.problems().stream().anyMatch(p -> p.message().startsWith("internal parser error"))) {
      throw new IllegalStateException("parser caught its own bug: " + r.problems());
    }
    assertThat(r.romStart()).isBetween(-1, in.length);
    for (RomImage i : r.images()) {
      assertThat(i.offset()).isBetween(0L, (long) in.length);
    }
    RomParser.scan(in, "fuzz", 512);
    RomParserFormat.render(in);
    RomHexdump.render(in, r, Math.max(0, r.romStart()), 1024);
    try {
      StrippedRom s = RomStrip.strip(in, "fuzz");
      assertThat(s.bytes().length).isLessThanOrEqualTo(in.length);
      // the mutations break checksums and other content, so the stripped ROM may keep ERRORs of
      // the input; but it must be the input's chain alone, complete, starting at 0
      assertThat(s.bytes()).isEqualTo(Arrays.copyOfRange(in, s.start(), s.end()));
      RomReport again = RomParser.parse(s.bytes(), "stripped");
      assertThat(again.romStart()).isZero();
      assertThat(again.chainEnd()).isEqualTo(s.bytes().length);
      assertThat(again.images()).hasSameSizeAs(r.images());
      assertThat(again.problems())
          .noneMatch(
              p ->
                  p.message().startsWith("truncated")
                      || p.message().startsWith("zero-length image")
                      || p.message().startsWith("no image signature"));
    } catch (MuxlessException expected) {
      // no ROM or a broken chain: a clear error is the right answer
    }
  }

  static List<byte[]> synthetic() {
    List<byte[]> s = new ArrayList<>();
    s.add(SyntheticRom.pascalLaptop("86.07.3c.00.1f"));
    s.add(
        SyntheticRom.chain(SyntheticRom.x86().blocks(2).last(false), SyntheticRom.efi().blocks(2)));
    s.add(
        SyntheticRom.concat(
            SyntheticRom.nvgiV1(0x400, 0x400), SyntheticRom.pascalLaptop("84.04.22.00.0a")));
    s.add(
        SyntheticRom.concat(
            SyntheticRom.nvgiV3(0x1200, 0x1200),
            SyntheticRom.chain(
                SyntheticRom.x86().blocks(2).bit("94.04.55.00.92").npde(2, false),
                SyntheticRom.efi().blocks(1).last(true).npde(1, false),
                SyntheticRom.nv(0xE0).blocks(1).npde(1, true))));
    s.add(SyntheticRom.x86().blocks(1).build());
    return s;
  }

  static byte[] mutate(byte[] seed, Random rnd) {
    byte[] b = seed.clone();
    int kind = rnd.nextInt(6);
    switch (kind) {
      case 0 -> { // bit flips
        int flips = 1 + rnd.nextInt(16);
        for (int i = 0; i < flips; i++) {
          int at = rnd.nextInt(b.length);
          b[at] ^= (byte) (1 << rnd.nextInt(8));
        }
      }
      case 1 -> b = Arrays.copyOf(b, rnd.nextInt(b.length + 1)); // truncation
      case 2 -> { // a corrupted pointer or length inside a structure
        int[] fields = {0x02, 0x18, 0x19, 0x16};
        int image = structureNear(b, rnd, "\u0055\u00aa");
        int at = image + fields[rnd.nextInt(fields.length)];
        poke16(b, at, interesting(rnd));
      }
      case 3 -> { // PCIR / NPDE / BIT fields
        String[] sigs = {"PCIR", "NPDS", "NPDE", "BIT"};
        int at = structureNear(b, rnd, sigs[rnd.nextInt(sigs.length)]);
        poke16(b, at + 4 + 2 * rnd.nextInt(10), interesting(rnd));
      }
      case 4 -> { // splice a chunk of the file elsewhere
        int len = 1 + rnd.nextInt(Math.min(b.length, 4096));
        int from = rnd.nextInt(b.length - len + 1);
        int to = rnd.nextInt(b.length - len + 1);
        System.arraycopy(seed, from, b, to, len);
        b = Arrays.copyOf(b, Math.max(1, b.length - rnd.nextInt(len)));
      }
      default -> { // random bytes over a region, sometimes with a fresh 55 AA
        int at = rnd.nextInt(b.length);
        int len = Math.min(b.length - at, 1 + rnd.nextInt(64));
        for (int i = 0; i < len; i++) {
          b[at + i] = (byte) rnd.nextInt(256);
        }
        int h = (rnd.nextInt(Math.max(1, b.length / 512))) * 512;
        if (h + 1 < b.length) {
          b[h] = 0x55;
          b[h + 1] = (byte) 0xAA;
        }
      }
    }
    return b;
  }

  private static int structureNear(byte[] b, Random rnd, String sig) {
    byte[] s = sig.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    List<Integer> hits = new ArrayList<>();
    for (int i = 0; i + s.length <= b.length && hits.size() < 64; i++) {
      if (b[i] == s[0] && Arrays.equals(b, i, i + s.length, s, 0, s.length)) {
        hits.add(i);
      }
    }
    return hits.isEmpty() ? rnd.nextInt(b.length) : hits.get(rnd.nextInt(hits.size()));
  }

  private static int interesting(Random rnd) {
    int[] v = {0, 1, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xfffe, 0xffff};
    return rnd.nextBoolean() ? v[rnd.nextInt(v.length)] : rnd.nextInt(0x10000);
  }

  private static void poke16(byte[] b, int at, int v) {
    if (at >= 0 && at + 1 < b.length) {
      b[at] = (byte) v;
      b[at + 1] = (byte) (v >> 8);
    }
  }
}
