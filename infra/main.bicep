// SolidaritePipeline in one resource group: storage, monitoring, the Flex Consumption function app
// and the Event Grid system topic. The topic's subscription to the blob trigger is eventgrid.bicep,
// deployed after the code (see infra/README.md for the order and why).
targetScope = 'resourceGroup'

import { issuer } from 'modules/upload-access.bicep'

@description('Short environment name, part of every resource name: dev, test, prod.')
@minLength(2)
@maxLength(12)
param environmentName string

@description('Azure region of every resource; it must offer the Flex Consumption plan.')
param location string = resourceGroup().location

@description('Prefix of resource names.')
@minLength(2)
@maxLength(10)
param namePrefix string = 'solidarite'

@description('Redundancy of the storage account.')
@allowed(['Standard_LRS', 'Standard_ZRS', 'Standard_GRS', 'Standard_GZRS'])
param storageSku string = 'Standard_LRS'

@description('Anonymous read of the opendata container, blob by blob. Every other container stays private.')
param openDataPublicRead bool = false

@description('Flex Consumption instance size in MB.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('Upper bound of function instances (and so of cost).')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('NCRONTAB (6 fields, UTC) of the nightly snapshot: 07:00 UTC is 02:00 EST, 03:00 EDT.')
param publishSchedule string = '0 0 7 * * *'

@description('Largest accepted upload in bytes; 0 means no limit.')
@minValue(0)
param validationMaxBytes int = 52428800

@description('Most rows accepted in one upload; 0 means no limit.')
@minValue(0)
param validationMaxRows int = 200000

@description('Days Log Analytics keeps the logs.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

@description('Days an accepted original stays hot before moving to the cool tier.')
param archiveCoolAfterDays int = 30

@description('Days after which an accepted original moves to the archive tier.')
param archiveArchiveAfterDays int = 365

@description('Days after which an accepted original is deleted; 0 keeps it forever.')
param archiveDeleteAfterDays int = 0

@description('Days after which a rejected original is deleted.')
param rejectedDeleteAfterDays int = 90

@description('Days after which a dated open-data snapshot moves to the cool tier (snapshots are kept, never deleted).')
param snapshotCoolAfterDays int = 30
@description('Days after which a dated open-data snapshot moves to the cold tier (still online).')
param snapshotColdAfterDays int = 365

@description('Days a deleted blob or container can be restored.')
@minValue(1)
@maxValue(365)
param softDeleteDays int = 7

@description('Client id of the Entra ID app registration of the read API (app role Ministere.Lecteur, docs/bi.md). Empty: the reads answer 401 until it is set.')
param apiClientId string = ''

@description('Tenant of the accounts that sign in to the read API.')
param apiTenantId string = tenant().tenantId

@description('Ministry operators allowed to issue mandataire upload SAS (object id and type).')
param uploadSasIssuers issuer[] = []

var token = uniqueString(resourceGroup().id, environmentName)
var baseName = '${namePrefix}-${environmentName}'
var tags = {
  application: 'SolidaritePipeline'
  environment: environmentName
  'azd-env-name': environmentName
}
var deploymentContainerName = 'app-package'
var deadLetterContainerName = 'eventgrid-deadletter'

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    // Storage names allow only lowercase letters and digits; azd environment names may have more.
    name: 'st${take(toLower(replace('${environmentName}${namePrefix}', '-', '')), 9)}${token}'
    location: location
    tags: tags
    skuName: storageSku
    openDataPublicRead: openDataPublicRead
    deploymentContainerName: deploymentContainerName
    deadLetterContainerName: deadLetterContainerName
    archiveCoolAfterDays: archiveCoolAfterDays
    archiveArchiveAfterDays: archiveArchiveAfterDays
    archiveDeleteAfterDays: archiveDeleteAfterDays
    rejectedDeleteAfterDays: rejectedDeleteAfterDays
    snapshotCoolAfterDays: snapshotCoolAfterDays
    snapshotColdAfterDays: snapshotColdAfterDays
    softDeleteDays: softDeleteDays
    // The function app's default host name, known before the app exists (storage is deployed first).
    espaceOrigin: 'https://func-${baseName}-${token}.azurewebsites.net'
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    logAnalyticsName: 'log-${baseName}-${token}'
    applicationInsightsName: 'appi-${baseName}-${token}'
    location: location
    tags: tags
    retentionInDays: logRetentionInDays
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  params: {
    planName: 'plan-${baseName}-${token}'
    appName: 'func-${baseName}-${token}'
    location: location
    tags: tags
    storageAccountName: storage.outputs.name
    deploymentContainerName: deploymentContainerName
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    publishSchedule: publishSchedule
    validationMaxBytes: validationMaxBytes
    validationMaxRows: validationMaxRows
    apiClientId: apiClientId
    apiTenantId: apiTenantId
  }
}

module eventGridTopic 'modules/eventgrid-topic.bicep' = {
  name: 'eventgrid-topic'
  params: {
    name: 'evgt-${baseName}-${token}'
    location: location
    tags: tags
    storageAccountName: storage.outputs.name
    deadLetterContainerName: deadLetterContainerName
  }
}

module uploadAccess 'modules/upload-access.bicep' = {
  name: 'upload-access'
  params: {
    storageAccountName: storage.outputs.name
    // The app signs the Espace mandataire's one-blob upload SAS with a user delegation key.
    issuers: concat(uploadSasIssuers, [{ principalId: functionApp.outputs.principalId, principalType: 'ServicePrincipal' }])
  }
}

// Names the next steps need (code deployment, then eventgrid.bicep); azd stores them as env values.
output AZURE_RESOURCE_GROUP string = resourceGroup().name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output AZURE_FUNCTION_APP_HOSTNAME string = functionApp.outputs.defaultHostName
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_STORAGE_BLOB_ENDPOINT string = storage.outputs.blobEndpoint
output AZURE_EVENTGRID_SYSTEM_TOPIC_NAME string = eventGridTopic.outputs.name
output AZURE_EVENTGRID_DEADLETTER_CONTAINER string = deadLetterContainerName
