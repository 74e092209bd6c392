#!/usr/bin/env bash
# Packs sandbox-images/ for the sandbox pool's hosts: a gzip'd tar in base64 on stdout, which
# cloud-init writes onto each host (infra/app/sandbox-pool.bicep) and setup-host.sh unpacks and
# builds. Packed, every image file fits Azure's 64 KB of custom data with room to grow; the same
# folder always packs to the same bytes. azd's preprovision hook (azure.yaml) runs it:
#
#   azd env set WAND_SANDBOX_IMAGES "$(bash infra/scripts/pack-sandbox-images.sh)"
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
tar -C "$root/sandbox-images" --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner --format=ustar -cf - . \
  | gzip -n -9 | base64 -w0
