// The Event Grid subscription that feeds the IngestSubmission blob trigger. Deploy it AFTER the code:
// its webhook carries the app's blobs_extension system key, which exists only once the Functions host
// has started with a blob trigger. The key is read here, at deployment time, and is never a
// parameter, an output or a file.
targetScope = 'resourceGroup'

@description('Function app created by main.bicep (output AZURE_FUNCTION_APP_NAME).')
param functionAppName string

@description('Storage account created by main.bicep (output AZURE_STORAGE_ACCOUNT_NAME).')
param storageAccountName string

@description('System topic created by main.bicep (output AZURE_EVENTGRID_SYSTEM_TOPIC_NAME).')
param systemTopicName string

@description('Container that receives undeliverable events (output AZURE_EVENTGRID_DEADLETTER_CONTAINER).')
param deadLetterContainerName string = 'eventgrid-deadletter'

@description('Delivery attempts before an event is dead-lettered.')
@minValue(1)
@maxValue(30)
param maxDeliveryAttempts int = 30

@description('Minutes Event Grid keeps retrying an event before it is dead-lettered.')
@minValue(1)
@maxValue(1440)
param eventTimeToLiveInMinutes int = 1440

resource app 'Microsoft.Web/sites@2025-03-01' existing = {
  name: functionAppName
}

resource storage 'Microsoft.Storage/storageAccounts@2026-06-01' existing = {
  name: storageAccountName
}

resource topic 'Microsoft.EventGrid/systemTopics@2025-02-15' existing = {
  name: systemTopicName
}

var webhookUrl = 'https://${app.properties.defaultHostName}/runtime/webhooks/blobs?functionName=Host.Functions.IngestSubmission&code=${listKeys('${app.id}/host/default', '2025-03-01').systemKeys.blobs_extension}'

resource subscription 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2025-02-15' = {
  parent: topic
  name: 'ingest-submission'
  properties: {
    destination: {
      endpointType: 'WebHook'
      properties: {
        endpointUrl: webhookUrl
        // One blob per delivery: a failing file is retried and dead-lettered on its own.
        maxEventsPerBatch: 1
        preferredBatchSizeInKilobytes: 64
      }
    }
    filter: {
      includedEventTypes: [
        'Microsoft.Storage.BlobCreated'
      ]
      // Only uploads/{mandataire}/{file}: the pipeline's own writes elsewhere never trigger it.
      subjectBeginsWith: '/blobServices/default/containers/uploads/blobs/'
      enableAdvancedFilteringOnArrays: true
    }
    eventDeliverySchema: 'EventGridSchema'
    retryPolicy: {
      maxDeliveryAttempts: maxDeliveryAttempts
      eventTimeToLiveInMinutes: eventTimeToLiveInMinutes
    }
    // The topic's own identity writes the dead letters: no storage key or SAS involved.
    deadLetterWithResourceIdentity: {
      identity: {
        type: 'SystemAssigned'
      }
      deadLetterDestination: {
        endpointType: 'StorageBlob'
        properties: {
          resourceId: storage.id
          blobContainerName: deadLetterContainerName
        }
      }
    }
  }
}

output subscriptionName string = subscription.name
