// Who may hand a mandataire write access to its folder. A user-delegation SAS can grant no more than
// its issuer holds, so an issuer gets exactly: Storage Blob Delegator on the account (to request the
// delegation key) and Storage Blob Data Contributor on the uploads container only. Mandataires
// themselves hold no role: they get a blob-scoped, create/write-only SAS for one file name under
// uploads/{mandataire}/ (infra/scripts/new-mandataire-sas.sh).

param storageAccountName string

@description('Ministry operators (users or groups) allowed to issue upload SAS to mandataires.')
param issuers issuer[]

@export()
type issuer = {
  @description('Object id of a Microsoft Entra user, group or service principal.')
  principalId: string
  principalType: 'User' | 'Group' | 'ServicePrincipal'
}

var storageBlobDelegator = 'db58b8e5-c6ad-4a2a-8342-4190687cbf4a'
var storageBlobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'

resource storage 'Microsoft.Storage/storageAccounts@2026-06-01' existing = {
  name: storageAccountName

  resource blobService 'blobServices' existing = {
    name: 'default'

    resource uploads 'containers' existing = {
      name: 'uploads'
    }
  }
}

resource delegators 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for issuer in issuers: {
    name: guid(storage.id, issuer.principalId, storageBlobDelegator)
    scope: storage
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDelegator)
      principalId: issuer.principalId
      principalType: issuer.principalType
      description: 'Requests user delegation keys to sign mandataire upload SAS.'
    }
  }
]

resource uploadWriters 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for issuer in issuers: {
    name: guid(storage::blobService::uploads.id, issuer.principalId, storageBlobDataContributor)
    scope: storage::blobService::uploads
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributor)
      principalId: issuer.principalId
      principalType: issuer.principalType
      description: 'Bounds what a mandataire upload SAS can ever grant: the uploads container.'
    }
  }
]
