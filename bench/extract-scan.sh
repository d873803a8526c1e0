#!/usr/bin/env bash
# Benchmark of rom extract (run by hand, never by the build): scan throughput (MB/s) of the engine
# on large raw images (random bytes, erased 0xFF flash), the time for a 32 MiB flash image made of
# Debian OVMF volumes plus a real VBIOS, and the end-to-end time of the packaged command on it.
# Usage: bench/extract-scan.sh [MiB for the raw images, default 256]
set -euo pipefail
cd "$(dirname "$0")/.."
mib="${1:-256}"
shared="${MUXLESS_SHARED:-../shared}"
rom="$shared/roms/nvidia/alt-1050m__ieatchange.rom"
[ -f "$rom" ] || rom=""
[ -f /usr/share/OVMF/OVMF_CODE_4M.fd ] || { echo "needs Debian ovmf (/usr/share/OVMF)"; exit 3; }

[ -d commands/target/classes ] || mvn -q -pl commands compile
xz="$(find ~/.m2/repository/org/tukaani/xz/1.10 -name 'xz-1.10.jar' | head -1)"
cp="commands/target/classes:$xz"
echo "== engine (java -Xmx2g, $(nproc) cores)"
java -Xmx2g -cp "$cp" bench/ExtractScan.java "$mib" $rom

if [ -f shell/target/muxless.jar ]; then
  echo "== packaged command on the 32 MiB image (JVM start included)"
  out="$(mktemp -d)"
  python3 - "$out/flash32.bin" "$rom" <<'PY'
import sys
ovmf = open('/usr/share/OVMF/OVMF_CODE_4M.fd', 'rb').read()
img = bytearray(b'\xff' * (32 << 20))
for i in range(8):
    img[i * (4 << 20): i * (4 << 20) + len(ovmf)] = ovmf
if sys.argv[2]:
    rom = open(sys.argv[2], 'rb').read()
    img[len(img) - len(rom) - 0x1000: len(img) - 0x1000] = rom
open(sys.argv[1], 'wb').write(img)
PY
  start=$(date +%s.%N)
  java -jar shell/target/muxless.jar rom extract "$out/flash32.bin" --out-dir "$out/roms" | tail -4 || true
  echo "end-to-end: $(echo "$(date +%s.%N) - $start" | bc) s"
  rm -rf "$out"
fi
