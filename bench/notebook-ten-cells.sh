#!/usr/bin/env bash
# Times a ten-cell notebook through the packaged application, as a user runs it:
#   java -jar shell/target/muxless.jar notebook run ten-cells.jsh          (the fat jar)
#   java -jar <extracted>/muxless.jar notebook run ten-cells.jsh           (the layout ./muxless runs)
# Prints, per run, the process wall time and the run time the notebook reports (JShell start
# plus the ten cells), then the per-cell times of the last run. Needs `mvn -q package` first.
# Usage: bench/notebook-ten-cells.sh [runs]   (default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
jar=shell/target/muxless.jar
[ -f "$jar" ] || { echo "build first: mvn -q package -DskipTests" >&2; exit 3; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
java -Djarmode=tools -jar "$jar" extract --destination "$work/extracted" >/dev/null

nb="$work/ten-cells.jsh"
{
  echo '// %% 1 imports'; echo 'import java.time.*;'
  echo '// %% 2 a variable'; echo 'var host = HostRoot.demo();'
  echo '// %% 3 toolkit call'; echo 'GpuInventory.list(host).size()'
  echo '// %% 4 a method'; echo 'int sq(int x) { return x * x; }'
  echo '// %% 5 call it'; echo 'sq(12)'
  echo '// %% 6 a record'; echo 'record P(String a, int b) {}'
  echo '// %% 7 use it'; echo 'new P("x", 2)'
  echo '// %% 8 a loop with output'; echo 'for (int i = 0; i < 3; i++) System.out.println("line " + i);'
  echo '// %% 9 streams'; echo 'IntStream.range(0, 100).map(i -> sq(i)).sum()'
  echo '// %% 10 JSON'; echo 'Json.write(new PciBus(host).devices().size())'
} > "$nb"

for layout in fat extracted; do
  j=$jar; [ $layout = extracted ] && j="$work/extracted/muxless.jar"
  for i in $(seq 1 "$runs"); do
    state="$work/state-$layout"   # kept across runs: the fat jar unpacks once (first run is cold)
    start=$(date +%s%N)
    out=$(MUXLESS_STATE=$state NO_COLOR=1 java -jar "$j" notebook run "$nb")
    end=$(date +%s%N)
    echo "$layout run $i: wall $(( (end - start) / 1000000 )) ms, notebook $(tail -1 <<<"$out" | sed 's/.*failed, //')"
  done
done
echo "per cell (one more run, from --json):"
MUXLESS_STATE="$work/state-extracted" NO_COLOR=1 java -jar "$work/extracted/muxless.jar" \
  notebook run "$nb" --json | python3 -c '
import json, sys
run = json.load(sys.stdin)
print("  JShell start %d ms, total %d ms" % (run["startMillis"], run["millis"]))
for c in run["cells"]:
    print("  [%d] %-22s %5d ms" % (c["index"], c["title"], c["millis"]))'
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
