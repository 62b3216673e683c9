#!/usr/bin/env bash
# Builds and runs Examples/Embedding, a separate Swift package that depends on PartsMap by path
# and uses only its public API (issue 12), then checks what it wrote: the map with the part its
# locked edit added, private files, DOT, an SVG drawn by Graphviz, and the report.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
swift build --package-path Examples/Embedding -q
swift run --package-path Examples/Embedding -q EmbeddingDemo "$out" | tee "$out/log"
fail() { echo "embedding check: $*" >&2; exit 1; }
grep -q '^part critic: "The Critic"$\|^part critic: The Critic$' "$out/embedded.parts" || fail "the locked edit did not add the critic"
grep -q '^fog protects little' "$out/embedded.parts" || fail "the relationship is missing from the map"
[ "$(stat -c %a "$out/embedded.parts" 2>/dev/null || stat -f %Lp "$out/embedded.parts")" = 600 ] || fail "the map is not private (0600)"
grep -q '^digraph' "$out/embedded.dot" || fail "no DOT written"
grep -q 'checked: 3 parts' "$out/log" || fail "the check did not see 3 parts"
if command -v dot >/dev/null 2>&1; then
  grep -q '<svg' "$out/embedded.svg" || fail "no SVG drawn"
  grep -q 'The Critic' "$out/embedded.svg" || fail "the SVG does not show the critic"
fi
grep -q '^flowchart' "$out/embedded.mmd" || fail "no Mermaid diagram"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert [p["id"] for p in d["parts"]] == ["fog","little","critic"], d["parts"]' "$out/embedded.graph.json" || fail "graph JSON lacks the parts"
grep -q '<!DOCTYPE html>' "$out/embedded.report.html" || fail "no HTML report"
grep -q 'Little One' "$out/embedded.report.html" || fail "the report misses a part"
# The Swift snippets in docs/library.md (all but the Package.swift excerpt) must compile against
# the library as built for the example: the docs cannot drift from the API.
modules=Examples/Embedding/.build/debug/Modules
[ -d "$modules" ] || modules=$(dirname "$(find Examples/Embedding/.build -name PartsMap.swiftmodule -path '*debug*' | head -n 1)")
python3 - "$out" <<'PY'
import re, sys
text = open("docs/library.md").read()
blocks = [b for b in re.findall(r"```swift\n(.*?)```", text, re.S) if "Package.swift" not in b]
for i, block in enumerate(blocks):
    open(f"{sys.argv[1]}/snippet{i}.swift", "w").write(block)
print(f"docs/library.md: {len(blocks)} Swift snippet(s)")
PY
# The library's C target (PartsMapSystemC) is found through the module map SwiftPM made for it,
# as SwiftPM itself passes it to a package that depends on PartsMap.
maps=()
while IFS= read -r map; do maps+=(-Xcc "-fmodule-map-file=$map"); done < <(find Examples/Embedding/.build -path '*debug*' -path '*PartsMapSystemC.build*' -name module.modulemap)
for snippet in "$out"/snippet*.swift; do
  swiftc -typecheck -I "$modules" ${maps[@]+"${maps[@]}"} "$snippet" || fail "a Swift snippet in docs/library.md does not compile: $snippet"
done
echo "embedding check: passed (a separate package used PartsMap's public API)"
