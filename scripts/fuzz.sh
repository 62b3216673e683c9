#!/usr/bin/env bash
# Fuzzes the .parts reader with libFuzzer for a while (default 60 seconds).
#
#   scripts/fuzz.sh [SECONDS] [more libFuzzer options, e.g. -jobs=2 -workers=2]
#
# Compiles Fuzz/ParserFuzzer.swift together with the PartsMap library's sources, with
# libFuzzer and AddressSanitizer (swiftc -sanitize=fuzzer,address), into .build-fuzz/, then runs
# it on a corpus that starts from the example maps (kept in .build-fuzz/corpus, so later runs
# go on from where earlier ones stopped). A crash or a broken invariant stops the run and
# leaves the input in .build-fuzz/artifacts/; replay it with
#   SWIFT_BACKTRACE=enable=no .build-fuzz/parser-fuzzer .build-fuzz/artifacts/crash-...
# Linux (and a Swift toolchain with its libFuzzer runtime); see docs/reliability.md.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_TO_RUN="${1:-60}"
shift || true
OUT=.build-fuzz
SWIFTC="${SWIFTC:-swiftc}"
mkdir -p "$OUT/corpus" "$OUT/artifacts"

# The library's sources, as SwiftPM compiles them (one module).
mapfile -t SOURCES < <(find Sources/PartsMap -name '*.swift' | sort)
echo "Building the fuzzer from ${#SOURCES[@]} library files..." >&2
"$SWIFTC" -sanitize=fuzzer,address -parse-as-library -O -g \
  -module-name PartsMapFuzz \
  -Xfrontend -disable-implicit-string-processing-module-import \
  -Xfrontend -disable-implicit-concurrency-module-import \
  "${SOURCES[@]}" Fuzz/ParserFuzzer.swift -o "$OUT/parser-fuzzer"

# Seed corpus: the example maps and the legend (copied once; the corpus then grows).
for seed in Examples/*.parts docs/legend.parts; do
  cp -n "$seed" "$OUT/corpus/seed-$(basename "$seed")" 2>/dev/null || true
done

echo "Fuzzing for ${SECONDS_TO_RUN} s..." >&2
# Swift's own crash reporter gets in the way of AddressSanitizer's and libFuzzer's reports.
export SWIFT_BACKTRACE=enable=no
exec "$OUT/parser-fuzzer" "$OUT/corpus" \
  -dict=Fuzz/parts.dict \
  -max_total_time="$SECONDS_TO_RUN" \
  -max_len=65536 \
  -timeout=10 \
  -rss_limit_mb=2048 \
  -print_final_stats=1 \
  -artifact_prefix="$OUT/artifacts/" \
  "$@"
