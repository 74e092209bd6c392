// The container registry the sandbox hosts share environment images through
// (Wand:Sandbox:EnvironmentRegistry): one repository, an environment a tag. The app's Docker
// client hands the hosts a token that may read and write that repository and nothing else; its
// password is made by the postprovision hook (infra/scripts/registry-token.sh) into the app's
// Key Vault, never by the template. No admin user (and Basic has no anonymous pull).
@description('Region of the registry.')
param location string

@description('Tags of every resource.')
param tags object

@description('Name of the registry (5 to 50 letters and digits; its login server is <name>.azurecr.io).')
param name string

@description('The repository environment images are kept in.')
param repository string = 'wand-environments'

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: 'Basic'
  }
  properties: {
    adminUserEnabled: false
    publicNetworkAccess: 'Enabled'
  }
}

resource scope 'Microsoft.ContainerRegistry/registries/scopeMaps@2023-07-01' = {
  parent: registry
  name: 'wand-environments'
  properties: {
    description: 'Read and write the environment images, nothing else.'
    actions: [
      'repositories/${repository}/content/read'
      'repositories/${repository}/content/write'
      'repositories/${repository}/metadata/read'
    ]
  }
}

resource token 'Microsoft.ContainerRegistry/registries/tokens@2023-07-01' = {
  parent: registry
  name: 'wand-environments'
  properties: {
    scopeMapId: scope.id
    status: 'enabled'
  }
}

@description('Name of the registry.')
output name string = registry.name

@description('The repository environment images go to: <login server>/<repository>.')
output environmentRepository string = '${registry.properties.loginServer}/${repository}'

@description('The user name the app pushes and pulls with: the registry token\'s name (its password is in the app\'s Key Vault).')
output username string = token.name
