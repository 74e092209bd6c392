// The Functions app (Wand.Functions, .NET isolated) on a Flex Consumption plan, integrated with
// the virtual network so it reaches the sandbox pool. Every setting that names another service
// does so without a secret: storage, Application Insights and Azure OpenAI by managed identity,
// the secrets themselves as Key Vault references resolved with the same identity.
@description('Region of the plan and the app.')
param location string

@description('Tags of every resource; the app also gets azd\'s service tag.')
param tags object

@description('Name of the Functions app (its host name is <name>.azurewebsites.net).')
param name string

@description('Name of the Flex Consumption plan.')
param planName string

@description('Resource id of the app\'s user-assigned identity.')
param identityId string

@description('Client id of that identity.')
param identityClientId string

@description('Subnet the app integrates with.')
param subnetId string

@description('Storage account of the host, the task hub and Wand\'s blobs and queues.')
param storageAccountName string

@description('Blob container URL the deployment package goes into.')
param deploymentContainerUri string

@description('Application Insights component the app reports to.')
param applicationInsightsName string

@description('URI of the app\'s Key Vault, ending in a slash.')
param vaultUri string

@description('Azure OpenAI endpoint.')
param openAiEndpoint string

@description('Azure OpenAI model deployment.')
param openAiDeploymentName string

@description('The sandbox pool\'s Docker endpoint, tcp://address:2376.')
param dockerHost string

@description('Sandbox runs one instance sends to the pool at once.')
param sandboxRunsPerInstance int

@description('Most instances the plan scales out to.')
param maximumInstanceCount int

@description('Memory of one instance, in MB.')
param instanceMemoryMB int

@description('Id of the GitHub App; empty leaves Wand:GitHub:AppId unset.')
param githubAppId string

@description('GitHub API URL; empty leaves Wand:GitHub:ApiUrl unset.')
param githubApiUrl string

resource insights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

// A Key Vault reference: the app sees the secret's current value, never the template.
func secretReference(vault string, secret string) string => '@Microsoft.KeyVault(SecretUri=${vault}secrets/${secret})'

var settings = union(
  {
    // Identity-based host storage: the Functions host, Durable Functions and Wand.Core
    // (StorageClients) all read these three.
    AzureWebJobsStorage__accountName: storageAccountName
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identityClientId
    // DefaultAzureCredential's choice of identity (Azure OpenAI).
    AZURE_CLIENT_ID: identityClientId
    APPLICATIONINSIGHTS_CONNECTION_STRING: insights.properties.ConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
    Wand__Llm__Endpoint: openAiEndpoint
    Wand__Llm__Model: openAiDeploymentName
    Wand__Sandbox__DockerHost: dockerHost
    Wand__Sandbox__TlsCaCertificate: secretReference(vaultUri, 'docker-tls-ca')
    Wand__Sandbox__TlsClientCertificate: secretReference(vaultUri, 'docker-tls-client-cert')
    Wand__Sandbox__TlsClientKey: secretReference(vaultUri, 'docker-tls-client-key')
    Wand__Sandbox__MaxConcurrentRuns: string(sandboxRunsPerInstance)
    Wand__GitHub__WebhookSecret: secretReference(vaultUri, 'github-webhook-secret')
    Wand__GitHub__PrivateKey: secretReference(vaultUri, 'github-app-private-key')
  },
  empty(githubAppId) ? {} : { Wand__GitHub__AppId: githubAppId },
  empty(githubApiUrl) ? {} : { Wand__GitHub__ApiUrl: githubApiUrl }
)

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
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

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientCertEnabled: false
    publicNetworkAccess: 'Enabled'
    virtualNetworkSubnetId: subnetId
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUri
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: app
  name: 'appsettings'
  properties: settings
}

// No publishing with user names and passwords: azd deploys with Entra ID.
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'ftp'
  properties: { allow: false }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'scm'
  properties: { allow: false }
}

@description('Name of the app.')
output name string = app.name

@description('https://<name>.azurewebsites.net')
output url string = 'https://${app.properties.defaultHostName}'
