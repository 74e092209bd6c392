#!/usr/bin/env bash
# The password of the registry token the Functions app shares environment images with
# (infra/app/registry.bicep): made once with the Azure CLI and stored in the app's Key Vault as
# environment-registry-password, which the app's settings reference. Run by `azd up` after
# provisioning (azure.yaml's postprovision hook, after docker-tls.sh); ROTATE=1 makes a new one
# (then restart the app). The password never appears on a command line.
set -euo pipefail
say() { echo "registry-token: $*" >&2; }

vault=${AZURE_KEY_VAULT_NAME:?run by azd after provisioning (AZURE_KEY_VAULT_NAME is one of its outputs)}
registry=${AZURE_CONTAINER_REGISTRY_NAME:?AZURE_CONTAINER_REGISTRY_NAME is not set}
username=${ENVIRONMENT_REGISTRY_USERNAME:?ENVIRONMENT_REGISTRY_USERNAME is not set}
command -v az >/dev/null || { say "the Azure CLI (az) is needed to make the registry token's password"; exit 1; }

if [ "${ROTATE:-}" != 1 ] && az keyvault secret show --vault-name "$vault" --name environment-registry-password --query id -o tsv >/dev/null 2>&1; then
  say "the registry token's password is in $vault already (ROTATE=1 to replace it)"
  exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
umask 077
az acr token credential generate --registry "$registry" --name "$username" --password1 \
  --query 'passwords[0].value' --output tsv > "$work/password"
[ -s "$work/password" ] || { say "the registry gave no password for $username"; exit 1; }

# Retried: a new role assignment takes a few minutes to apply.
for attempt in $(seq 1 20); do
  if az keyvault secret set --vault-name "$vault" --name environment-registry-password --file "$work/password" --output none 2>/dev/null; then
    say "stored the password of $registry's token $username in $vault"
    exit 0
  fi
  say "cannot write environment-registry-password to $vault yet (attempt $attempt); retrying in 15 s"
  sleep 15
done
say "could not write environment-registry-password to $vault: do you hold Key Vault Secrets Officer there (principalId)?"
exit 1
