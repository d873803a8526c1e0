#!/usr/bin/env bash
# Benchmark of the rom area, run by hand (never in the test suite):
#  1. engine: per-file RomParser.parse time and MB/s over ../shared/roms (bench/RomParseBench.java);
#  2. wall time of `muxless rom parse` over every file in ../shared/roms (one JVM, text and
#     rom-parser formats) against rom-parser run once per file;
#  3. rom-parser: built here from ../shared/docs/rom-parser-format.md's description
#     (bench/rom-parser-from-doc.c), since the original source is not in this repository; its
#     output is checked against ../shared/roms/reference/rom-parser first.
# Usage: bench/rom-parse.sh [ROMS_DIR]   (from the worktree root; builds the jar if needed)
set -euo pipefail
cd "$(dirname "$0")/.."
roms=${1:-../shared/roms}
[ -d "$roms" ] || { echo "no ROM directory $roms" >&2; exit 3; }
jar=shell/target/muxless.jar
if [ ! -f "$jar" ] || [ ! -d commands/target/classes ]; then
  mvn -q -pl shell -am package -DskipTests
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
mapfile -t files < <(find "$roms/debian" "$roms/nvidia" -type f | sort)

echo "== engine (RomParser.parse, JIT warm) =="
java -cp commands/target/classes bench/RomParseBench.java "$roms"

echo
echo "== muxless rom parse, one JVM for all ${#files[@]} files =="
for fmt in text rom-parser json; do
  s=$(date +%s.%N)
  java -jar "$jar" rom parse "${files[@]}" --format "$fmt" >"$out/$fmt.txt" 2>&1 || true
  e=$(date +%s.%N)
  printf '%-10s %6.3f s wall\n' "$fmt" "$(echo "$e - $s" | bc)"
done

echo
echo "== rom-parser (re-implemented from the doc), one process per file =="
if command -v cc >/dev/null; then
  cc -O2 -o "$out/rom-parser" bench/rom-parser-from-doc.c
  same=0; diff=0
  for f in "${files[@]}"; do
    ref="$roms/reference/rom-parser/$(basename "$f").txt"
    [ -f "$ref" ] || continue
    "$out/rom-parser" "$f" >"$out/rp.txt" 2>&1 || true
    if cmp -s "$out/rp.txt" "$ref"; then same=$((same+1)); else diff=$((diff+1)); fi
  done
  echo "cross-check against the references: $same identical, $diff different"
  s=$(date +%s.%N)
  for f in "${files[@]}"; do "$out/rom-parser" "$f" >/dev/null 2>&1 || true; done
  e=$(date +%s.%N)
  printf 'rom-parser %6.3f s wall for %d files\n' "$(echo "$e - $s" | bc)" "${#files[@]}"
else
  echo "no C compiler: rom-parser not built, no comparison"
fi
