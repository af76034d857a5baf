#!/usr/bin/env bash
# Renders an HTML file to a PNG with headless Chromium (Debian package `chromium`), the way a reader
# sees it: no network, a fresh profile, no JavaScript needed by the page.
#
#   scripts/screenshot.sh PAGE.html OUT.png [WIDTHxHEIGHT]     (default 1000x1800; 390x1800 ≈ a phone)
#
# The snapshot page of the README comes from a real publication kept by the integration tests:
#   dotnet test tests/SolidaritePipeline.IntegrationTests --filter FullyQualifiedName~SnapshotIndexPage
#   scripts/screenshot.sh tests/SolidaritePipeline.IntegrationTests/bin/Debug/net10.0/snapshot-sample/index.html docs/images/snapshot-index.png
set -euo pipefail

if [ $# -lt 2 ]; then
  echo "usage: $0 PAGE.html OUT.png [WIDTHxHEIGHT]" >&2
  exit 2
fi
page=$(realpath "$1")
out=$(realpath -m "$2")
size=${3:-1000x1800}
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then
  echo "Chromium is not installed (Debian: apt-get install -y chromium)." >&2
  exit 1
fi

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
"$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --hide-scrollbars --user-data-dir="$profile" \
  --window-size="${size/x/,}" --screenshot="$out" "file://$page" >/dev/null 2>&1
echo "$out"
