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

@description('Connection string of the Application Insights component: its endpoints, not a secret, as the component accepts only Entra ID.')
param applicationInsightsConnectionString string

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

@description('The registry repository environment images are shared through (<login server>/<repository>).')
param environmentRegistry string

@description('The registry token the app pushes and pulls environment images with; its password is the Key Vault secret environment-registry-password.')
param environmentRegistryUsername string

// Secrets are Key Vault references (@Microsoft.KeyVault(...)): the app sees each secret's
// current value, resolved with its identity; the template never holds one.
var requiredSettings = {
  // Identity-based host storage: the Functions host, Durable Functions and Wand.Core
  // (StorageClients) all read these three.
  AzureWebJobsStorage__accountName: storageAccountName
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  // DefaultAzureCredential's choice of identity (Azure OpenAI).
  AZURE_CLIENT_ID: identityClientId
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
  Wand__Llm__Endpoint: openAiEndpoint
  Wand__Llm__Model: openAiDeploymentName
  Wand__Sandbox__DockerHost: dockerHost
  Wand__Sandbox__TlsCaCertificate: '@Microsoft.KeyVault(SecretUri=${vaultUri}secrets/docker-tls-ca)'
  Wand__Sandbox__TlsClientCertificate: '@Microsoft.KeyVault(SecretUri=${vaultUri}secrets/docker-tls-client-cert)'
  Wand__Sandbox__TlsClientKey: '@Microsoft.KeyVault(SecretUri=${vaultUri}secrets/docker-tls-client-key)'
  Wand__Sandbox__MaxConcurrentRuns: string(sandboxRunsPerInstance)
  // Hosts share environment images: the app's Docker client gives them this token with each pull and push.
  Wand__Sandbox__EnvironmentRegistry: environmentRegistry
  Wand__Sandbox__EnvironmentRegistryUsername: environmentRegistryUsername
  Wand__Sandbox__EnvironmentRegistryPassword: '@Microsoft.KeyVault(SecretUri=${vaultUri}secrets/environment-registry-password)'
  Wand__GitHub__WebhookSecret: '@Microsoft.KeyVault(SecretUri=${vaultUri}secrets/github-webhook-secret)'
  Wand__GitHub__PrivateKey: '@Microsoft.KeyVault(SecretUri=${vaultUri}secrets/github-app-private-key)'
}

var settings = union(
  requiredSettings,
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
