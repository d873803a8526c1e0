#!/usr/bin/env bash
# Benchmark: `setup validate` on the demo host, without a profile and with a `vm init` profile that
# names a real VBIOS (../shared/roms/nvidia/alt-1050m, 10de:1c8d like the demo GPU) and the four
# tables `acpi rom-table` and `acpi battery` write for it (~178 KB of AML). Prints the best of
# three wall times through ./muxless (JVM start included: the difference is the cost of reading the
# profile, parsing the ROM and inspecting the tables). Run by hand; needs ../shared.
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
run() {
  local s e
  s=$(date +%s.%N)
  ./muxless setup validate "$@" --json > "$tmp/out.json" || true
  e=$(date +%s.%N)
  echo "$s $e" | awk '{printf "%.3f", $2 - $1}'
}
best() { # the fastest of three runs: the machine is shared
  local b=999999 t
  for _ in 1 2 3; do t=$(run "$@"); b=$(echo "$b $t" | awk '{print ($2 < $1) ? $2 : $1}'); done
  echo "$b"
}
t0=$(best)
tp=$(best --profile "$tmp/profile.json")
steps=$(python3 -c "import json,collections;d=json.load(open('$tmp/out.json'));print(dict(collections.Counter(s['status'] for s in d['steps'])))")
echo "setup validate, no profile: ${t0}s  with profile + ROM + 4 tables: ${tp}s  (${steps})"
