#!/usr/bin/env bash
# README command 1: the whole system on this machine, with an embedded default.
# Starts PostgreSQL and anvil (scripts/devstack.sh), deploys the reference protocol and simulates
# HISTORY_DAYS of market history on the first run, then runs the simulator live, the indexer and
# the web app, and prints the dashboard URL. Ctrl-C stops everything. A second run reuses the
# cluster and the saved chain and starts in seconds.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$ROOT/scripts/lib.sh"
export DEVSTACK_DIR="${DEVSTACK_DIR:-$ROOT/.devstack}"
export HISTORY_DAYS="${HISTORY_DAYS:-90}"
export DEVSTACK_SERVICES="postgres anvil"
SEED="${SEED:-42}"
LOGS="$DEVSTACK_DIR/logs"
mkdir -p "$LOGS"

# One run per checkout: a second one would fight over the cluster and the chain state. The lock is
# held until the last process of a run is gone (the hosts inherit it), so a run started right after a
# Ctrl-C waits for the previous one to finish stopping instead of refusing.
STOPPING="$DEVSTACK_DIR/run.stopping"
exec 9>"$DEVSTACK_DIR/run.lock"
if ! flock -n 9; then
  previous="$(cat "$DEVSTACK_DIR/run.pid" 2>/dev/null || echo '?')"
  [[ -f "$STOPPING" ]] || die "./run.sh is already running in this checkout (pid $previous); stop it with Ctrl-C first"
  info "waiting for the previous ./run.sh (pid $previous) to finish stopping"
  flock -w 30 9 || die "the previous ./run.sh (pid $previous) did not stop within 30 s"
fi
rm -f "$STOPPING"
echo $$ >"$DEVSTACK_DIR/run.pid"

require_dotnet
require_cmd curl "curl (Debian: apt-get install curl)"
require_pg_bin >/dev/null
require_anvil >/dev/null

children=()
declare -A host_of=()
# The hosts run under `dotnet run` (the simulator also under a function's subshell): SIGTERM goes to
# the host process itself, the leaf of each tree, which shuts down gracefully; its wrappers exit with it.
leaves() {
  local kids kid; kids="$(pgrep -P "$1" || true)"
  if [[ -z "$kids" ]]; then echo "$1"; else for kid in $kids; do leaves "$kid"; done; fi
}
# Local runs shut down fast: the hosts get 3 s to finish (HostOptions.ShutdownTimeout), then run.sh kills
# what is left after 5 s, so Ctrl-C is done within 10 s.
export DOTNET_shutdownTimeoutSeconds=3
stop_all() {
  # A second Ctrl-C must not cut the stop short and leave hosts running: the stop is bounded anyway.
  trap '' INT TERM
  trap - EXIT
  touch "$STOPPING"
  info "stopping"
  local pid leftover=() _
  for pid in "${children[@]}"; do leftover+=($(leaves "$pid")); done
  kill -TERM "${leftover[@]}" 2>/dev/null || true
  # anvil saves the chain while the hosts shut down (they need Postgres, not the node, to stop cleanly).
  DEVSTACK_SERVICES=anvil "$ROOT/scripts/devstack.sh" stop &
  local anvil_stop=$!
  for _ in $(seq 1 10); do
    kill -0 "${leftover[@]}" 2>/dev/null || break
    sleep 0.5
  done
  kill -KILL "${leftover[@]}" 2>/dev/null || true
  for pid in "${children[@]}"; do wait "$pid" 2>/dev/null || true; done
  wait "$anvil_stop" || true
  DEVSTACK_SERVICES=postgres "$ROOT/scripts/devstack.sh" stop
  rm -f "$DEVSTACK_DIR/run.pid"
}
# "<host> stopped: <the last error line of its log>" for the host whose wrapper process is $1.
host_stopped() {
  local name="${host_of[$1]:-a host}" log="$LOGS/${host_of[$1]:-}.log" cause
  cause="$(grep -m1 -E 'Unhandled exception| FTL\]|error:' "$log" 2>/dev/null || tail -n 1 "$log" 2>/dev/null)"
  echo "the $name stopped: ${cause:-no output}; see $log"
}
start_host() {  # start_host <name> <command...>: runs in the background, output in $LOGS/<name>.log
  local name=$1; shift
  "$@" >"$LOGS/$name.log" 2>&1 &
  children+=($!)
  host_of[$!]=$name
}
trap stop_all EXIT
# Ctrl-C or SIGTERM: stop everything and exit here, before the end of the script reports "a host stopped".
trap 'stop_all; exit 130' INT TERM

