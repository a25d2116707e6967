#!/usr/bin/env bash
# The local dev stack: a private PostgreSQL cluster and an anvil node, both on loopback.
#   scripts/devstack.sh start|stop|status|env
# State lives under $DEVSTACK_DIR (default .devstack/, git-ignored): created on first use,
# reused after. Connection settings are written to $DEVSTACK_DIR/env for the hosts to read.
# DEVSTACK_SERVICES="postgres anvil" (default) picks which services start; "anvil2" adds a second
# chain (chain id $SECOND_CHAIN_ID, default 8453) on its own anvil, for a multi-chain dashboard.
# PG_MAX_CONNECTIONS (default 300) sizes Postgres.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/lib.sh"

DEVSTACK_DIR="${DEVSTACK_DIR:-$ROOT/.devstack}"
SERVICES="${DEVSTACK_SERVICES:-postgres anvil}"
mkdir -p "$DEVSTACK_DIR"
# As root, the cluster belongs to the postgres user; when that user cannot reach the checkout
# (e.g. a clone under /root), the cluster lives in a folder of its own, named after the checkout.
PG_HOME="$DEVSTACK_DIR/pg"
if [[ $(id -u) -eq 0 ]] && ! runuser -u postgres -- test -x "$DEVSTACK_DIR" 2>/dev/null; then
  PG_HOME="/var/tmp/lt-dashboard-pg-$(echo "$DEVSTACK_DIR" | md5sum | cut -c1-12)"
fi
PG_DATA="$PG_HOME/data"
PG_LOG="$PG_HOME/postgres.log"
SECOND_CHAIN_ID="${SECOND_CHAIN_ID:-8453}"
ENV_FILE="$DEVSTACK_DIR/env"
PORTS_FILE="$DEVSTACK_DIR/ports"

wants() { [[ " $SERVICES " == *" $1 "* ]]; }

# Ports are chosen once, on first use, and kept so connection strings stay stable.
load_ports() {
  mkdir -p "$DEVSTACK_DIR"
  if [[ -f "$PORTS_FILE" ]]; then source "$PORTS_FILE"; fi
  PG_PORT="${PG_PORT:-$(free_port 15433)}"
  ANVIL_PORT="${ANVIL_PORT:-$(free_port 8545)}"
  ANVIL2_PORT="${ANVIL2_PORT:-$(free_port 8645)}"
  save_ports
}
save_ports() { printf 'PG_PORT=%s\nANVIL_PORT=%s\nANVIL2_PORT=%s\n' "$PG_PORT" "$ANVIL_PORT" "$ANVIL2_PORT" >"$PORTS_FILE"; }

# A kept port that something else took while the stack was stopped: move to a free one, and say so.
reclaim_port() {  # reclaim_port <variable> <service>
  local var=$1 old=${!1}
  if (echo >"/dev/tcp/127.0.0.1/$old") 2>/dev/null || port_held "$old"; then
    printf -v "$var" '%s' "$(free_port "$old")"
    info "port $old is taken by another program: $2 moves to ${!var}"
    save_ports
  fi
}

# PostgreSQL refuses to run as root: run its binaries as the postgres user then.
as_pg() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_running() { [[ -f "$PG_DATA/postmaster.pid" ]] && as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; }

start_postgres() {
  PG_BIN="$(require_pg_bin)"
  if [[ ! -f "$PG_DATA/PG_VERSION" ]]; then
    mkdir -p "$PG_DATA"
    if [[ $(id -u) -eq 0 ]]; then chown -R postgres:postgres "$PG_HOME"; fi
    info "creating PostgreSQL cluster in $PG_DATA"
    as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth=trust -E UTF8 --no-instructions >/dev/null
  fi
  if pg_running; then
    info "postgres already running on 127.0.0.1:$PG_PORT"
    return
  fi
  reclaim_port PG_PORT postgres
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 60 start \
    -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k /tmp -c max_connections=${PG_MAX_CONNECTIONS:-300} -c shared_buffers=256MB" >/dev/null \
    || die "postgres failed to start; see $PG_LOG"
  if ! "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -tAc "select 1 from pg_database where datname='dashboard'" | grep -q 1; then
    "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "create database dashboard" >/dev/null
  fi
  info "postgres on 127.0.0.1:$PG_PORT"
}

stop_postgres() {
  [[ -f "$PG_DATA/PG_VERSION" ]] || return 0
  PG_BIN="$(require_pg_bin)"
  if pg_running; then as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null; info "postgres stopped"; fi
}

