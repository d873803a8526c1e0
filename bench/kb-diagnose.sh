#!/usr/bin/env bash
# Benchmark: `diagnose` on a large synthetic journal, through the packaged application.
# Builds LINES lines (default 200000): every symptom example once per 1000 lines, the rest ordinary
# kernel messages with journalctl prefixes; prints the best of three wall times and lines/s (JVM
# start included; a run on 1 line gives the start-up cost to subtract). Run by hand after `mvn -q package -DskipTests`.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=shell/target/muxless.jar
lines=${1:-200000}
[ -f "$jar" ] || { echo "build first: mvn -q package -DskipTests" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$lines" "$tmp/big.log" <<'PY'
import json, sys
n, out = int(sys.argv[1]), sys.argv[2]
ex = [e for s in json.load(open("knowledge-base/symptoms.json"))["symptoms"] for e in s["examples"]]
noise = ["usb 1-4: new high-speed USB device number %d using xhci_hcd",
         "EXT4-fs (nvme0n1p2): mounted filesystem with ordered data mode",
         "wlp2s0: associated", "audit: type=1400 audit(%d.123:42): apparmor=\"STATUS\""]
with open(out, "w") as f:
    for i in range(n):
        msg = ex[(i // 1000) % len(ex)] if i % 1000 == 0 else noise[i % len(noise)].replace("%d", str(i))
        f.write("Nov 21 10:%02d:%02d laptop kernel: [%6d.%06d] %s\n" % (i // 3600 % 60, i // 60 % 60, i // 100, i % 1000000, msg))
PY
. bench/timing.sh
diagnose() { MUXLESS_STATE="$tmp/state" java -jar "$jar" diagnose --log "$1" --json > "$tmp/out.json"; }
head -1 "$tmp/big.log" > "$tmp/one.log"
t1=$(best_of_three diagnose "$tmp/one.log")
tn=$(best_of_three diagnose "$tmp/big.log")
findings=$(python3 -c "import json;d=json.load(open('$tmp/out.json'));print(len(d['findings']), sum(len(f['lines']) for f in d['findings']), len(d['unmatched']))")
echo "1 line: ${t1}s (start-up)  ${lines} lines: ${tn}s  findings/matched lines/unmatched: ${findings}"
awk -v n="$lines" -v a="$t1" -v b="$tn" 'BEGIN { printf "engine throughput ~ %.0f lines/s\n", n / (b - a) }'
