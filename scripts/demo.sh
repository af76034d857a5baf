#!/usr/bin/env bash
# The whole pipeline on synthetic data, on this machine: installs the pinned Node tools (Azurite)
# with `npm ci` if needed, builds the CLI in Release, then runs `solidarite demo`. Extra arguments
# go to the demo (e.g. `scripts/demo.sh --keep`, `scripts/demo.sh --seed 7`, `scripts/demo.sh --serve`
# to then serve the Espace mandataire until Ctrl+C). Results land in
# ./demo-output/.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Installing the pinned Node tools (npm ci)…" >&2
  npm ci --no-audit --no-fund --loglevel=error
fi

echo "Building the solidarite CLI (Release)…" >&2
dotnet build src/SolidaritePipeline.Cli --configuration Release --nologo --verbosity quiet -clp:NoSummary >&2

exec dotnet src/SolidaritePipeline.Cli/bin/Release/net10.0/solidarite.dll demo "$@"
