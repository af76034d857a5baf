#!/usr/bin/env bash
# Third deployment step: subscribe the IngestSubmission blob trigger to the storage account's
# BlobCreated events under uploads/. Run after infra/main.bicep and after the code is deployed:
# the webhook needs the app's blobs_extension system key, which the Functions host creates when it
# first starts with a blob trigger. azd runs this as its postdeploy hook with main.bicep's outputs in
# the environment; by hand, export the same names first (infra/README.md, "Plain az").
set -euo pipefail

: "${AZURE_RESOURCE_GROUP:?AZURE_RESOURCE_GROUP is not set (output of main.bicep)}"
: "${AZURE_FUNCTION_APP_NAME:?AZURE_FUNCTION_APP_NAME is not set (output of main.bicep)}"
: "${AZURE_STORAGE_ACCOUNT_NAME:?AZURE_STORAGE_ACCOUNT_NAME is not set (output of main.bicep)}"
: "${AZURE_EVENTGRID_SYSTEM_TOPIC_NAME:?AZURE_EVENTGRID_SYSTEM_TOPIC_NAME is not set (output of main.bicep)}"
deadletter_container="${AZURE_EVENTGRID_DEADLETTER_CONTAINER:-eventgrid-deadletter}"
attempts="${SOLIDARITE_KEY_WAIT_ATTEMPTS:-30}"

infra_dir="$(cd "$(dirname "$0")/.." && pwd)"

# The key appears once the host has started; a request to the anonymous health endpoint wakes it.
# The key itself is never printed: only whether it exists.
host_name="$(az functionapp show -g "$AZURE_RESOURCE_GROUP" -n "$AZURE_FUNCTION_APP_NAME" --query defaultHostName -o tsv)"
for attempt in $(seq 1 "$attempts"); do
  if [ -n "$(az functionapp keys list -g "$AZURE_RESOURCE_GROUP" -n "$AZURE_FUNCTION_APP_NAME" --query systemKeys.blobs_extension -o tsv 2>/dev/null)" ]; then
    break
  fi
  if [ "$attempt" -eq "$attempts" ]; then
    echo "The blobs_extension key of $AZURE_FUNCTION_APP_NAME did not appear: is the code deployed and does IngestSubmission load?" >&2
    exit 1
  fi
  echo "Waiting for the Functions host of $AZURE_FUNCTION_APP_NAME to create its blobs_extension key ($attempt/$attempts)…" >&2
  curl --silent --output /dev/null --max-time 30 "https://$host_name/api/health" || true
  sleep 10
done

# eventgrid.bicep reads the key itself (listKeys at deployment time): it never crosses this shell.
az deployment group create \
  --resource-group "$AZURE_RESOURCE_GROUP" \
  --name "eventgrid-subscription" \
  --template-file "$infra_dir/eventgrid.bicep" \
  --parameters \
    functionAppName="$AZURE_FUNCTION_APP_NAME" \
    storageAccountName="$AZURE_STORAGE_ACCOUNT_NAME" \
    systemTopicName="$AZURE_EVENTGRID_SYSTEM_TOPIC_NAME" \
    deadLetterContainerName="$deadletter_container" \
  --output none

echo "Event Grid now delivers BlobCreated events under uploads/ to IngestSubmission of $AZURE_FUNCTION_APP_NAME." >&2
