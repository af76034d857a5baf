#!/usr/bin/env bash
# The reliability tests of tests/SolidaritePipeline.IntegrationTests/Reliability at a larger scale,
# on demand (not in CI): more storage faults, more SIGKILLs of the local host, more uploads at once.
# Each test checks, to the cent, totals computed from the files it uploaded, and that every upload
# has exactly one outcome; this script then prints the figures each test measured.
#
# Sizes come from environment variables (defaults below; CI runs the tests with smaller ones):
#   SOAK_SEED            seed of the files, faults and kill delays (printed; replay a run with it)
#   SOAK_FAULT_RATE      share of storage calls turned into faults          (CI 0.15, here 0.25)
#   SOAK_FAULT_VERSIONS  versions of the 21 mandataires' files under faults (CI 2,    here 10)
#   SOAK_KILLS           SIGKILLs of `solidarite run --once`                (CI 20,   here 200)
#   SOAK_LOAD_VERSIONS   versions uploaded at once in the load test         (CI 3,    here 10)
#   SOAK_PARALLEL        uploads processed at once                          (CI 8,    here 16)
# Usage: scripts/soak.sh [extra dotnet test arguments, e.g. --filter FullyQualifiedName~CrashTests]
set -euo pipefail
cd "$(dirname "$0")/.."

export SOAK_SEED="${SOAK_SEED:-$((RANDOM * 2 + 1))}"
export SOAK_FAULT_RATE="${SOAK_FAULT_RATE:-0.25}"
export SOAK_FAULT_VERSIONS="${SOAK_FAULT_VERSIONS:-10}"
export SOAK_KILLS="${SOAK_KILLS:-200}"
export SOAK_LOAD_VERSIONS="${SOAK_LOAD_VERSIONS:-10}"
export SOAK_PARALLEL="${SOAK_PARALLEL:-16}"

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Installing the pinned Node tools (npm ci)…" >&2
  npm ci --no-audit --no-fund --loglevel=error
fi

echo "Soak: seed $SOAK_SEED, fault rate $SOAK_FAULT_RATE, $SOAK_FAULT_VERSIONS versions under faults," \
     "$SOAK_KILLS kills, $SOAK_LOAD_VERSIONS versions at once, parallelism $SOAK_PARALLEL" >&2
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
if ! dotnet build tests/SolidaritePipeline.IntegrationTests --configuration Release -nologo >"$log" 2>&1; then
  grep -E 'error' "$log" >&2
  exit 1
fi
started=$SECONDS
status=0
dotnet test tests/SolidaritePipeline.IntegrationTests --configuration Release --no-build \
  --filter "FullyQualifiedName~Reliability" --logger "console;verbosity=detailed" "$@" >"$log" 2>&1 || status=$?

# The figures each test printed, then the verdicts.
grep -E '^ *(FIGURES|redelivered after|failed under load|accepted alone|rejected alone|under load)' "$log" | sed -E 's/^ +FIGURES /\n/; s/^ +/  /'
echo
grep -E '^ +(Passed|Failed) SolidaritePipeline' "$log" | sed -E 's/^ +//'
grep -E '^(Total tests|Test Run)|Error Message' -A1 "$log" || true
echo "Soak done in $((SECONDS - started)) s (seed $SOAK_SEED)."
exit $status
