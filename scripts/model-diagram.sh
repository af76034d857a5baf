#!/usr/bin/env bash
# Redraws docs/images/modele-etoile.svg from the datapackage.json a publication writes (the README's
# picture of the star schema). The same test fails while the committed picture differs from the model.
set -euo pipefail
cd "$(dirname "$0")/.."
SOLIDARITE_WRITE_DIAGRAM=1 dotnet test tests/SolidaritePipeline.IntegrationTests -c Release \
  --filter "FullyQualifiedName~StarSchemaDiagramTests" "$@"
echo "docs/images/modele-etoile.svg"
