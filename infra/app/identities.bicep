// One identity for the Functions app, one for the sandbox hosts. User-assigned, so their role
// assignments exist before the app and the hosts start (Key Vault references, the hosts' boot).
@description('Region of the identities.')
param location string

@description('Tags of every resource.')
param tags object

@description('Name of the Functions app\'s identity.')
param appIdentityName string

@description('Name of the sandbox hosts\' identity.')
param poolIdentityName string

resource app 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: appIdentityName
  location: location
  tags: tags
}

resource pool 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: poolIdentityName
  location: location
  tags: tags
}

@description('Resource id of the app\'s identity.')
output appIdentityId string = app.id

@description('Principal (object) id of the app\'s identity, for role assignments.')
output appPrincipalId string = app.properties.principalId

@description('Client id of the app\'s identity, for DefaultAzureCredential and the Functions host.')
output appClientId string = app.properties.clientId

@description('Resource id of the hosts\' identity.')
output poolIdentityId string = pool.id

@description('Principal (object) id of the hosts\' identity.')
output poolPrincipalId string = pool.properties.principalId

@description('Client id of the hosts\' identity, for their IMDS token requests.')
output poolClientId string = pool.properties.clientId
