#!/usr/bin/env bash
# Builds the sandbox images (wand-sandbox-<language>) from the folders beside this script.
# Quick when nothing changed: each image carries the label dev.wand.content-hash, a hash of
# its folder, and is rebuilt only when that hash changes. The same hash is computed by
# Wand.Core (SandboxImageCatalog) so `wand doctor` can tell whether an image is up to date.
#
#   sandbox-images/build.sh                 # every language
#   sandbox-images/build.sh python go       # just these
#   WAND_IMAGE_PREFIX=wand-x- sandbox-images/build.sh   # under another name (Wand:Sandbox:ImagePrefix)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
base="debian:bookworm-slim"
prefix=${WAND_IMAGE_PREFIX:-wand-sandbox-}
all=(python node dotnet java cpp go rust)
langs=("$@")
[ ${#langs[@]} -gt 0 ] || langs=("${all[@]}")

# sha256 over "<sha256>  ./<path>" lines of every file, sorted bytewise: sha256sum's format.
folder_hash() {
  (cd "$1" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum) | sha256sum | cut -c1-64
}

ensure_base() {
  docker image inspect "$base" >/dev/null 2>&1 && return 0
  echo "images: $base is not here; trying the registry" >&2
  if timeout 120 docker pull "$base" >/dev/null 2>&1; then return 0; fi
  echo "images: no registry reachable; building $base locally" >&2
  "$here/bootstrap-base.sh" "$base"
}

# .NET has no Debian package: stage an SDK into the build context (see dotnet/Dockerfile).
stage_dotnet_sdk() {
  local ctx=$1 channel=${DOTNET_CHANNEL:-10.0} host_root=""
  if command -v dotnet >/dev/null; then
    host_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
    if ! dotnet --list-sdks 2>/dev/null | grep -q "^${channel%%.*}\."; then host_root=""; fi
  fi
  mkdir -p "$ctx/dotnet"
  if [ -n "$host_root" ]; then
    echo "images: staging the host's .NET SDK from $host_root" >&2
    # ASP.NET Core and the project templates are not needed to build and test candidates.
    tar -C "$host_root" -c --exclude=./shared/Microsoft.AspNetCore.App \
      --exclude=./packs/Microsoft.AspNetCore.App.Ref --exclude=./templates . | tar -C "$ctx/dotnet" -x
  else
    echo "images: downloading .NET SDK $channel with dotnet-install.sh" >&2
    curl -fsSL https://dot.net/v1/dotnet-install.sh -o "$ctx/dotnet-install.sh"
    bash "$ctx/dotnet-install.sh" --channel "$channel" --install-dir "$ctx/dotnet" --no-path >&2
    rm -f "$ctx/dotnet-install.sh"
  fi
  echo "images: restoring the .NET test template's packages" >&2
  "$ctx/dotnet/dotnet" restore "$ctx/template" --packages "$ctx/nuget" >&2
  rm -rf "$ctx/template/obj"
}

# The host's Node.js when it is 20+ (Debian's 18 is past its end of life).
stage_node() {
  local ctx=$1 node major root
  mkdir -p "$ctx/node-dist"
  node=$(command -v node 2>/dev/null) || return 0
  node=$(readlink -f "$node")
  major=$("$node" -p 'process.versions.node.split(".")[0]' 2>/dev/null) || return 0
  root=$(dirname "$(dirname "$node")")
  [ "$major" -ge 20 ] && [ -f "$root/lib/node_modules/npm/bin/npm-cli.js" ] || return 0
  echo "images: staging the host's Node.js $("$node" --version) and npm from $root" >&2
  mkdir -p "$ctx/node-dist/bin" "$ctx/node-dist/lib/node_modules"
  cp "$node" "$ctx/node-dist/bin/node"
  cp -a "$root/lib/node_modules/npm" "$ctx/node-dist/lib/node_modules/npm"
}

build_one() {
  local lang=$1 dir="$here/$1" image="$prefix$1:latest" hash current ctx same
  [ -f "$dir/Dockerfile" ] || { echo "images: unknown language '$lang' (have: ${all[*]})" >&2; return 2; }
  hash=$(folder_hash "$dir")
  current=$(docker image inspect -f '{{ index .Config.Labels "dev.wand.content-hash" }}' "$image" 2>/dev/null || true)
  [ "$current" = "$hash" ] && return 0
  # The same folder built under another name (another prefix, another checkout) is this image.
  same=$(docker images -q --filter "label=dev.wand.content-hash=$hash" | head -n 1)
  if [ -n "$same" ]; then
    docker tag "$same" "$image" && echo "images: $image is the already built $same" >&2 && return 0
  fi
  ctx=$(mktemp -d /tmp/wand-image-ctx.XXXXXX)
  cp -a "$dir/." "$ctx/"
  [ "$lang" = dotnet ] && stage_dotnet_sdk "$ctx"
  [ "$lang" = node ] && stage_node "$ctx"
  echo "images: building $image" >&2
  local start=$SECONDS log="$ctx.log"
  # Host network so apt (and NuGet for the .NET template) work inside RUN steps.
  if ! docker build --network host --label "dev.wand.content-hash=$hash" \
      --label "dev.wand.language=$lang" -t "$image" "$ctx" >"$log" 2>&1; then
    tail -40 "$log" >&2
    echo "images: building $image failed (full log: $log)" >&2
    rm -rf "$ctx"
    return 1
  fi
  rm -rf "$ctx" "$log"
  echo "images: built $image in $((SECONDS - start)) s" >&2
}

ensure_base
for lang in "${langs[@]}"; do build_one "$lang"; done
