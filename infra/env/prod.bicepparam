// Production: zone-redundant storage, open data readable by the public, long retention.
using '../main.bicep'

param environmentName = 'prod'
param storageSku = 'Standard_ZRS'
param openDataPublicRead = true
param instanceMemoryMB = 2048
param maximumInstanceCount = 40
param publishSchedule = '0 0 7 * * *'
param logRetentionInDays = 90
param archiveCoolAfterDays = 30
param archiveArchiveAfterDays = 365
// Originals of accepted reports are kept for seven years, then deleted.
param archiveDeleteAfterDays = 2557
param rejectedDeleteAfterDays = 90
param snapshotCoolAfterDays = 30
param snapshotColdAfterDays = 365
param softDeleteDays = 14
// Object ids of the ministry group that issues mandataire upload SAS, once it exists:
// param uploadSasIssuers = [ { principalId: '<object id>', principalType: 'Group' } ]
param uploadSasIssuers = []
