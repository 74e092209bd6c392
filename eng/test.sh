#!/usr/bin/env bash
# The whole test suite, from nothing: readies the machine (eng/setup.sh: Docker engine,
# Azurite, sandbox images, Chromium, openssl, Docker's registry), builds warning-free, checks formatting, runs every test project,
# and prints the totals of all of them as its last line: "N passed, N failed[, N skipped]".
# With CI=true a skipped test fails the run (a missing service must never pass as a skip).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
start=$SECONDS

"$root/eng/setup.sh" docker azurite images chromium openssl registry

echo "test: building (warnings are errors)" >&2
dotnet build Serverless.sln -c Release -nologo -v minimal -clp:NoSummary

problems=()
echo "test: checking formatting (dotnet format --verify-no-changes)" >&2
if ! dotnet format Serverless.sln --verify-no-changes --no-restore -v quiet; then
  problems+=("dotnet format found unformatted code: run 'dotnet format Serverless.sln'")
fi

results="$root/TestResults"
rm -rf "$results"
passed=0 failed=0 skipped=0
for project in tests/*/*.csproj; do
  grep -q '<IsTestProject>true</IsTestProject>' "$project" || continue
  name=$(basename "$project" .csproj)
  echo "test: $name" >&2
  set +e
  dotnet test "$project" -c Release --no-build --nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" --results-directory "$results" \
    | grep -E -v '^\s*$|^\s+Passed ' 
  status=${PIPESTATUS[0]}
  set -e
  trx="$results/$name.trx"
  if [ ! -f "$trx" ]; then
    problems+=("$name produced no results (exit $status)")
    failed=$((failed + 1))
    continue
  fi
  counters=$(grep -o '<Counters [^>]*' "$trx")
  count() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  passed=$((passed + $(count passed)))
  failed=$((failed + $(count failed) + $(count error) + $(count timeout) + $(count aborted)))
  skipped=$((skipped + $(count notExecuted)))
  [ "$status" = 0 ] || [ "$(count failed)" != 0 ] || problems+=("$name exited $status")
done

if [ "${CI:-}" = true ] && [ "$skipped" -gt 0 ]; then
  problems+=("$skipped tests were skipped; in CI a skip is a failure")
fi
echo "test: done in $((SECONDS - start)) s" >&2
for p in "${problems[@]}"; do echo "test: $p" >&2; done

summary="$passed passed, $failed failed"
[ "$skipped" = 0 ] || summary+=", $skipped skipped"
echo "$summary"
[ "$failed" = 0 ] && [ ${#problems[@]} = 0 ]
