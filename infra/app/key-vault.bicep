// A Key Vault with Azure RBAC: one identity may read its secrets, and the deploying principal
// may set them. The template itself creates no secret: the postprovision hook and you do.
@description('Region of the vault.')
param location string

@description('Tags of every resource.')
param tags object

@description('Name of the vault (3 to 24 characters).')
@minLength(3)
@maxLength(24)
param name string

@description('Principal id of the managed identity that reads the secrets.')
param readerPrincipalId string

@description('Principal id that may set secrets (the user or pipeline running azd); empty for none.')
param officerPrincipalId string

@description('Kind of principal officerPrincipalId names.')
@allowed(['User', 'ServicePrincipal'])
param officerPrincipalType string

var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'
var keyVaultSecretsOfficer = 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    enabledForDeployment: false
    enabledForDiskEncryption: false
    enabledForTemplateDeployment: false
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

resource reader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, readerPrincipalId, keyVaultSecretsUser)
  properties: {
    principalId: readerPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
  }
}

resource officer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(officerPrincipalId)) {
  scope: vault
  name: guid(vault.id, officerPrincipalId, keyVaultSecretsOfficer)
  properties: {
    principalId: officerPrincipalId
    principalType: officerPrincipalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsOfficer)
  }
}

@description('Name of the vault.')
output name string = vault.name

@description('URI of the vault, ending in a slash.')
output uri string = vault.properties.vaultUri
