#!/usr/bin/env bash
# Startup benchmark: wall time of `MUXLESS_ROOT=demo ./muxless host gpus`, N runs per variant,
# interleaved (this 2-core machine is noisy), median/min/max reported.
#   bench/startup.sh [runs]        default 12 runs per variant
# Variants: the launcher on the newest JDK it finds (AOT cache on 24+), the launcher forced onto
# JDK 17 (CDS), and the plain fat jar (java -jar shell/target/muxless.jar) as the baseline.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
runs=${1:-12}
export MUXLESS_ROOT=demo
"$here/muxless" host gpus >/dev/null   # build and train if needed

j17=""
for c in /usr/lib/jvm/java-17-openjdk-*/bin/java /usr/lib/jvm/*17*/bin/java; do [ -x "$c" ] && { j17=$c; break; }; done

declare -A cmd
cmd[launcher]="$here/muxless host gpus"
[ -n "$j17" ] && cmd[launcher-jdk17]="env MUXLESS_JAVA=$j17 $here/muxless host gpus"
cmd[fat-jar-jdk17]="${j17:-java} -jar $here/shell/target/muxless.jar host gpus"
cmd[trivial-java]="${j17:-java} -version"

# warm the JDK-17 archive once (the launcher retrains when MUXLESS_JAVA changes)
[ -n "$j17" ] && env MUXLESS_JAVA="$j17" "$here/muxless" host gpus >/dev/null

declare -A times
for ((i = 0; i < runs; i++)); do
  for k in "${!cmd[@]}"; do
    s=$(date +%s%N)
    ${cmd[$k]} >/dev/null 2>&1
    e=$(date +%s%N)
    times[$k]+="$(( (e - s) / 1000000 )) "
  done
done

printf '%-16s %8s %8s %8s  (%d runs, ms)\n' variant median min max "$runs"
for k in launcher launcher-jdk17 fat-jar-jdk17 trivial-java; do
  [ -n "${times[$k]:-}" ] || continue
  sorted=$(tr ' ' '\n' <<<"${times[$k]}" | grep . | sort -n)
  n=$(wc -l <<<"$sorted")
  med=$(sed -n "$(( (n + 1) / 2 ))p" <<<"$sorted")
  printf '%-16s %8s %8s %8s\n' "$k" "$med" "$(head -1 <<<"$sorted")" "$(tail -1 <<<"$sorted")"
done
