// Application Insights on a Log Analytics workspace. Local (key) authentication is off: the
// app sends telemetry with its managed identity (APPLICATIONINSIGHTS_AUTHENTICATION_STRING).
@description('Region of the workspace and the component.')
param location string

@description('Tags of every resource.')
param tags object

@description('Suffix that makes the names unique.')
param token string

@description('Principal id of the Functions app\'s identity, which publishes the telemetry.')
param appPrincipalId string

var monitoringMetricsPublisher = '3913510d-42f4-4e42-8a64-420c390055eb'

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: 'log-wand-${token}'
  location: location
  tags: tags
  properties: {
    retentionInDays: 30
    sku: { name: 'PerGB2018' }
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-wand-${token}'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    DisableLocalAuth: true
  }
}

resource publisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: insights
  name: guid(insights.id, appPrincipalId, monitoringMetricsPublisher)
  properties: {
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisher)
  }
}

@description('Name of the Application Insights component.')
output applicationInsightsName string = insights.name

@description('Where telemetry goes. Holds no secret: the component refuses its instrumentation key alone (DisableLocalAuth).')
output applicationInsightsConnectionString string = insights.properties.ConnectionString
