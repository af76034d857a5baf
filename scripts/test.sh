#!/usr/bin/env bash
# Runs every test of the solution, the way CI does: installs the pinned Node tools (Azurite,
# csv-spectrum) with `npm ci`, restores NuGet packages, builds, and runs all test projects.
# Tests start their own in-memory Azurite on free ports; the browser tests need Chromium (installed here
# with apt-get when missing and run as root). TRX results land in TestResults/.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Installing the pinned Node tools (npm ci)…" >&2
  npm ci --no-audit --no-fund --loglevel=error
fi

# The browser tests of the Espace mandataire drive the system Chromium (Playwright's own download is not used).
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Chromium for the browser tests (apt-get install chromium)…" >&2
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "Chromium is missing at /usr/bin/chromium: the browser tests will be skipped. Install it with: sudo apt-get install chromium" >&2
  fi
fi

rm -rf TestResults
dotnet test SolidaritePipeline.sln --configuration Release \
  --logger "trx" --logger "console;verbosity=normal" --results-directory TestResults "$@"
