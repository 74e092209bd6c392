// Wand on Azure: the Functions app (Flex Consumption, Durable Functions) and everything it
// reaches, all of it by managed identity; a private pool of Docker hosts for the sandboxes.
// `azd up` provisions this, runs infra/scripts/docker-tls.sh (the pool's TLS certificates)
// and deploys functions/Wand.Functions. README "Deploying to Azure" has the whole story.
targetScope = 'subscription'

@minLength(1)
@maxLength(48)
@description('Name of the azd environment. Names the resource group and tags every resource.')
param environmentName string

@minLength(1)
@description('Azure region of every resource, except the Azure OpenAI account when openAiLocation says otherwise.')
param location string

@description('Object id of the user or service principal running azd. It may set the secrets of both Key Vaults (the postprovision hook stores the Docker TLS certificates there; you store the GitHub App\'s). Empty: no such role assignment.')
param principalId string = ''

@description('Kind of principal principalId names.')
@allowed(['User', 'ServicePrincipal'])
param principalType string = 'User'

@description('Region of the Azure OpenAI account, where the model is offered (empty: location).')
param openAiLocation string = ''

@description('Model deployed in Azure OpenAI for candidate generation.')
param openAiModelName string = 'gpt-4o-mini'

@description('Version of that model.')
param openAiModelVersion string = '2024-07-18'

@description('Deployment type of the model: GlobalStandard (pay per token, any region), Standard (regional), DataZoneStandard.')
@allowed(['GlobalStandard', 'Standard', 'DataZoneStandard'])
param openAiDeploymentType string = 'GlobalStandard'

@minValue(1)
@description('Rate limit of the model deployment, in thousands of tokens per minute.')
param openAiCapacity int = 50

@description('VM size of one sandbox host. Every run gets one CPU and 1 GB, so a 4-core, 16 GB host runs 4 sandboxes at once.')
param sandboxVmSize string = 'Standard_D4as_v5'

@minValue(0)
@maxValue(100)
@description('Number of sandbox hosts. 0 stops the pool (and its compute cost); scale later with `az vmss scale`.')
param sandboxHostCount int = 1

@minValue(64)
@description('OS disk of a sandbox host, in GB: the seven sandbox images take about 5 GB, containers run on tmpfs.')
param sandboxDiskSizeGB int = 64

@minLength(1)
@description('Admin user of the sandbox hosts (SSH only, from inside the virtual network).')
param sandboxAdminUsername string = 'wand'

@minLength(1)
@description('SSH public key of that user (for example the contents of ~/.ssh/id_ed25519.pub). The hosts have no password and no public address.')
param sandboxAdminPublicKey string

@minLength(1)
@description('sandbox-images/ packed for the hosts: a gzip\'d tar in base64, as infra/scripts/pack-sandbox-images.sh prints it (azd\'s preprovision hook sets WAND_SANDBOX_IMAGES).')
param sandboxImages string

@minValue(1)
@description('Sandbox runs one Functions instance sends to the pool at once (Wand:Sandbox:MaxConcurrentRuns).')
param sandboxRunsPerAppInstance int = 4

@minValue(40)
@maxValue(1000)
@description('Most instances the Flex Consumption plan scales the Functions app out to.')
param functionMaximumInstanceCount int = 40

@allowed([512, 2048, 4096])
@description('Memory of one Functions instance, in MB.')
param functionInstanceMemoryMB int = 2048

@description('Id of your GitHub App (Wand:GitHub:AppId; not a secret). Empty: set it later with `azd env set GITHUB_APP_ID` and `azd provision`.')
param githubAppId string = ''

@description('GitHub API URL for GitHub Enterprise Server (Wand:GitHub:ApiUrl). Empty: api.github.com.')
param githubApiUrl string = ''

@description('Address space of the virtual network.')
param vnetAddressPrefix string = '10.40.0.0/16'

@description('Subnet the Functions app integrates with (delegated to Microsoft.App/environments).')
param appSubnetPrefix string = '10.40.1.0/24'

@description('Subnet of the sandbox hosts and their internal load balancer.')
param poolSubnetPrefix string = '10.40.2.0/24'

var tags = { 'azd-env-name': environmentName }
var token = toLower(uniqueString(subscription().id, environmentName, location))
var functionAppName = 'func-wand-${token}'

resource group 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identities 'app/identities.bicep' = {
  scope: group
  params: {
    location: location
    tags: tags
    appIdentityName: 'id-wand-app-${token}'
    poolIdentityName: 'id-wand-pool-${token}'
  }
}

module network 'app/network.bicep' = {
  scope: group
  params: {
    location: location
    tags: tags
    token: token
    vnetAddressPrefix: vnetAddressPrefix
    appSubnetPrefix: appSubnetPrefix
    poolSubnetPrefix: poolSubnetPrefix
  }
}

module storage 'app/storage.bicep' = {
  scope: group
  params: {
    location: location
    tags: tags
    name: 'stwand${token}'
    deploymentContainerName: 'app-package-${take(functionAppName, 32)}'
    appPrincipalId: identities.outputs.appPrincipalId
  }
}

