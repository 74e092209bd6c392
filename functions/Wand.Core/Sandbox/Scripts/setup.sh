# Wand's environment setup inside a builder container (root, with network): a tar on stdin holds
# the job's setup files under work/ (unpacked into /work) and, when the host has one, the CA
# bundle the setup's HTTPS trusts (ca.pem: a proxy that inspects TLS needs it); the setup commands ($1, $2, ...)
# run there in order, each with sh -e, until one fails. What they leave in /work moves to
# /wand-env/work and their HOME is /wand-env/home: every run from the committed image gets both
# linked into its own folder and home, read-only (see run.sh). Installs elsewhere (apt-get, pip,
# npm -g) are in the image as they are. Everything is logged to /wand-env/setup.log; on failure
# its tail is printed, and the exit status is 90 (a command failed) or 91 (the image lacks what
# the runner needs).
env_root=/wand-env
log=$env_root/setup.log
in=/tmp/wand-setup-in
mkdir -p "$env_root/home" /work "$in" && : > "$log" || { echo "wand: cannot write $env_root in the image"; exit 97; }
tar -x --no-same-owner -C "$in" -f - && { [ ! -d "$in/work" ] || cp -a "$in/work/." /work/; } \
  || { echo "wand: unpacking the setup files failed"; exit 97; }
if [ -f "$in/ca.pem" ]; then
  export SSL_CERT_FILE=$in/ca.pem NODE_EXTRA_CA_CERTS=$in/ca.pem PIP_CERT=$in/ca.pem REQUESTS_CA_BUNDLE=$in/ca.pem \
    CURL_CA_BUNDLE=$in/ca.pem GIT_SSL_CAINFO=$in/ca.pem CARGO_HTTP_CAINFO=$in/ca.pem NPM_CONFIG_CAFILE=$in/ca.pem
fi
export HOME=$env_root/home
# Maven and Gradle keep what they download in the user's home as Java sees it (the passwd entry),
# not $HOME: pointed there, the repository and the Gradle home are kept with the rest.
export MAVEN_OPTS="-Duser.home=$HOME${MAVEN_OPTS:+ $MAVEN_OPTS}" GRADLE_USER_HOME=${GRADLE_USER_HOME:-$HOME/.gradle}
# The Go image keeps its candidates off the module proxy; a setup is where modules come from.
[ "${GOPROXY:-}" != off ] || export GOPROXY=https://proxy.golang.org,direct
# Download caches stay out of the image: /tmp is not committed.
export NPM_CONFIG_CACHE=/tmp/wand-setup-cache/npm XDG_CACHE_HOME=/tmp/wand-setup-cache PIP_NO_CACHE_DIR=1 \
  NPM_CONFIG_UPDATE_NOTIFIER=false NPM_CONFIG_FUND=false NPM_CONFIG_AUDIT=false DEBIAN_FRONTEND=noninteractive \
  PIP_BREAK_SYSTEM_PACKAGES=1 PIP_ROOT_USER_ACTION=ignore PIP_DISABLE_PIP_VERSION_CHECK=1
fail() { echo "$1" >> "$log"; tail -c 16000 "$log"; exit "$2"; }
i=0
for command in "$@"; do
  echo "wand: setup[$i]: $command" >> "$log"
  (cd /work && exec sh -ec "$command") < /dev/null >> "$log" 2>&1 || fail "wand: setup[$i] failed with exit status $?" 90
  i=$((i + 1))
done
missing=
for tool in sh setpriv chrt tar find stat head mkfifo cp timeout; do command -v "$tool" > /dev/null || missing="$missing $tool"; done
[ -z "$missing" ] || fail "wand: the image lacks$missing, which the sandbox's runner needs (on Debian: util-linux, coreutils, findutils, tar)" 91
# Build output beside a project is each run's own to write: linked read-only it would stop its
# build. .NET's obj/ and bin/ (a restore's assets, a build's output: the packages a restore fetched
# are in the image's NuGet folder), Maven's target/, Gradle's build/ and .gradle/.
find /work \( -name '*.csproj' -o -name '*.fsproj' -o -name '*.vbproj' \) -exec sh -c 'for p; do rm -rf "${p%/*}/obj" "${p%/*}/bin"; done' sh {} +
find /work -name pom.xml -exec sh -c 'for p; do rm -rf "${p%/*}/target"; done' sh {} +
find /work \( -name build.gradle -o -name build.gradle.kts \) -exec sh -c 'for p; do rm -rf "${p%/*}/build" "${p%/*}/.gradle"; done' sh {} +
# Vite (vitest's config loader) bundles a project's config into the nearest node_modules/.vite-temp
# and, on a read-only node_modules, fails instead of writing it beside the config (Node reports
# the read-only file system as ENOENT, not the EACCES Vite expects): each node_modules the setup
# made gets .vite-temp linked to the run's own /tmp.
find /work -name node_modules -type d -prune -exec sh -c 'for d; do [ -e "$d/.vite-temp" ] || [ -L "$d/.vite-temp" ] || ln -s /tmp "$d/.vite-temp"; done' sh {} +
mkdir -p "$env_root/work" && cp -a /work/. "$env_root/work/" && find /work -mindepth 1 -delete \
  && rm -rf /tmp/wand-setup-cache "$in" && chmod -R a+rX,go-w "$env_root" || fail "wand: keeping what the setup made failed" 97
echo "wand: setup done" >> "$log"
