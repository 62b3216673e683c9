#!/usr/bin/env bash
# Puts Mermaid's own parser and renderer where the Mermaid tests look for it
# (.build/tools/mermaid/mermaid.min.js), so they check partsmap's diagrams with the real thing.
#
# The file is mermaid.min.js 11.16.0 (MIT), as vendored for offline use by the artoo-mermaid
# wheel on PyPI; the wheel is fetched with pip (no install: only the one file is taken out of
# it) and the file is checked against its published sha256. The tests load it into headless
# Chromium from disk: nothing is fetched from the network when they run.
#
#   scripts/install-mermaid.sh     idempotent; prints where the file is
set -euo pipefail
cd "$(dirname "$0")/.."

version=11.16.0
sha256=74d7c46dabca328c2294733910a8aa1ed0c37451776e8d5295da38a2b758fb9b
target=.build/tools/mermaid/mermaid.min.js

check() { [ -f "$target" ] && [ "$(sha256sum "$target" | cut -d' ' -f1)" = "$sha256" ]; }
if check; then echo "install-mermaid: $target (Mermaid $version)"; exit 0; fi

work="$(mktemp -d "${TMPDIR:-/tmp}/partsmap-mermaid.XXXXXX")"
trap 'rm -rf "$work"' EXIT
# The wheel says it needs Python 3.12, for its Python half; the JavaScript file does not care.
python3 -m pip download --quiet --disable-pip-version-check --no-deps --only-binary=:all: \
  --python-version 3.12 --dest "$work" "artoo-mermaid==$version"
mkdir -p "$(dirname "$target")"
python3 - "$work" "$target" <<'PY'
import glob, sys, zipfile
wheel = glob.glob(sys.argv[1] + "/artoo_mermaid-*.whl")[0]
with zipfile.ZipFile(wheel) as archive, open(sys.argv[2], "wb") as out:
    out.write(archive.read("artoo_mermaid/assets/mermaid.min.js"))
PY
if ! check; then rm -f "$target"; echo "install-mermaid: FAILED: mermaid.min.js does not have the expected sha256" >&2; exit 1; fi
echo "install-mermaid: $target (Mermaid $version)"
