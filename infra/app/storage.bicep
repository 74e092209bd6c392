// The app's storage account: Wand's blobs (jobs, artifacts, reports), the batch queue, the
// Durable task hub (queues, tables, blobs) and the Flex Consumption deployment package. Shared
// keys are off: every caller uses Entra ID.
@description('Region of the account.')
param location string

@description('Tags of every resource.')
param tags object

@description('Name of the storage account.')
param name string

@description('Blob container Flex Consumption deploys the app package into.')
param deploymentContainerName string

@description('Principal id of the Functions app\'s identity.')
param appPrincipalId string

// The Functions host keeps its leases and keys in blobs (Blob Data Owner, as its docs require
// for AzureWebJobsStorage); Durable Functions uses queues and tables; Wand's batch queue too.
var appRoles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
}

resource account 'Microsoft.Storage/storageAccounts@2024-01-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

resource blobs 'Microsoft.Storage/storageAccounts/blobServices@2024-01-01' = {
  parent: account
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2024-01-01' = {
  parent: blobs
  name: deploymentContainerName
  properties: { publicAccess: 'None' }
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices@2024-01-01' = {
  parent: account
  name: 'default'
}

resource batchQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2024-01-01' = {
  parent: queues
  name: 'wand-batches'
}

resource batchPoisonQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2024-01-01' = {
  parent: queues
  name: 'wand-batches-poison'
}

resource appRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in items(appRoles): {
    scope: account
    name: guid(account.id, appPrincipalId, role.value)
    properties: {
      principalId: appPrincipalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.value)
    }
  }
]

@description('Name of the storage account.')
output name string = account.name

@description('URL of the deployment package container.')
output deploymentContainerUri string = '${account.properties.primaryEndpoints.blob}${deploymentContainer.name}'

@description('Name of the batch queue.')
output batchQueueName string = batchQueue.name

@description('Name of the batch queue\'s poison queue.')
output batchPoisonQueueName string = batchPoisonQueue.name
