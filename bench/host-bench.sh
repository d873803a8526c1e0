#!/usr/bin/env bash
# Times the host/vfio engines by hand: mvn -q -pl commands -am compile first. Not part of the build.
set -euo pipefail
cd "$(dirname "$0")/.."
# the engines' runtime classpath, as Maven resolves it (jackson)
mvn -q -o -pl commands dependency:build-classpath -Dmdep.outputFile=target/bench.cp >/dev/null
cp="commands/target/classes:$(cat commands/target/bench.cp)"
export MUXLESS_STATE="$(mktemp -d)"
java -cp "$cp" bench/HostBench.java
rm -rf "$MUXLESS_STATE"
