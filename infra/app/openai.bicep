// Azure OpenAI with one model deployment. Keys are off: the app calls it with its identity.
@description('Region of the account (one where the model is offered).')
param location string

@description('Tags of every resource.')
param tags object

@description('Name of the account, also its subdomain.')
param name string

@description('Model to deploy.')
param modelName string

@description('Version of the model.')
param modelVersion string

@description('Deployment type (SKU) of the model deployment.')
param deploymentType string

@description('Rate limit, in thousands of tokens per minute.')
param capacity int

@description('Principal id of the Functions app\'s identity.')
param appPrincipalId string

var cognitiveServicesOpenAIUser = '5e0bd9bd-7b93-4f28-af87-19fc36ad61bd'

resource account 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: name
  location: location
  tags: tags
  kind: 'OpenAI'
  sku: { name: 'S0' }
  properties: {
    customSubDomainName: name
    disableLocalAuth: true
    publicNetworkAccess: 'Enabled'
  }
}

resource model 'Microsoft.CognitiveServices/accounts/deployments@2024-10-01' = {
  parent: account
  name: modelName
  sku: {
    name: deploymentType
    capacity: capacity
  }
  properties: {
    model: {
      format: 'OpenAI'
      name: modelName
      version: modelVersion
    }
  }
}

resource user 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: account
  name: guid(account.id, appPrincipalId, cognitiveServicesOpenAIUser)
  properties: {
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', cognitiveServicesOpenAIUser)
  }
}

@description('Endpoint of the account.')
output endpoint string = account.properties.endpoint

@description('Name of the model deployment (Wand:Llm:Model).')
output deploymentName string = model.name
