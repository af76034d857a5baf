#!/usr/bin/env bash
# Issues a mandataire the right to upload ONE file: a user-delegation SAS scoped to the single blob
# uploads/{mandataire}/{file}, with create and write permissions only, HTTPS only, expiring after a
# few hours. It cannot read, list or delete anything, nor write any other name, folder or container.
# Signed with the caller's Microsoft Entra identity (no account key exists: shared keys are off), so
# the caller needs Storage Blob Delegator on the account and write access to uploads (main.bicep
# grants both to the principals in uploadSasIssuers).
#
# Usage: new-mandataire-sas.sh --account STORAGE_ACCOUNT --mandataire CODE --file FILE_NAME [--hours N]
# Prints the upload URL on standard output; the mandataire uploads with, for example:
#   curl --fail -X PUT -H "x-ms-blob-type: BlockBlob" --data-binary @rapport.csv "URL"
set -euo pipefail

usage() {
  sed -n 's/^# \{0,1\}//; 2,11p' "$0" >&2
  exit 2
}

account=""
mandataire=""
file=""
hours=24
max_hours=72

while [ $# -gt 0 ]; do
  case "$1" in
    --account) account="${2:-}"; shift 2 ;;
    --mandataire) mandataire="${2:-}"; shift 2 ;;
    --file) file="${2:-}"; shift 2 ;;
    --hours) hours="${2:-}"; shift 2 ;;
    -h|--help) usage ;;
    *) echo "Unknown argument: $1" >&2; usage ;;
  esac
done

if [ -z "$account" ] || [ -z "$mandataire" ] || [ -z "$file" ]; then
  usage
fi

# The mandataire must be one of the 21 of the reference data: the folder name is the identity.
catalog="$(cd "$(dirname "$0")/../.." && pwd)/src/SolidaritePipeline/ReferenceData/mandataires.csv"
if ! cut -d, -f1 "$catalog" | tail -n +2 | grep -qx -- "$mandataire"; then
  echo "Unknown mandataire code: $mandataire (see $catalog)" >&2
  exit 2
fi

# One plain file name: no folder, no "..", nothing that could step outside uploads/{mandataire}/.
if ! printf '%s' "$file" | grep -Eq '^[A-Za-z0-9][A-Za-z0-9._ -]{0,199}$' || printf '%s' "$file" | grep -q '\.\.'; then
  echo "Invalid file name: '$file' (letters, digits, '.', '_', '-' and spaces; no folder)" >&2
  exit 2
fi

if ! printf '%s' "$hours" | grep -Eq '^[0-9]+$' || [ "$hours" -lt 1 ] || [ "$hours" -gt "$max_hours" ]; then
  echo "--hours must be between 1 and $max_hours" >&2
  exit 2
fi

# GNU date, else BSD date (macOS). Start five minutes back to absorb clock skew.
if date -u -d '+1 hour' '+%Y' >/dev/null 2>&1; then
  start="$(date -u -d '-5 minutes' '+%Y-%m-%dT%H:%MZ')"
  expiry="$(date -u -d "+${hours} hours" '+%Y-%m-%dT%H:%MZ')"
else
  start="$(date -u -v-5M '+%Y-%m-%dT%H:%MZ')"
  expiry="$(date -u -v+"${hours}"H '+%Y-%m-%dT%H:%MZ')"
fi

blob="$mandataire/$file"
sas="$(az storage blob generate-sas \
  --account-name "$account" \
  --container-name uploads \
  --name "$blob" \
  --permissions cw \
  --start "$start" \
  --expiry "$expiry" \
  --https-only \
  --as-user \
  --auth-mode login \
  --output tsv)"

encoded_file="$(printf '%s' "$file" | sed 's/ /%20/g')"
echo "SAS for uploads/$blob: create and write only, valid until $expiry." >&2
printf 'https://%s.blob.core.windows.net/uploads/%s/%s?%s\n' "$account" "$mandataire" "$encoded_file" "$sas"
