#!/usr/bin/env bash
# Runs every test of the solution, the way CI does: installs the pinned Node tools (Azurite,
# csv-spectrum) with `npm ci`, restores NuGet packages, builds, and runs all test projects.
# Tests start their own in-memory Azurite on free ports. TRX results land in TestResults/.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Installing the pinned Node tools (npm ci)…" >&2
  npm ci --no-audit --no-fund --loglevel=error
fi

rm -rf TestResults
dotnet test SolidaritePipeline.sln --configuration Release \
  --logger "trx" --logger "console;verbosity=normal" --results-directory TestResults "$@"
