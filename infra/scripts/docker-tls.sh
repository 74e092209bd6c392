#!/usr/bin/env bash
# The sandbox pool's TLS: one private CA, a certificate for the hosts (valid for the pool's
# address) and one for the Functions app, as dockerd --tlsverify and the docker CLI use them.
# Run by `azd up` after provisioning (azure.yaml's postprovision hook): makes them once and
# stores them in the two Key Vaults; the CA's key is thrown away (rotate by making all anew).
#
#   infra/scripts/docker-tls.sh                  hook: reads AZURE_KEY_VAULT_NAME,
#                                                SANDBOX_POOL_KEY_VAULT_NAME, SANDBOX_POOL_ADDRESS
#                                                (azd's outputs); ROTATE=1 replaces existing ones
#   infra/scripts/docker-tls.sh --out DIR ADDR   only writes the files into DIR: ca.pem,
#                                                server-cert.pem, server-key.pem, cert.pem, key.pem
set -euo pipefail
say() { echo "docker-tls: $*" >&2; }

# make_certificates DIR ADDRESS
make_certificates() {
  local dir=$1 address=$2 san
  case "$address" in
    *[!0-9.]*) san="DNS:$address" ;;
    *) san="IP:$address" ;;
  esac
  mkdir -p "$dir"
  (
    cd "$dir"
    umask 077
    key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }
    serial() { echo "0x$(openssl rand -hex 16)"; }
    key ca-key.pem
    openssl req -x509 -new -key ca-key.pem -sha256 -days 3650 -subj "/CN=Wand sandbox pool CA" \
      -addext "basicConstraints=critical,CA:TRUE,pathlen:0" -addext "keyUsage=critical,keyCertSign,cRLSign" -out ca.pem
    # issue NAME SUBJECT EXTENSIONS
    issue() {
      key "$1-key.pem"
      openssl req -new -key "$1-key.pem" -subj "/CN=$2" -out "$1.csr"
      printf '%s\n' "basicConstraints=critical,CA:FALSE" "keyUsage=critical,digitalSignature,keyAgreement" "$3" >"$1.ext"
      openssl x509 -req -in "$1.csr" -CA ca.pem -CAkey ca-key.pem -set_serial "$(serial)" -days 730 -sha256 \
        -extfile "$1.ext" -out "$1-cert.pem" 2>/dev/null
      rm -f "$1.csr" "$1.ext"
    }
    issue server "wand sandbox pool" "extendedKeyUsage=serverAuth
subjectAltName=$san"
    issue client "wand functions app" "extendedKeyUsage=clientAuth"
    # The docker CLI's names for a client: cert.pem and key.pem beside ca.pem.
    mv client-cert.pem cert.pem
    mv client-key.pem key.pem
    rm -f ca-key.pem
    chmod 644 ca.pem server-cert.pem cert.pem
  )
}

if [ "${1:-}" = --out ]; then
  [ $# = 3 ] || { say "usage: $0 --out DIR ADDRESS"; exit 2; }
  make_certificates "$2" "$3"
  exit 0
fi

app_vault=${AZURE_KEY_VAULT_NAME:?run by azd after provisioning (AZURE_KEY_VAULT_NAME is one of its outputs)}
pool_vault=${SANDBOX_POOL_KEY_VAULT_NAME:?SANDBOX_POOL_KEY_VAULT_NAME is not set}
address=${SANDBOX_POOL_ADDRESS:?SANDBOX_POOL_ADDRESS is not set}
command -v az >/dev/null || { say "the Azure CLI (az) is needed to store the certificates"; exit 1; }
command -v openssl >/dev/null || { say "openssl is needed to make the certificates"; exit 1; }

if [ "${ROTATE:-}" != 1 ] && az keyvault secret show --vault-name "$app_vault" --name docker-tls-client-cert --query id -o tsv >/dev/null 2>&1 \
   && az keyvault secret show --vault-name "$pool_vault" --name docker-tls-server-key --query id -o tsv >/dev/null 2>&1; then
  say "the certificates are in $app_vault and $pool_vault already (ROTATE=1 to replace them)"
  exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
make_certificates "$work" "$address"

# store VAULT SECRET FILE: retried, as a new role assignment takes a few minutes to apply.
store() {
  for attempt in $(seq 1 20); do
    az keyvault secret set --vault-name "$1" --name "$2" --file "$3" --content-type application/x-pem-file --output none 2>/dev/null && return 0
    say "cannot write $2 to $1 yet (attempt $attempt); retrying in 15 s"
    sleep 15
  done
  say "could not write $2 to $1: do you hold Key Vault Secrets Officer there (principalId)?"
  return 1
}
store "$pool_vault" docker-tls-ca "$work/ca.pem"
store "$pool_vault" docker-tls-server-cert "$work/server-cert.pem"
store "$pool_vault" docker-tls-server-key "$work/server-key.pem"
store "$app_vault" docker-tls-ca "$work/ca.pem"
store "$app_vault" docker-tls-client-cert "$work/cert.pem"
store "$app_vault" docker-tls-client-key "$work/key.pem"
say "stored the pool's TLS certificates (valid for $address, 2 years)"
if [ "${ROTATE:-}" = 1 ]; then
  say "running hosts and the app still hold the old ones: reimage the scale set and restart the app (README, Deploying to Azure)"
fi
