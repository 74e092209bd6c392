// The sandbox pool: a scale set of Debian hosts running the Docker engine, behind an internal
// load balancer on the pool subnet's fixed address. Docker listens with TLS on 2376 and admits
// only clients with a certificate of the pool's CA (infra/scripts/docker-tls.sh makes them).
// No host has a public address; the network rules admit 2376 from the app's subnet only.
// cloud-init writes the repository's sandbox-images/ onto each host (packed: imagesArchive) and
// setup-host.sh builds the images there.
@description('Region of the pool.')
param location string

@description('Tags of every resource.')
param tags object

@description('Suffix that makes the names unique.')
param token string

@description('Subnet of the hosts.')
param subnetId string

@description('Static private address of the internal load balancer, in that subnet.')
param address string

@description('VM size of one host.')
param vmSize string

@description('Number of hosts.')
param hostCount int

@description('OS disk size of a host, in GB.')
param diskSizeGB int

@description('Admin user of the hosts.')
param adminUsername string

@description('SSH public key of the admin user.')
param adminPublicKey string

@description('Resource id of the hosts\' user-assigned identity.')
param identityId string

@description('Client id of that identity.')
param identityClientId string

@description('URI of the pool\'s Key Vault, holding the hosts\' TLS certificate.')
param vaultUri string

@description('sandbox-images/ as a gzip\'d tar in base64 (infra/scripts/pack-sandbox-images.sh), so the images built on a host carry the content hash the app expects.')
param imagesArchive string

// JSON is YAML, so the cloud-config can be written as an object.
var cloudConfig = {
  package_update: true
  packages: ['docker.io', 'curl', 'jq', 'ca-certificates']
  write_files: [
    { path: '/opt/wand/sandbox-images.tar.gz', permissions: '0644', encoding: 'b64', content: imagesArchive }
    { path: '/opt/wand/setup-host.sh', permissions: '0755', content: loadTextContent('../sandbox-host/setup-host.sh') }
  ]
  runcmd: [
    ['/opt/wand/setup-host.sh', vaultUri, 'https://${substring(environment().suffixes.keyvaultDns, 1)}', identityClientId]
  ]
}

resource balancer 'Microsoft.Network/loadBalancers@2024-05-01' = {
  name: 'lbi-wand-pool-${token}'
  location: location
  tags: tags
  sku: { name: 'Standard' }
  properties: {
    frontendIPConfigurations: [
      {
        name: 'docker'
        properties: {
          subnet: { id: subnetId }
          privateIPAllocationMethod: 'Static'
          privateIPAddress: address
        }
      }
    ]
    backendAddressPools: [{ name: 'hosts' }]
    probes: [
      {
        name: 'docker-tls'
        properties: {
          protocol: 'Tcp'
          port: 2376
          intervalInSeconds: 5
          numberOfProbes: 2
        }
      }
    ]
    loadBalancingRules: [
      {
        name: 'docker-tls'
        properties: {
          frontendIPConfiguration: { id: resourceId('Microsoft.Network/loadBalancers/frontendIPConfigurations', 'lbi-wand-pool-${token}', 'docker') }
          backendAddressPool: { id: resourceId('Microsoft.Network/loadBalancers/backendAddressPools', 'lbi-wand-pool-${token}', 'hosts') }
          probe: { id: resourceId('Microsoft.Network/loadBalancers/probes', 'lbi-wand-pool-${token}', 'docker-tls') }
          protocol: 'Tcp'
          frontendPort: 2376
          backendPort: 2376
          // A sandbox run is several API calls on several connections (create, start, exec,
          // copy, remove): one caller must keep talking to one host. Each Functions instance
          // has its own address in the app subnet, so instances spread over the hosts.
          loadDistribution: 'SourceIP'
          // A run's exec stream may sit quiet for its whole time limit (30 minutes at most).
          idleTimeoutInMinutes: 45
          enableTcpReset: true
        }
      }
    ]
  }
}

resource hosts 'Microsoft.Compute/virtualMachineScaleSets@2024-07-01' = {
  name: 'vmss-wand-pool-${token}'
  location: location
  tags: tags
  sku: {
    name: vmSize
    tier: 'Standard'
    capacity: hostCount
  }
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    orchestrationMode: 'Uniform'
    overprovision: false
    // A new model (VM size, cloud-init) reaches running hosts only when you reimage them.
    upgradePolicy: { mode: 'Manual' }
    virtualMachineProfile: {
      osProfile: {
        computerNamePrefix: 'wandsbx'
        adminUsername: adminUsername
        customData: base64('#cloud-config\n${string(cloudConfig)}')
        linuxConfiguration: {
          disablePasswordAuthentication: true
          ssh: {
            publicKeys: [{ path: '/home/${adminUsername}/.ssh/authorized_keys', keyData: adminPublicKey }]
          }
        }
      }
      storageProfile: {
        imageReference: {
          publisher: 'Debian'
          offer: 'debian-12'
          sku: '12-gen2'
          version: 'latest'
        }
        osDisk: {
          createOption: 'FromImage'
          caching: 'ReadWrite'
          diskSizeGB: diskSizeGB
          managedDisk: { storageAccountType: 'StandardSSD_LRS' }
        }
      }
      networkProfile: {
        networkInterfaceConfigurations: [
          {
            name: 'nic'
            properties: {
              primary: true
              ipConfigurations: [
                {
                  name: 'private'
                  properties: {
                    subnet: { id: subnetId }
                    loadBalancerBackendAddressPools: [{ id: balancer.properties.backendAddressPools[0].id }]
                  }
                }
              ]
            }
          }
        ]
      }
    }
  }
}

@description('Name of the scale set.')
output scaleSetName string = hosts.name