# Not inherited by Postgres and anvil: left running after a killed run, they are reused by the next one
# and must not lock it out.
"$ROOT/scripts/devstack.sh" start 9>&-
set -a; source "$DEVSTACK_DIR/env"; set +a

# Build only when a source changed since the last good build, so a second run starts in seconds.
STAMP="$DEVSTACK_DIR/build.stamp"
if [[ ! -f "$STAMP" ]] || [[ -n "$(find "$ROOT/src" "$ROOT"/Directory.*.props -newer "$STAMP" -type f \
    -not -path '*/bin/*' -not -path '*/obj/*' -print -quit)" ]]; then
  info "building the hosts (Release)"
  dotnet build "$ROOT/Hosts.slnf" -c Release -v q -nologo -clp:ErrorsOnly >"$LOGS/build.log" 2>&1 \
    || { cat "$LOGS/build.log" >&2; die "build failed"; }
  touch "$STAMP"
fi

simulator() { dotnet run --no-build -c Release --project "$ROOT/src/Simulator" -- "$@"; }
PG_BIN="$(require_pg_bin)"
fresh_database() {
  "$PG_BIN/dropdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres --if-exists --force dashboard
  "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres dashboard
}
DEPLOYMENT="$DEVSTACK_DIR/deployment.json"
registry_has_code() {
  local address; address="$(sed -n 's/.*"registryAddress" *: *"\([^"]*\)".*/\1/p' "$DEPLOYMENT")"
  curl -s -H 'Content-Type: application/json' \
    -d "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_getCode\",\"params\":[\"$address\",\"latest\"]}" \
    "$Chain__RpcUrl" | grep -q '"result":"0x[0-9a-f]'
}
if [[ ! -s "$DEPLOYMENT" ]] || ! registry_has_code; then
  info "deploying the protocol and simulating $HISTORY_DAYS days of history (seed $SEED)"
  simulator simulate --rpc "$Chain__RpcUrl" --days "$HISTORY_DAYS" --seed "$SEED" | tee "$LOGS/simulate.log" | tail -n 1 >"$DEPLOYMENT"
  # A new chain means the old index describes nothing: start the database afresh.
  fresh_database
fi
# A database made before its migrations were squashed into one has a history this code does not know;
# everything in it is read again from the chain, so it starts afresh (staff accounts included).
applied="$("$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d dashboard -tAqc \
  'SELECT migration_id FROM __ef_migrations_history' 2>/dev/null || true)"
for id in $applied; do
  if [[ ! -f "$ROOT/src/Data/Migrations/$id.cs" ]]; then
    info "the database was made by an older schema (migration $id): re-creating it; the indexer reads the chain again"
    fresh_database
    break
  fi
done

export Chain__RegistryAddress
Chain__RegistryAddress="$(sed -n 's/.*"registryAddress" *: *"\([^"]*\)".*/\1/p' "$DEPLOYMENT")"
export Chain__StartBlock
Chain__StartBlock="$(sed -n 's/.*"deploymentBlock" *: *\([0-9]*\).*/\1/p' "$DEPLOYMENT")"
export Chain__ChainId
Chain__ChainId="$(sed -n 's/.*"chainId" *: *\([0-9]*\).*/\1/p' "$DEPLOYMENT")"

export Exports__Scheduled__Folder="$DEVSTACK_DIR/exports"
# Live on the wall clock (one hour per real hour); LIVE_HOUR_SECONDS=5 plays an hour every 5 s for a demo.
start_host simulator simulator simulate --rpc "$Chain__RpcUrl" --days 0 --seed "$SEED" --live ${LIVE_HOUR_SECONDS:+--hour-seconds "$LIVE_HOUR_SECONDS"}
start_host indexer dotnet run --no-build -c Release --project "$ROOT/src/Indexer"
WEB_PORT="${WEB_PORT:-$(free_port 5080)}"
URL="http://127.0.0.1:$WEB_PORT"
start_host web dotnet run --no-build -c Release --project "$ROOT/src/Dashboard.Web" --urls "$URL"

for _ in $(seq 1 120); do
  curl -s -o /dev/null -m 2 "$URL/" && break
  for pid in "${children[@]}"; do kill -0 "$pid" 2>/dev/null || die "$(host_stopped "$pid")"; done
  sleep 0.5
done
echo
echo "Dashboard: $URL"
echo "Logs: $LOGS   (Ctrl-C stops everything)"
stopped=""
wait -n -p stopped "${children[@]}" || true
echo "error: $(host_stopped "$stopped")" >&2
exit 1
