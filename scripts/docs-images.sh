#!/usr/bin/env bash
# Regenerates the pictures docs/ shows, from the examples (run by 'make docs-images').
set -euo pipefail
cd "$(dirname "$0")/.."
P=${PARTSMAP:-.build/release/partsmap}
E=Examples/numbness.parts
I=docs/images
mkdir -p "$I"
"$P" render "$E" --legend --force -o "$I/numbness.svg"
"$P" render "$E" --legend --force -o "$I/numbness.png"
"$P" render docs/legend.parts --legend --force -o "$I/legend.svg"
# Views
"$P" render "$E" --force --focus fog --depth 1 -o "$I/view-focus.svg"
"$P" render "$E" --force --only protectors -o "$I/view-only-protectors.svg"
"$P" render "$E" --force --hide exiles -o "$I/view-hide-exiles.svg"
"$P" render "$E" --force --session 3 --legend -o "$I/view-session.svg"
"$P" render "$E" --force --group protection -o "$I/view-group-protection.svg"
"$P" render "$E" --force --redact -o "$I/view-redacted.svg"
# Themes
for theme in print dark high-contrast; do
  "$P" render "$E" --force --legend --theme "$theme" -o "$I/theme-$theme.svg"
done
# Over time
"$P" self-chart "$E" -o "$I/self-energy.svg"
rm -f "$I"/.*.partsmap-cache
echo "docs images written to $I"
