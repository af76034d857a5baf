// Development: cheapest redundancy, small scale, everything private (open data included).
using '../main.bicep'

param environmentName = 'dev'
param storageSku = 'Standard_LRS'
param openDataPublicRead = false
param instanceMemoryMB = 2048
param maximumInstanceCount = 10
param logRetentionInDays = 30
param rejectedDeleteAfterDays = 30
param snapshotCoolAfterDays = 7
param snapshotColdAfterDays = 60
param softDeleteDays = 7
param uploadSasIssuers = []
