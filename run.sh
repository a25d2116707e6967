#!/usr/bin/env bash
# README command 1: the whole system on this machine, with an embedded default.
# Starts PostgreSQL and anvil (scripts/devstack.sh), deploys the reference protocol and simulates
# HISTORY_DAYS of market history on the first run, then runs the simulator live, the indexer and
# the web app, and prints the dashboard URL. Ctrl-C stops everything. A second run reuses the
# cluster and the saved chain and starts in seconds.
# CHAINS=2 adds a second local chain (its own anvil, chain id 8453, its own simulated history and
# indexer) into the same database: the multi-chain dashboard. The choice is kept for later runs.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$ROOT/scripts/lib.sh"
export DEVSTACK_DIR="${DEVSTACK_DIR:-$ROOT/.devstack}"
export HISTORY_DAYS="${HISTORY_DAYS:-90}"
SEED="${SEED:-42}"
LOGS="$DEVSTACK_DIR/logs"
mkdir -p "$LOGS"
CHAINS_FILE="$DEVSTACK_DIR/chains"
previous_chains="$(cat "$CHAINS_FILE" 2>/dev/null || echo 1)"
CHAINS="${CHAINS:-$previous_chains}"
[[ "$CHAINS" == 1 || "$CHAINS" == 2 ]] || die "CHAINS must be 1 or 2 (got '$CHAINS')"
ANVILS="anvil"
if [[ "$CHAINS" == 2 ]]; then ANVILS="anvil anvil2"; fi
export DEVSTACK_SERVICES="postgres $ANVILS"

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
  DEVSTACK_SERVICES="$ANVILS" "$ROOT/scripts/devstack.sh" stop &
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
# deployed <file> <field>: a field of a simulator deployment file.
deployed() { sed -n "s/.*\"$2\" *: *\"\{0,1\}\([^\",}]*\).*/\1/p" "$1"; }
registry_has_code() {  # registry_has_code <deployment file> <rpc url>
  curl -s -H 'Content-Type: application/json' \
    -d "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_getCode\",\"params\":[\"$(deployed "$1" registryAddress)\",\"latest\"]}" \
    "$2" | grep -q '"result":"0x[0-9a-f]'
}
# One entry per chain: <deployment file> <rpc url> <seed>. The second chain gets the same deployer, so the same
# contract addresses, and another seed, so other prices: two sets of tokens the dashboard must keep apart.
chains=("$DEVSTACK_DIR/deployment.json $Chain__RpcUrl $SEED")
if [[ "$CHAINS" == 2 ]]; then chains+=("$DEVSTACK_DIR/deployment-$SECOND_CHAIN_ID.json $SECOND_CHAIN_RPC_URL $((SEED + 1))"); fi
fresh=""
simulations=()
for chain in "${chains[@]}"; do
  read -r deployment rpc seed <<<"$chain"
  if [[ ! -s "$deployment" ]] || ! registry_has_code "$deployment" "$rpc"; then
    info "deploying the protocol on $rpc and simulating $HISTORY_DAYS days of history (seed $seed)"
    (simulator simulate --rpc "$rpc" --days "$HISTORY_DAYS" --seed "$seed" | tee "$LOGS/simulate-$(basename "$deployment" .json).log" \
      | tail -n 1 >"$deployment") &
    simulations+=($!)
    fresh=yes
  fi
done
for pid in "${simulations[@]}"; do wait "$pid" || die "the simulation failed; see $LOGS/simulate-*.log"; done
# A new chain means the old index describes nothing, and so does a chain no longer run: start the database afresh.
if [[ -n "$fresh" ]]; then
  fresh_database
elif ((CHAINS < previous_chains)); then
  info "the second chain is no longer run (CHAINS=$CHAINS): re-creating the database without it"
  fresh_database
fi
echo "$CHAINS" >"$CHAINS_FILE"
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

export Exports__Scheduled__Folder="$DEVSTACK_DIR/exports"
for chain in "${chains[@]}"; do
  read -r deployment rpc seed <<<"$chain"
  id="$(deployed "$deployment" chainId)"
  # The first chain's hosts keep their names (and logs) from single-chain runs.
  suffix=""
  if [[ "$deployment" != "$DEVSTACK_DIR/deployment.json" ]]; then suffix="-$id"; fi
  # Live on the wall clock (one hour per real hour); LIVE_HOUR_SECONDS=5 plays an hour every 5 s for a demo.
  start_host "simulator$suffix" simulator simulate --rpc "$rpc" --days 0 --seed "$seed" --live ${LIVE_HOUR_SECONDS:+--hour-seconds "$LIVE_HOUR_SECONDS"}
  # One indexer per chain, configured exactly as a single one, all into the same database.
  start_host "indexer$suffix" env Chain__RpcUrl="$rpc" Chain__ChainId="$id" \
    Chain__RegistryAddress="$(deployed "$deployment" registryAddress)" Chain__StartBlock="$(deployed "$deployment" deploymentBlock)" \
    Exports__Scheduled__Folder="$Exports__Scheduled__Folder${suffix:+/chain$suffix}" \
    dotnet run --no-build -c Release --project "$ROOT/src/Indexer"
done
WEB_PORT="${WEB_PORT:-$(free_port 5080)}"
URL="http://127.0.0.1:$WEB_PORT"
# The second chain is a local anvil with Base's chain id: named so, and with no links to Base's explorer.
if [[ "$CHAINS" == 2 ]]; then
  export Dashboard__ChainNames__$SECOND_CHAIN_ID="Base (local anvil)" Dashboard__Explorers__$SECOND_CHAIN_ID=""
fi
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
