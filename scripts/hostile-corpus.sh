#!/usr/bin/env bash
# Writes the hostile corpus (tests/SolidaritePipeline.Tests/Hostile) to a folder so a person can
# look at it: one folder per class and input, and manifest.tsv with what each report must say.
# The corpus is generated, never committed.
#
#   scripts/hostile-corpus.sh [DIR]            small inputs only (a few MB), into DIR (default hostile-corpus/)
#   scripts/hostile-corpus.sh --big [DIR]      also the big ones (files up to 50 MB; about 350 MB in all)
#   scripts/hostile-corpus.sh --measure [FILE] runs the corpus tests and writes one line of figures per
#                                              input (name, class, bytes, seconds, MB, verdict) to FILE
#
# To check one input by hand, as a mandataire would:
#   dotnet run --project src/SolidaritePipeline.Cli -- validate DIR/CLASS/NAME/FILE --mandataire estrie --json
set -euo pipefail
cd "$(dirname "$0")/.."

big=0
measure=0
case "${1:-}" in
  --big) big=1; shift ;;
  --measure) measure=1; shift ;;
esac

dotnet build tests/SolidaritePipeline.Tests --configuration Release >&2

if [ "$measure" -eq 1 ]; then
  figures="$(realpath -m "${1:-hostile-figures.tsv}")"
  rm -f "$figures"
  SOLIDARITE_HOSTILE_FIGURES="$figures" dotnet test tests/SolidaritePipeline.Tests --configuration Release --no-build \
    --filter "FullyQualifiedName~HostileCorpusTests" --logger "console;verbosity=minimal" || true
  echo "Figures: $figures ($(wc -l <"$figures") inputs)" >&2
  exit 0
fi

dir="$(realpath -m "${1:-hostile-corpus}")"
SOLIDARITE_HOSTILE_CORPUS_DIR="$dir" SOLIDARITE_HOSTILE_CORPUS_BIG="$big" \
  dotnet test tests/SolidaritePipeline.Tests --configuration Release --no-build \
  --filter "FullyQualifiedName~HostileCorpusTests.The_corpus_written_to_a_folder_holds_every_input_and_a_manifest" \
  --logger "console;verbosity=minimal" >&2
echo "Corpus: $dir ($(($(wc -l <"$dir/manifest.tsv") - 1)) inputs; manifest.tsv says what each report must say)"
