#!/usr/bin/env bash
# First boot of a sandbox host (run by cloud-init, see infra/app/sandbox-pool.bicep):
#   1. unpacks the repository's sandbox-images/ (cloud-init wrote them packed, to fit Azure's
#      custom data) and builds the sandbox images from them, so each carries the content hash
#      the app expects;
#   2. fetches the host's TLS certificate from the pool's Key Vault with the host's managed
#      identity, waiting until infra/scripts/docker-tls.sh has stored it;
#   3. opens Docker on 2376 with --tlsverify: only clients with a certificate of the same CA.
# The load balancer probes 2376, so a host gets work only once its images are built.
#
#   setup-host.sh <vault-uri> <key-vault-resource> <identity-client-id>
set -euo pipefail
vault_uri=$1 vault_resource=$2 client_id=$3
tls=/etc/docker/tls
log() { echo "wand-setup: $*" >&2; }

# cloud-init's commands run with a bare environment; the .NET SDK that build.sh downloads for
# the dotnet image wants a home for its caches, and ICU, which a minimal image may lack.
export HOME=${HOME:-/root} DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

log "building the sandbox images"
mkdir -p /opt/wand/sandbox-images
tar -xzf /opt/wand/sandbox-images.tar.gz -C /opt/wand/sandbox-images
systemctl enable --now docker
/opt/wand/sandbox-images/build.sh

token() {
  curl -fsS -H Metadata:true --get "http://169.254.169.254/metadata/identity/oauth2/token" \
    --data-urlencode "api-version=2018-02-01" --data-urlencode "resource=$vault_resource" \
    --data-urlencode "client_id=$client_id" | jq -er .access_token
}
secret() {
  curl -fsS -H "Authorization: Bearer $(token)" "${vault_uri}secrets/$1?api-version=7.4" | jq -er .value
}

log "waiting for the TLS certificate in ${vault_uri} (azd's postprovision hook stores it)"
install -d -m 700 "$tls"
until secret docker-tls-ca >"$tls/ca.pem" && secret docker-tls-server-cert >"$tls/cert.pem" \
      && (umask 077 && secret docker-tls-server-key >"$tls/key.pem"); do
  sleep 30
done

cat >/etc/docker/daemon.json <<JSON
{
  "hosts": ["unix:///var/run/docker.sock", "tcp://0.0.0.0:2376"],
  "tlsverify": true,
  "tlscacert": "$tls/ca.pem",
  "tlscert": "$tls/cert.pem",
  "tlskey": "$tls/key.pem"
}
JSON
# Debian's unit passes -H fd://, which dockerd refuses next to "hosts" in daemon.json.
install -d /etc/systemd/system/docker.service.d
cat >/etc/systemd/system/docker.service.d/wand-tls.conf <<'UNIT'
[Service]
ExecStart=
ExecStart=/usr/sbin/dockerd --containerd=/run/containerd/containerd.sock
UNIT
systemctl daemon-reload
systemctl restart docker
log "Docker listens with TLS on 2376"
