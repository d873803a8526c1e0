#!/bin/sh
# Benchmark (run by hand, numbers go in the issue note, never into asserts):
# time to generate the _ROM tables for a 1 MiB ROM in process, next to iasl compiling the
# equivalent ASL twins. Usage: bench/acpi-rom-table.sh [ROM_BYTES] (default 1048576).
# Needs a JDK 17+, the compiled classes (mvn -q -pl commands compile) and, for the second half, iasl.
set -eu
cd "$(dirname "$0")/.."
size=${1:-1048576}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ -d commands/target/classes/dev/muxless/acpi ] || mvn -q -pl commands compile
java -cp commands/target/classes bench/acpi-rom-table-bench.java "$size" "$work"
if command -v iasl >/dev/null 2>&1; then
  n=$(ls "$work"/*.asl | wc -l)
  start=$(date +%s.%N)
  for f in "$work"/*.asl; do
    (cd "$work" && iasl -p "$(basename "$f" .asl)-iasl" "$(basename "$f")" >/dev/null)
  done
  end=$(date +%s.%N)
  echo "iasl: $n ASL twins compiled in $(echo "$end - $start" | bc) s"
  for f in "$work"/ssdt-vbios-*-iasl.aml; do
    ours=${f%-iasl.aml}.aml
    # same body: only the creator id/revision (bytes 28-35) and the checksum (byte 9) differ
    if ! cmp -s -i 36 "$f" "$ours"; then echo "DIFFERENT AML BODY: $f"; fi
  done
else
  echo "iasl not installed: skipping the iasl half"
fi
