// Parameters for `azd up`: azd exports the values of its environment (azd env set NAME VALUE)
// to this file. For plain `az deployment group create`, use env/dev.bicepparam or env/prod.bicepparam.
using 'main.bicep'

param environmentName = readEnvironmentVariable('AZURE_ENV_NAME')
param location = readEnvironmentVariable('AZURE_LOCATION')
param openDataPublicRead = toLower(readEnvironmentVariable('SOLIDARITE_OPENDATA_PUBLIC_READ', 'false')) == 'true'
param storageSku = readEnvironmentVariable('SOLIDARITE_STORAGE_SKU', 'Standard_LRS')
param apiClientId = readEnvironmentVariable('SOLIDARITE_API_CLIENT_ID', '')
