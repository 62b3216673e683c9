#!/usr/bin/env bash
# Builds partsmap and its benchmark in release mode and runs the benchmark (make bench).
# The results and what each target means: docs/performance.md.
#
#   scripts/benchmark.sh [partsmap-bench options: --runs N, --sizes 50,1000,10000, --keep]
#
# Uses its own build folder (.build-bench), so it never disturbs a debug build. The machine
# should be otherwise idle: the whole-process comparisons are a few milliseconds each.
set -euo pipefail
cd "$(dirname "$0")/.."
SWIFT="${SWIFT:-swift}"
SCRATCH="${BENCH_SCRATCH:-.build-bench}"
"$SWIFT" build -c release --scratch-path "$SCRATCH" --product partsmap
"$SWIFT" build -c release --scratch-path "$SCRATCH" --product partsmap-bench
BIN="$("$SWIFT" build -c release --scratch-path "$SCRATCH" --show-bin-path)"
command -v gc >/dev/null 2>&1 || echo "note: Graphviz's gc is not installed; comparison (a) runs without it (scripts/install-graphviz.sh installs it)" >&2
exec "$BIN/partsmap-bench" --partsmap "$BIN/partsmap" --example Examples/numbness.parts "$@"
