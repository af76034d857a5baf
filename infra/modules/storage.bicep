// The one storage account of the pipeline: the Functions host's own storage, the containers and
// tables of design.md section 5, the Flex Consumption deployment package and the Event Grid
// dead letters. Shared-key access is off: every client authenticates with Microsoft Entra ID.

@description('Storage account name (3-24 lowercase letters and digits, globally unique).')
@minLength(3)
@maxLength(24)
param name string

param location string
param tags object

@description('Standard_LRS is enough for a test environment; production keeps a copy in each zone.')
@allowed(['Standard_LRS', 'Standard_ZRS', 'Standard_GRS', 'Standard_GZRS'])
param skuName string

@description('Lets anonymous readers fetch blobs of the opendata container (and of no other).')
param openDataPublicRead bool

@description('Name of the container that holds the Flex Consumption deployment package.')
param deploymentContainerName string

@description('Name of the container where Event Grid writes the events it could not deliver.')
param deadLetterContainerName string

@description('Days an accepted original stays in the hot tier before it moves to cool.')
param archiveCoolAfterDays int
@description('Days after which an accepted original moves to the archive tier (hours to read back).')
param archiveArchiveAfterDays int
@description('Days after which an accepted original is deleted; 0 keeps it forever.')
param archiveDeleteAfterDays int
@description('Days after which a rejected original is deleted.')
param rejectedDeleteAfterDays int
@description('Days after which a dated open-data snapshot moves to the cool tier; it is never deleted (history stays published).')
param snapshotCoolAfterDays int
@description('Days after which a dated open-data snapshot moves to the cold tier, still online and readable at once.')
param snapshotColdAfterDays int
@description('Days a deleted blob or container can still be restored.')
param softDeleteDays int

@description('The Espace mandataire\'s origin (https://host): the only origin whose browser may PUT a file with its upload SAS.')
param espaceOrigin string

// Every container of design.md section 5 except opendata, plus the two the platform needs: none of
// them is ever readable anonymously.
var privateContainers = [
  'uploads'
  'archive'
  'rejected'
  'reports'
  'normalized'
  // The Espace mandataire's report templates, written by `solidarite template publish` at deployment.
  'templates'
  deploymentContainerName
  deadLetterContainerName
]

var tables = [
  'RegionalTotals'
  'MandataireTotals'
  'Submissions'
  'MandataireAccess'
]

resource account 'Microsoft.Storage/storageAccounts@2026-06-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: openDataPublicRead
    allowCrossTenantReplication: false
    isHnsEnabled: false
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      // Mandataires upload from their own networks and the Flex app has no virtual network here.
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
    encryption: {
      keySource: 'Microsoft.Storage'
      requireInfrastructureEncryption: true
      services: {
        blob: {
          enabled: true
          keyType: 'Account'
        }
        file: {
          enabled: true
          keyType: 'Account'
        }
        queue: {
          enabled: true
          keyType: 'Account'
        }
        table: {
          enabled: true
          keyType: 'Account'
        }
      }
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2026-06-01' = {
  parent: account
  name: 'default'
  properties: {
    deleteRetentionPolicy: {
      enabled: true
      days: softDeleteDays
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: softDeleteDays
    }
    // The page sends a file straight to uploads/{code}/{name} with a one-blob SAS: the browser needs CORS
    // for that PUT, from the app's own origin only. Nothing else is open cross-origin.
    cors: {
      corsRules: [
        {
          allowedOrigins: [espaceOrigin]
          allowedMethods: ['PUT']
          allowedHeaders: ['x-ms-blob-type', 'x-ms-version', 'x-ms-client-request-id', 'content-type', 'content-length']
          exposedHeaders: ['x-ms-request-id']
          maxAgeInSeconds: 600
        }
      ]
    }
  }
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-06-01' = [
  for container in privateContainers: {
    parent: blobService
    name: container
    properties: {
      publicAccess: 'None'
    }
  }
]

// The only container an anonymous reader may read, blob by blob (no listing): latest.json names the files.
resource openDataContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-06-01' = {
  parent: blobService
  name: 'opendata'
  properties: {
    publicAccess: openDataPublicRead ? 'Blob' : 'None'
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2026-06-01' = {
  parent: account
  name: 'default'
}

resource tableResources 'Microsoft.Storage/storageAccounts/tableServices/tables@2026-06-01' = [
  for table in tables: {
    parent: tableService
    name: table
  }
]

var archiveDelete = archiveDeleteAfterDays > 0
  ? {
      delete: {
        daysAfterModificationGreaterThan: archiveDeleteAfterDays
      }
    }
  : {}

resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2026-06-01' = {
  parent: account
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'archive-originals'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: ['blockBlob']
              prefixMatch: ['archive/']
            }
            actions: {
              baseBlob: union(
                {
                  tierToCool: {
                    daysAfterModificationGreaterThan: archiveCoolAfterDays
                  }
                  tierToArchive: {
                    daysAfterModificationGreaterThan: archiveArchiveAfterDays
                  }
                },
                archiveDelete
              )
            }
          }
        }
        {
          name: 'rejected-originals'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: ['blockBlob']
              prefixMatch: ['rejected/']
            }
            actions: {
              baseBlob: {
                delete: {
                  daysAfterModificationGreaterThan: rejectedDeleteAfterDays
                }
              }
            }
          }
        }
        {
          name: 'old-snapshots'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: ['blockBlob']
              prefixMatch: ['opendata/snapshots/']
            }
            // Kept, not deleted: every dated snapshot stays readable at its URL (design.md section 6),
            // only cheaper to store. Never archive: an archived blob cannot be read without rehydration.
            // latest/ and latest.json sit outside this prefix and stay hot.
            actions: {
              baseBlob: {
                tierToCool: {
                  daysAfterModificationGreaterThan: snapshotCoolAfterDays
                }
                tierToCold: {
                  daysAfterModificationGreaterThan: snapshotColdAfterDays
                }
              }
            }
          }
        }
      ]
    }
  }
}

output id string = account.id
output name string = account.name
output blobEndpoint string = account.properties.primaryEndpoints.blob
output queueEndpoint string = account.properties.primaryEndpoints.queue
output tableEndpoint string = account.properties.primaryEndpoints.table
