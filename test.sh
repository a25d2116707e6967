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

# Release, the configuration ./run.sh builds: the dev-stack tests' ./run.sh then finds its hosts built.
info "building (Release)"
dotnet tool restore >/dev/null
dotnet build Dashboard.sln -c Release -nologo -v q -clp:ErrorsOnly

# The tests' own cluster, apart from the one ./run.sh uses.
export DEVSTACK_DIR="$ROOT/.devstack-test" DEVSTACK_SERVICES=postgres
devstack_tests=""
# An interrupted run also ends the background dev-stack tests (their ./run.sh stops its stack on SIGTERM).
# (set -e applies inside the trap too: a failed command there would turn a green run into exit 1.)
trap 'if [[ -n "$devstack_tests" ]]; then kill -TERM -- "-$devstack_tests" 2>/dev/null || true; fi; "$ROOT/scripts/devstack.sh" stop' EXIT
"$ROOT/scripts/devstack.sh" start
source "$DEVSTACK_DIR/env"
export TEST_PG_ADMIN="$PG_ADMIN"

failed=()
# The dev-stack script tests mostly wait on ./run.sh (a simulated history, hosts starting and stopping), so
# they run beside the .NET suites on their own cluster and ports, in their own process group (set -m) so
# that an interrupted test.sh can end them.
DEVSTACK_LOG="$DEVSTACK_DIR/devstack-tests.log"
info "dev-stack script tests (in the background; their output follows the .NET suites)"
set -m
bash "$ROOT/tests/scripts/devstack-tests.sh" >"$DEVSTACK_LOG" 2>&1 &
devstack_tests=$!
set +m
for project in tests/*/*.Tests.csproj; do
  info "dotnet test $project"
  dotnet test "$project" -c Release --no-build -nologo --logger "console;verbosity=normal" || failed+=("$project")
done
info "dev-stack script tests"
wait "$devstack_tests" || failed+=("tests/scripts/devstack-tests.sh")
devstack_tests=""
cat "$DEVSTACK_LOG"

if ((${#failed[@]})); then
  echo "FAILED: ${failed[*]}" >&2
  exit 1
fi
echo "all tests passed"
