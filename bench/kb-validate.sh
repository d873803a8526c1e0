#!/usr/bin/env bash
# Benchmark: `setup validate` on the demo host, without a profile and with a `vm init` profile that
# names a real VBIOS (../shared/roms/nvidia/alt-1050m, 10de:1c8d like the demo GPU) and the four
# tables `acpi rom-table` and `acpi battery` write for it (~178 KB of AML). Prints the best of
# three wall times through ./muxless (JVM start included), then the engines alone in one warm JVM
# (FactCollector + SetupValidator, best of 100: host check vs. profile, ROM and tables). Run by
# hand after ./muxless has built the application; needs ../shared.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${MUXLESS_SHARED:-../shared}
rom="$shared/roms/nvidia/alt-1050m__ieatchange.rom"
[ -f "$rom" ] || { echo "no $rom: ../shared is needed" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export MUXLESS_ROOT=demo MUXLESS_STATE="$tmp/state"
cp "$rom" "$tmp/vbios.rom" # a temporary copy: the profile's romfile
./muxless acpi rom-table --rom "$tmp/vbios.rom" --out-dir "$tmp/acpi" > /dev/null
./muxless acpi battery --out "$tmp/acpi/battery.aml" > /dev/null
tables=$(cd "$tmp" && ls acpi/*.aml | paste -sd, -)
(cd "$tmp" && "$OLDPWD/muxless" vm init --out profile.json --rom vbios.rom --acpi-tables "$tables" > /dev/null)
. bench/timing.sh
validate() { ./muxless setup validate "$@" --json > "$tmp/out.json"; }
t0=$(best_of_three validate)
tp=$(best_of_three validate --profile "$tmp/profile.json")
steps=$(python3 -c "import json,collections;d=json.load(open('$tmp/out.json'));print(dict(collections.Counter(s['status'] for s in d['steps'])))")
echo "setup validate, no profile: ${t0}s  with profile + ROM + 4 tables: ${tp}s  (${steps})"
cat > "$tmp/KbValidateBench.java" <<'JAVA'
import dev.muxless.host.HostRoot;
import dev.muxless.kb.*;
import java.nio.file.Path;

public class KbValidateBench {
  public static void main(String[] a) {
    SetupValidator v = new SetupValidator(KnowledgeBase.bundled());
    HostRoot demo = HostRoot.demo();
    for (String prof : new String[] {null, a[0], null, a[0]}) { // the first two warm up
      long best = Long.MAX_VALUE;
      for (int i = 0; i < 100; i++) {
        long t = System.nanoTime();
        FactCollector f = FactCollector.read(demo, prof == null ? null : Path.of(prof));
        v.validate(v.defaultTarget(f), f);
        best = Math.min(best, System.nanoTime() - t);
      }
      System.out.printf("  in one JVM, %s: %.1f ms%n", prof == null ? "no profile" : "profile", best / 1e6);
    }
  }
}
JAVA
java -cp "$(ls shell/target/app/lib/*.jar | paste -sd:)" "$tmp/KbValidateBench.java" "$tmp/profile.json" | tail -2
