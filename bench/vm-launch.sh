#!/usr/bin/env bash
# Times the vm commands end to end through the packaged jar (JVM start included) and qemu under
# TCG: vm args, vm start (to QMP "running"), vm status, vm stop --force, vm stop (power-down
# timeout 1 s, then quit). Run by hand after `mvn -q verify`; numbers go in the issue note.
# Usage: bench/vm-launch.sh [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
jar=shell/target/muxless.jar
[ -f "$jar" ] || { echo "build first: mvn -q verify" >&2; exit 3; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export MUXLESS_STATE=$work/state
cat > "$work/bench.json" <<JSON
{"name": "bench", "accel": "tcg", "memoryMib": 128, "cpus": 1,
 "firmware": {"type": "seabios"}, "display": {"type": "none"}, "network": {"type": "none"}}
JSON
ms() { date +%s%N | cut -c1-13; }
t() { local s e; s=$(ms); "$@" > /dev/null; e=$(ms); echo $((e - s)); }
printf '%-6s %8s %8s %8s %8s %8s\n' round args start status force stop
for i in $(seq 1 "$rounds"); do
  a=$(t java -jar "$jar" vm args "$work/bench.json")
  s=$(t java -jar "$jar" vm start "$work/bench.json")
  st=$(t java -jar "$jar" vm status bench)
  f=$(t java -jar "$jar" vm stop bench --force)
  java -jar "$jar" vm start "$work/bench.json" > /dev/null
  p=$(t java -jar "$jar" vm stop bench --timeout 1)
  printf '%-6s %6sms %6sms %6sms %6sms %6sms\n' "$i" "$a" "$s" "$st" "$f" "$p"
done
if [ -n "$(ls "$work/state/vm/bench" | grep -v -e qemu.log -e profile.json)" ]; then
  echo "left behind: $(ls "$work/state/vm/bench")" >&2
  exit 1
fi
