#!/usr/bin/env bash
# Makes this machine ready for Wand, and is quick when it already is:
#   1. a Docker engine (on Debian/Ubuntu as root: apt-get install docker.io, start dockerd);
#   2. Azurite, installed into eng/node_modules (never globally);
#   3. the sandbox images (sandbox-images/build.sh; rebuilt only when their folder changed);
#   4. only when asked for (eng/test.sh does): Chromium (apt-get install chromium), in which
#      the tests open the HTML report, openssl, with which infra/scripts/docker-tls.sh
#      (tested) makes the Azure sandbox pool's certificates, and Docker's registry (Debian's
#      docker-registry), which the tests start to share environment images; `wand` needs none.
# Used by ./wand and eng/test.sh; safe to run by hand and to run twice at once.
#
#   eng/setup.sh            docker, azurite, images: what `wand` needs
#   eng/setup.sh docker     just the engine (also: azurite, images, chromium, openssl, registry)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
steps=("$@")
[ ${#steps[@]} -gt 0 ] || steps=(docker azurite images)

say() { echo "setup: $*" >&2; }
die() { echo "setup: $*" >&2; exit 1; }

# One setup at a time: two `wand` commands started together must not both start dockerd.
exec 9>"${TMPDIR:-/tmp}/wand-setup.lock"
flock 9

as_root_apt_install() {
  [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null \
    || die "cannot install $* here (needs root on Debian/Ubuntu); install it yourself and run again"
  say "installing $* (apt-get)"
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/tmp/wand-apt.log 2>&1; then
    apt-get update -qq >/tmp/wand-apt.log 2>&1 || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/tmp/wand-apt.log 2>&1 \
      || { tail -20 /tmp/wand-apt.log >&2; die "apt-get install $* failed"; }
  fi
}

docker_answers() { docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }

ensure_docker() {
  command -v docker >/dev/null || as_root_apt_install docker.io
  docker_answers && return 0
  case "${DOCKER_HOST:-unix:///var/run/docker.sock}" in
    unix:///var/run/docker.sock) ;;
    *) die "no Docker daemon answers at DOCKER_HOST=$DOCKER_HOST; start it, or unset DOCKER_HOST to use a local one" ;;
  esac
  # The `docker` binary alone is only a client: the engine is the docker.io package.
  command -v dockerd >/dev/null || as_root_apt_install docker.io
  [ "$(id -u)" = 0 ] || die "no Docker daemon answers and starting dockerd needs root (sudo dockerd &)"
  say "starting dockerd (log: /var/log/wand-dockerd.log)"
  # 9>&-: the daemon outlives us and must not hold the setup lock.
  nohup dockerd >/var/log/wand-dockerd.log 2>&1 9>&- &
  for _ in $(seq 1 60); do
    docker_answers && { say "Docker $(docker version --format '{{.Server.Version}}') is up"; return 0; }
    sleep 0.5
  done
  tail -20 /var/log/wand-dockerd.log >&2
  die "dockerd did not answer within 30 s"
}

ensure_azurite() {
  [ -x "$root/eng/node_modules/.bin/azurite" ] && return 0
  command -v npm >/dev/null || as_root_apt_install nodejs npm
  say "installing Azurite into eng/node_modules"
  (cd "$root/eng" && npm ci --no-audit --no-fund --loglevel=error >&2) || die "npm ci in eng/ failed"
}

ensure_chromium() {
  command -v "${WAND_CHROMIUM:-chromium}" >/dev/null || as_root_apt_install chromium
}

ensure_openssl() {
  command -v openssl >/dev/null || as_root_apt_install openssl
}

ensure_registry() {
  command -v docker-registry >/dev/null || as_root_apt_install docker-registry
}

ensure_images() {
  "$root/sandbox-images/build.sh"
}

for step in "${steps[@]}"; do
  case "$step" in
    docker) ensure_docker ;;
    azurite) ensure_azurite ;;
    images) ensure_images ;;
    chromium) ensure_chromium ;;
    openssl) ensure_openssl ;;
    registry) ensure_registry ;;
    *) die "unknown step '$step' (docker, azurite, images, chromium, openssl, registry)" ;;
  esac
done
