// The virtual network: the Functions app's integration subnet, and the sandbox pool's subnet,
// which admits Docker's TLS port from the app's subnet and nothing else. The pool reaches out
// (apt, the images' base, Key Vault) through a NAT gateway; nothing reaches in from outside.
@description('Region of the network.')
param location string

@description('Tags of every resource.')
param tags object

@description('Suffix that makes the names unique.')
param token string

@description('Address space of the virtual network.')
param vnetAddressPrefix string

@description('Subnet the Functions app integrates with.')
param appSubnetPrefix string

@description('Subnet of the sandbox hosts.')
param poolSubnetPrefix string

resource poolRules 'Microsoft.Network/networkSecurityGroups@2024-05-01' = {
  name: 'nsg-wand-pool-${token}'
  location: location
  tags: tags
  properties: {
    securityRules: [
      {
        name: 'docker-tls-from-app'
        properties: {
          description: 'The Functions app reaches the Docker engines (TLS, client certificates) on 2376.'
          priority: 100
          direction: 'Inbound'
          access: 'Allow'
          protocol: 'Tcp'
          sourceAddressPrefix: appSubnetPrefix
          sourcePortRange: '*'
          destinationAddressPrefix: poolSubnetPrefix
          destinationPortRange: '2376'
        }
      }
      {
        name: 'load-balancer-probe'
        properties: {
          description: 'The internal load balancer\'s health probe.'
          priority: 110
          direction: 'Inbound'
          access: 'Allow'
          protocol: 'Tcp'
          sourceAddressPrefix: 'AzureLoadBalancer'
          sourcePortRange: '*'
          destinationAddressPrefix: poolSubnetPrefix
          destinationPortRange: '2376'
        }
      }
      {
        // The default rules would let the whole virtual network in (SSH, the Docker port from
        // anywhere in it); only the rules above may.
        name: 'deny-everything-else'
        properties: {
          description: 'Nothing else reaches the sandbox hosts.'
          priority: 4000
          direction: 'Inbound'
          access: 'Deny'
          protocol: '*'
          sourceAddressPrefix: '*'
          sourcePortRange: '*'
          destinationAddressPrefix: '*'
          destinationPortRange: '*'
        }
      }
    ]
  }
}

resource appRules 'Microsoft.Network/networkSecurityGroups@2024-05-01' = {
  name: 'nsg-wand-app-${token}'
  location: location
  tags: tags
}

resource outboundAddress 'Microsoft.Network/publicIPAddresses@2024-05-01' = {
  name: 'pip-wand-nat-${token}'
  location: location
  tags: tags
  sku: { name: 'Standard' }
  properties: {
    publicIPAllocationMethod: 'Static'
  }
}

resource outbound 'Microsoft.Network/natGateways@2024-05-01' = {
  name: 'ng-wand-pool-${token}'
  location: location
  tags: tags
  sku: { name: 'Standard' }
  properties: {
    idleTimeoutInMinutes: 4
    publicIpAddresses: [{ id: outboundAddress.id }]
  }
}

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-wand-${token}'
  location: location
  tags: tags
  properties: {
    addressSpace: { addressPrefixes: [vnetAddressPrefix] }
    subnets: [
      {
        name: 'app'
        properties: {
          addressPrefix: appSubnetPrefix
          networkSecurityGroup: { id: appRules.id }
          delegations: [
            {
              name: 'flex-consumption'
              properties: { serviceName: 'Microsoft.App/environments' }
            }
          ]
        }
      }
      {
        name: 'sandbox-pool'
        properties: {
          addressPrefix: poolSubnetPrefix
          networkSecurityGroup: { id: poolRules.id }
          natGateway: { id: outbound.id }
          defaultOutboundAccess: false
        }
      }
    ]
  }
}

@description('Subnet id the Functions app integrates with.')
output appSubnetId string = vnet.properties.subnets[0].id

@description('Subnet id of the sandbox hosts.')
output poolSubnetId string = vnet.properties.subnets[1].id

@description('Static private address of the pool\'s internal load balancer (the 100th of its subnet).')
output poolAddress string = cidrHost(poolSubnetPrefix, 99)
