#!/usr/bin/env bash
# Realistic data for the load test: a private Postgres + anvil in $LOAD_DIR, LOAD_DAYS of simulated
# market history (the simulator as keeper), then the indexer with --until-head. Reused when present.
#   bench/Load/prepare.sh        (LOAD_DIR=.devstack-load LOAD_DAYS=30 SEED=7)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$ROOT/scripts/lib.sh"
export DEVSTACK_DIR="${LOAD_DIR:-$ROOT/.devstack-load}" HISTORY_DAYS="${LOAD_DAYS:-30}"
SEED="${SEED:-7}"
mkdir -p "$DEVSTACK_DIR/logs"
"$ROOT/scripts/devstack.sh" start
# Values hold semicolons: read them as key=value lines, not as shell.
while IFS= read -r line; do v="${line#*=}"; v="${v#\'}"; export "${line%%=*}=${v%\'}"; done <"$DEVSTACK_DIR/env"

for project in Simulator Indexer Dashboard.Web; do
  dotnet build "$ROOT/src/$project" -c Release -v q -nologo -clp:ErrorsOnly >"$DEVSTACK_DIR/logs/build-$project.log" 2>&1 \
    || { cat "$DEVSTACK_DIR/logs/build-$project.log" >&2; die "build of src/$project failed"; }
done

DEPLOYMENT="$DEVSTACK_DIR/deployment.json"
if [[ ! -s "$DEPLOYMENT" ]]; then
  info "simulating $HISTORY_DAYS days (seed $SEED)"
  start=$(date +%s)
  dotnet "$ROOT/src/Simulator/bin/Release/net10.0/Simulator.dll" simulate --rpc "$Chain__RpcUrl" --days "$HISTORY_DAYS" --seed "$SEED" \
    | tee "$DEVSTACK_DIR/logs/simulate.log" | tail -n 1 >"$DEPLOYMENT.tmp"
  mv "$DEPLOYMENT.tmp" "$DEPLOYMENT"
  info "simulated in $(( $(date +%s) - start )) s"
fi
export Chain__RegistryAddress Chain__StartBlock
Chain__RegistryAddress="$(sed -n 's/.*"registryAddress" *: *"\([^"]*\)".*/\1/p' "$DEPLOYMENT")"
Chain__StartBlock="$(sed -n 's/.*"deploymentBlock" *: *\([0-9]*\).*/\1/p' "$DEPLOYMENT")"
info "indexing to head"
start=$(date +%s)
dotnet "$ROOT/src/Indexer/bin/Release/net10.0/Indexer.dll" --until-head >"$DEVSTACK_DIR/logs/indexer.log" 2>&1 \
  || { tail -n 30 "$DEVSTACK_DIR/logs/indexer.log" >&2; die "indexer failed"; }
info "indexed in $(( $(date +%s) - start )) s"
PG_BIN="$(require_pg_bin)"
"$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d dashboard -Atc \
  "select 'rebalances', count(*) from rebalances union all select 'nav_snapshots', count(*) from nav_snapshots union all select 'reserve_metrics', count(*) from reserve_metrics union all select 'raw_events', count(*) from raw_events" | tr '|' ' '
