#!/usr/bin/env bash
# README command 2: builds the solution and runs every test project against real services:
# a private PostgreSQL cluster (.devstack-test/), anvil nodes the tests start themselves, and
# Debian's Chromium for the browser tests. Installs what is missing on a fresh machine.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$ROOT/scripts/lib.sh"
cd "$ROOT"

require_dotnet
require_cmd curl "curl (Debian: apt-get install curl)"
require_pg_bin >/dev/null
require_anvil >/dev/null
# Debian packages the tests drive: Chromium (browser tests), nginx (the sticky-session proxy in front of
# two web instances), faketime (./run.sh on another day) and docker-compose (validates the compose file;
# no Docker engine needed).
missing=()
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
[[ -x /usr/sbin/nginx ]] || missing+=(nginx-light)
command -v faketime >/dev/null || missing+=(faketime)
command -v docker-compose >/dev/null || missing+=(docker-compose)
if ((${#missing[@]})); then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    info "installing ${missing[*]} for the tests"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}") >/dev/null \
      || die "apt-get install ${missing[*]} failed"
  else
    die "${missing[*]} not installed: install them (Debian: sudo apt-get install ${missing[*]})"
  fi
fi

info "building"
dotnet tool restore >/dev/null
dotnet build Dashboard.sln -nologo -v q -clp:ErrorsOnly

# The tests' own cluster, apart from the one ./run.sh uses.
export DEVSTACK_DIR="$ROOT/.devstack-test" DEVSTACK_SERVICES=postgres
trap '"$ROOT/scripts/devstack.sh" stop' EXIT
"$ROOT/scripts/devstack.sh" start
source "$DEVSTACK_DIR/env"
export TEST_PG_ADMIN="$PG_ADMIN"

failed=()
info "dev-stack script tests"
bash "$ROOT/tests/scripts/devstack-tests.sh" || failed+=("tests/scripts/devstack-tests.sh")
for project in tests/*/*.Tests.csproj; do
  info "dotnet test $project"
  dotnet test "$project" --no-build -nologo --logger "console;verbosity=normal" || failed+=("$project")
done

if ((${#failed[@]})); then
  echo "FAILED: ${failed[*]}" >&2
  exit 1
fi
echo "all tests passed"