module monitoring 'app/monitoring.bicep' = {
  scope: group
  params: {
    location: location
    tags: tags
    token: token
    appPrincipalId: identities.outputs.appPrincipalId
  }
}

// Two vaults, so each identity can read only what it needs: the app's (GitHub App key,
// webhook secret, Docker TLS client certificate) and the pool's (the hosts' TLS certificate).
module appVault 'app/key-vault.bicep' = {
  scope: group
  params: {
    location: location
    tags: tags
    name: 'kv-wand-${take(token, 15)}'
    readerPrincipalId: identities.outputs.appPrincipalId
    officerPrincipalId: principalId
    officerPrincipalType: principalType
  }
}

module poolVault 'app/key-vault.bicep' = {
  scope: group
  params: {
    location: location
    tags: tags
    name: 'kv-pool-${take(token, 15)}'
    readerPrincipalId: identities.outputs.poolPrincipalId
    officerPrincipalId: principalId
    officerPrincipalType: principalType
  }
}

module openAi 'app/openai.bicep' = {
  scope: group
  params: {
    location: empty(openAiLocation) ? location : openAiLocation
    tags: tags
    name: 'oai-wand-${token}'
    modelName: openAiModelName
    modelVersion: openAiModelVersion
    deploymentType: openAiDeploymentType
    capacity: openAiCapacity
    appPrincipalId: identities.outputs.appPrincipalId
  }
}

module sandboxPool 'app/sandbox-pool.bicep' = {
  scope: group
  params: {
    location: location
    tags: tags
    token: token
    subnetId: network.outputs.poolSubnetId
    address: network.outputs.poolAddress
    vmSize: sandboxVmSize
    hostCount: sandboxHostCount
    diskSizeGB: sandboxDiskSizeGB
    adminUsername: sandboxAdminUsername
    adminPublicKey: sandboxAdminPublicKey
    identityId: identities.outputs.poolIdentityId
    identityClientId: identities.outputs.poolClientId
    vaultUri: poolVault.outputs.uri
    imagesArchive: sandboxImages
  }
}

module registry 'app/registry.bicep' = {
  scope: group
  params: {
    location: location
    tags: tags
    name: 'crwand${token}'
  }
}

module functionApp 'app/function-app.bicep' = {
  scope: group
  params: {
    location: location
    tags: tags
    name: functionAppName
    planName: 'plan-wand-${token}'
    identityId: identities.outputs.appIdentityId
    identityClientId: identities.outputs.appClientId
    subnetId: network.outputs.appSubnetId
    storageAccountName: storage.outputs.name
    deploymentContainerUri: storage.outputs.deploymentContainerUri
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
    vaultUri: appVault.outputs.uri
    openAiEndpoint: openAi.outputs.endpoint
    openAiDeploymentName: openAi.outputs.deploymentName
    dockerHost: 'tcp://${network.outputs.poolAddress}:2376'
    sandboxRunsPerInstance: sandboxRunsPerAppInstance
    maximumInstanceCount: functionMaximumInstanceCount
    instanceMemoryMB: functionInstanceMemoryMB
    githubAppId: githubAppId
    githubApiUrl: githubApiUrl
    environmentRegistry: registry.outputs.environmentRepository
    environmentRegistryUsername: registry.outputs.username
  }
}

@description('The container registry environment images are shared through (the registry hook makes its token\'s password).')
output AZURE_CONTAINER_REGISTRY_NAME string = registry.outputs.name

@description('The user name (a registry token) the app reaches that registry with.')
output ENVIRONMENT_REGISTRY_USERNAME string = registry.outputs.username

@description('Region of the deployment (azd).')
output AZURE_LOCATION string = location

@description('Tenant of the deployment (azd).')
output AZURE_TENANT_ID string = tenant().tenantId

@description('Resource group holding everything.')
output AZURE_RESOURCE_GROUP string = group.name

@description('Name of the Functions app.')
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name

@description('Base URL of the repair API (POST /api/repairs, with a function key).')
output WAND_API_URL string = functionApp.outputs.url

@description('Payload URL to give the GitHub App.')
output GITHUB_WEBHOOK_URL string = '${functionApp.outputs.url}/api/github/webhook'

@description('Key Vault of the app\'s secrets: github-webhook-secret, github-app-private-key, docker-tls-*.')
output AZURE_KEY_VAULT_NAME string = appVault.outputs.name

@description('Key Vault of the sandbox hosts\' TLS certificate.')
output SANDBOX_POOL_KEY_VAULT_NAME string = poolVault.outputs.name

@description('Private address of the sandbox pool (its internal load balancer), on which Docker listens with TLS on 2376.')
output SANDBOX_POOL_ADDRESS string = network.outputs.poolAddress

@description('Scale set of the sandbox hosts (`az vmss scale --new-capacity N`).')
output SANDBOX_POOL_SCALE_SET_NAME string = sandboxPool.outputs.scaleSetName

@description('Azure OpenAI endpoint the app calls with its managed identity.')
output AZURE_OPENAI_ENDPOINT string = openAi.outputs.endpoint

@description('Model deployment the app uses.')
output AZURE_OPENAI_DEPLOYMENT string = openAi.outputs.deploymentName

@description('Storage account of jobs, artifacts, the batch queue and the Durable task hub.')
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
