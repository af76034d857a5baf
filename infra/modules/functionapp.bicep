// The Flex Consumption plan and function app, its system-assigned identity, and the only roles that
// identity holds. No setting carries a key or a connection string: the host and our code reach
// storage with the identity (AzureWebJobsStorage__*), and Application Insights accepts its
// telemetry only through Microsoft Entra ID (local auth is off).

param planName string
param appName string
param location string
param tags object

param storageAccountName string
param deploymentContainerName string
param applicationInsightsName string

@description('Flex Consumption instance size in MB.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int

@description('Upper bound of instances, which also bounds cost.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@description('NCRONTAB (6 fields, UTC) of the nightly open-data snapshot.')
param publishSchedule string

@description('Largest accepted upload in bytes; 0 means no limit.')
@minValue(0)
param validationMaxBytes int

@description('Most rows accepted in one upload; 0 means no limit.')
@minValue(0)
param validationMaxRows int

@description('Application (client) id of the Entra ID app registration that signs in the ministry\'s readers (app role Ministere.Lecteur). Empty: App Service Authentication still guards the app and answers 401 to every read until it is set.')
param apiClientId string

@description('Tenant whose accounts sign in to the read API.')
param apiTenantId string

// Built-in role definition ids (the same in every Azure tenant).
var storageBlobDataOwner = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
var storageQueueDataContributor = '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
var storageTableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
var monitoringMetricsPublisher = '3913510d-42f4-4e42-8a64-420c390055eb'

resource storage 'Microsoft.Storage/storageAccounts@2026-06-01' existing = {
  name: storageAccountName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2025-03-01' = {
  name: appName
  location: location
  // azd finds the app to deploy the 'functions' service of azure.yaml by this tag.
  tags: union(tags, { 'azd-service-name': 'functions' })
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientCertEnabled: false
    publicNetworkAccess: 'Enabled'
    siteConfig: {
      // Flex Consumption rejects ftpsState and the stack settings (linuxFxVersion…); it has no FTP,
      // and basic-auth publishing is switched off below.
      minTlsVersion: '1.2'
      appSettings: [
        // Identity-based host storage: the host and our code build their clients from these URIs.
        {
          name: 'AzureWebJobsStorage__accountName'
          value: storage.name
        }
        {
          name: 'AzureWebJobsStorage__blobServiceUri'
          value: storage.properties.primaryEndpoints.blob
        }
        {
          name: 'AzureWebJobsStorage__queueServiceUri'
          value: storage.properties.primaryEndpoints.queue
        }
        {
          name: 'AzureWebJobsStorage__tableServiceUri'
          value: storage.properties.primaryEndpoints.table
        }
        {
          name: 'AzureWebJobsStorage__credential'
          value: 'managedidentity'
        }
        // The connection string of Application Insights names the resource; it grants nothing
        // since local auth is off, and the authentication string makes the host use the identity.
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: appInsights.properties.ConnectionString
        }
        {
          name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING'
          value: 'Authorization=AAD'
        }
        {
          name: 'PublishSchedule'
          value: publishSchedule
        }
        // The Espace mandataire's page is at the site root (host.json: routePrefix ""); the Functions
        // home page must never answer there instead.
        {
          name: 'AzureWebJobsDisableHomepage'
          value: 'true'
        }
        {
          name: 'Validation__MaxBytes'
          value: string(validationMaxBytes)
        }
        {
          name: 'Validation__MaxRows'
          value: string(validationMaxRows)
        }
      ]
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'SystemAssignedIdentity'
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

// App Service Authentication (Easy Auth) in front of every HTTP route: the BI reads get a signed-in
// Entra ID principal in X-MS-CLIENT-PRINCIPAL (a header the platform strips from incoming requests,
// so our code can trust it) and check the Ministere.Lecteur role themselves. Programs get a 401,
// never a redirect to a sign-in page. Excluded, because they carry their own keys and no Entra token:
// the Event Grid webhook that feeds the blob trigger (design.md section 9, "Known trap"), the health
// probe, and the operators' on-demand publication (function key).
// Also excluded: the Espace mandataire's three static files, so that a mandataire who opens the
// app's address sees the page's own "Connexion requise" and its sign-in link rather than a bare 401.
// They hold no data and read no header; the page's data comes from /api/me and the other API routes,
// which stay behind authentication. An excluded path matches exactly (only a trailing /* would
// cover a subtree), so '/' is the site root alone, not every path below it.
var authExcludedPaths = [
  '/runtime/webhooks/blobs'
  '/api/health'
  '/api/publish'
  '/'
  '/espace.css'
  '/espace.js'
]

resource auth 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: app
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      requireAuthentication: true
      unauthenticatedClientAction: 'Return401'
      excludedPaths: authExcludedPaths
    }
    httpSettings: {
      requireHttps: true
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: !empty(apiClientId)
        registration: {
          clientId: apiClientId
          openIdIssuer: '${environment().authentication.loginEndpoint}${apiTenantId}/v2.0'
        }
        validation: {
          // Power BI and Excel ask for a token for the API's identifier URI or its client id.
          allowedAudiences: empty(apiClientId) ? [] : [
            'api://${apiClientId}'
            apiClientId
          ]
        }
        login: {
          disableWWWAuthenticate: false
        }
      }
    }
    login: {
      tokenStore: {
        enabled: false
      }
    }
  }
}

// Deployments go through Microsoft Entra ID only: no FTP or basic-auth publishing credentials.
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: app
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: app
  name: 'scm'
  properties: {
    allow: false
  }
}

// Blob Data Owner, not Contributor: the Functions host needs it for AzureWebJobsStorage (leases,
// its key store) and for the blob trigger; it also reads the deployment package and lets our code
// move originals to archive/ or rejected/ and write reports, normalized data and snapshots.
resource blobOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, app.id, storageBlobDataOwner)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataOwner)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
    description: 'Functions host storage, blob trigger, deployment package, pipeline blobs.'
  }
}

// The blob trigger keeps its poison messages in a queue of AzureWebJobsStorage.
resource queueContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, app.id, storageQueueDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageQueueDataContributor)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
    description: 'Blob trigger queues (poison messages).'
  }
}

// Ingestion writes the totals and the submission log; publishing and GetTotals read them.
resource tableContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, app.id, storageTableDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributor)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
    description: 'RegionalTotals, MandataireTotals and Submissions tables.'
  }
}

// With local auth off, Application Insights accepts telemetry only from this role.
resource metricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, app.id, monitoringMetricsPublisher)
  scope: appInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisher)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
    description: 'Telemetry to Application Insights with Microsoft Entra authentication.'
  }
}

output name string = app.name
output id string = app.id
output defaultHostName string = app.properties.defaultHostName
output principalId string = app.identity.principalId