# Each anvil: its folder, the variable holding its port, its chain id.
anvil_slot() {  # anvil_slot anvil|anvil2: sets SLOT_DIR, SLOT_PORT_VAR, SLOT_CHAIN
  if [[ $1 == anvil2 ]]; then SLOT_DIR="$DEVSTACK_DIR/anvil-$SECOND_CHAIN_ID" SLOT_PORT_VAR=ANVIL2_PORT SLOT_CHAIN=$SECOND_CHAIN_ID
  else SLOT_DIR="$DEVSTACK_DIR/anvil" SLOT_PORT_VAR=ANVIL_PORT SLOT_CHAIN="${CHAIN_ID:-31337}"; fi
}

anvil_pid() { [[ -f "$SLOT_DIR/anvil.pid" ]] && kill -0 "$(cat "$SLOT_DIR/anvil.pid")" 2>/dev/null && cat "$SLOT_DIR/anvil.pid"; }

start_anvil() {  # start_anvil anvil|anvil2
  local anvil; anvil="$(require_anvil)"
  anvil_slot "$1"
  mkdir -p "$SLOT_DIR"
  if anvil_pid >/dev/null; then info "anvil (chain $SLOT_CHAIN) already running on 127.0.0.1:${!SLOT_PORT_VAR}"; return; fi
  reclaim_port "$SLOT_PORT_VAR" "anvil (chain $SLOT_CHAIN)"
  local port=${!SLOT_PORT_VAR}
  # --state loads the chain saved by the previous run and saves it again on exit (and every 30 s),
  # so a second run continues the same history instead of replaying it. A new chain starts
  # HISTORY_DAYS in the past so that simulated history ends about now.
  local genesis=()
  if [[ ! -s "$SLOT_DIR/state.json" ]]; then
    genesis=(--timestamp "$(( $(date +%s) - ${HISTORY_DAYS:-90} * 86400 ))")
  fi
  nohup "$anvil" --host 127.0.0.1 --port "$port" --chain-id "$SLOT_CHAIN" "${genesis[@]}" \
    --state "$SLOT_DIR/state.json" --state-interval 30 >"$SLOT_DIR/anvil.log" 2>&1 &
  echo $! >"$SLOT_DIR/anvil.pid"
  for _ in $(seq 1 100); do
    if rpc_ready "http://127.0.0.1:$port"; then info "anvil (chain $SLOT_CHAIN) on 127.0.0.1:$port"; return; fi
    kill -0 "$(cat "$SLOT_DIR/anvil.pid")" 2>/dev/null || die "anvil exited; see $SLOT_DIR/anvil.log"
    sleep 0.1
  done
  die "anvil did not answer on port $port; see $SLOT_DIR/anvil.log"
}

stop_anvil() {  # stop_anvil anvil|anvil2
  local pid
  anvil_slot "$1"
  if pid="$(anvil_pid)"; then
    kill -INT "$pid"   # SIGINT lets anvil write its state file before it exits
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    info "anvil (chain $SLOT_CHAIN) stopped"
  fi
  rm -f "$SLOT_DIR/anvil.pid"
}

write_env() {
  {
    echo "ConnectionStrings__Dashboard='Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=dashboard'"
    echo "PG_ADMIN='Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres'"
    echo "Chain__RpcUrl=http://127.0.0.1:$ANVIL_PORT"
    echo "SECOND_CHAIN_RPC_URL=http://127.0.0.1:$ANVIL2_PORT"
    echo "SECOND_CHAIN_ID=$SECOND_CHAIN_ID"
    echo "PG_PORT=$PG_PORT"
    echo "ANVIL_PORT=$ANVIL_PORT"
  } >"$ENV_FILE"
}

load_ports
case "${1:-}" in
  start)
    wants postgres && start_postgres
    wants anvil && start_anvil anvil
    wants anvil2 && start_anvil anvil2
    write_env
    ;;
  stop)
    wants anvil && stop_anvil anvil
    wants anvil2 && stop_anvil anvil2
    wants postgres && stop_postgres
    ;;
  status)
    if [[ -f "$PG_DATA/PG_VERSION" ]] && PG_BIN="$(require_pg_bin)" && pg_running; then echo "postgres: running on $PG_PORT"; else echo "postgres: stopped"; fi
    for service in anvil anvil2; do
      anvil_slot $service
      if anvil_pid >/dev/null; then echo "$service: running on ${!SLOT_PORT_VAR} (chain $SLOT_CHAIN)"; else echo "$service: stopped"; fi
    done
    ;;
  env) write_env; cat "$ENV_FILE" ;;
  *) die "usage: scripts/devstack.sh start|stop|status|env" ;;
esac
