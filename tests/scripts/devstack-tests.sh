#!/usr/bin/env bash
# Tests of the dev-stack script and README command 1 (./run.sh), on real services.
# Each test works in its own DEVSTACK_DIR so it never touches the developer's stack.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# The suite runs under test.sh, whose own stack is postgres-only: these tests want the full stack.
unset DEVSTACK_SERVICES DEVSTACK_DIR
WORK="$(mktemp -d /tmp/devstack-tests.XXXXXX)"
chmod 755 "$WORK"
failures=0
pass() { echo "PASS $1"; }
fail() { echo "FAIL $1: $2"; failures=$((failures + 1)); }

stack() { DEVSTACK_DIR="$WORK/stack" "$ROOT/scripts/devstack.sh" "$@"; }

test_starts_and_stops_cleanly_twice_in_a_row() {
  local name=${FUNCNAME[0]} round status
  for round in 1 2; do
    stack start 2>"$WORK/start.log" || { fail "$name" "start $round failed: $(cat "$WORK/start.log")"; return; }
    source "$WORK/stack/env"
    psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d dashboard -tAc 'select 1' | grep -qx 1 \
      || { fail "$name" "postgres not answering after start $round"; stack stop; return; }
    curl -s -H 'Content-Type: application/json' -d '{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}' \
      "http://127.0.0.1:$ANVIL_PORT" | grep -q '"result":"0x7a69"' \
      || { fail "$name" "anvil not answering after start $round"; stack stop; return; }
    stack stop 2>/dev/null || { fail "$name" "stop $round failed"; return; }
    status="$(stack status)"
    [[ "$status" == *"postgres: stopped"* && "$status" == *"anvil: stopped"* ]] \
      || { fail "$name" "not stopped after round $round: $status"; return; }
  done
  pass "$name"
}

# Hosts keep their connection string across a Postgres restart: the closing sockets the stopped server
# leaves behind (its clients have not hung up yet) must not make start move the cluster to another port.
test_restart_under_a_connected_client_keeps_the_port() {
  local name=${FUNCNAME[0]} dir="$WORK/restart" client before after
  DEVSTACK_DIR="$dir" DEVSTACK_SERVICES=postgres "$ROOT/scripts/devstack.sh" start 2>"$WORK/restart.log" || { fail "$name" "start failed: $(cat "$WORK/restart.log")"; return; }
  source "$dir/env"; before=$PG_PORT
  (exec 3<>"/dev/tcp/127.0.0.1/$PG_PORT"; sleep 30) & client=$!
  sleep 0.5
  DEVSTACK_DIR="$dir" DEVSTACK_SERVICES=postgres "$ROOT/scripts/devstack.sh" stop 2>/dev/null
  DEVSTACK_DIR="$dir" DEVSTACK_SERVICES=postgres "$ROOT/scripts/devstack.sh" start 2>"$WORK/restart.log" || { fail "$name" "restart failed"; kill "$client"; return; }
  source "$dir/env"; after=$PG_PORT
  DEVSTACK_DIR="$dir" DEVSTACK_SERVICES=postgres "$ROOT/scripts/devstack.sh" stop 2>/dev/null
  kill "$client" 2>/dev/null; wait "$client" 2>/dev/null
  [[ "$before" == "$after" ]] && pass "$name" || fail "$name" "moved from $before to $after: $(cat "$WORK/restart.log")"
}

# A PATH with every usual command except the given ones: a machine where they are missing.
path_without() {
  local bin="$WORK/bin-without-$1" f
  mkdir -p "$bin"
  for f in /usr/local/bin/* /usr/bin/* /bin/* /usr/sbin/* /sbin/*; do
    local base; base="$(basename "$f")"
    [[ " $* " == *" $base "* || -e "$bin/$base" ]] && continue
    ln -s "$f" "$bin/$base"
  done
  echo "$bin"
}

test_missing_postgres_binaries_give_a_one_line_error_naming_the_package() {
  local name=${FUNCNAME[0]} out
  out="$(PATH="$(path_without initdb initdb pg_ctl)" PG_SEARCH_ROOT=/nonexistent DEVSTACK_DIR="$WORK/nopg" \
    DEVSTACK_SERVICES=postgres "$ROOT/scripts/devstack.sh" start 2>&1)" && { fail "$name" "start succeeded"; return; }
  [[ $(wc -l <<<"$out") -eq 1 && "$out" == "error: PostgreSQL server binaries"*"apt-get install postgresql"* ]] \
    && pass "$name" || fail "$name" "unexpected output: $out"
}

test_missing_npm_gives_a_one_line_error_naming_what_to_install() {
  local name=${FUNCNAME[0]} out fake="$WORK/fake-root"
  # A checkout whose chain tools are not installed yet, on a machine without npm.
  mkdir -p "$fake/tools/chain" && cp -r "$ROOT/scripts" "$fake/" && cp "$ROOT/tools/chain/package"*.json "$fake/tools/chain/"
  out="$(PATH="$(path_without npm npm node npx)" DEVSTACK_DIR="$WORK/nonpm" DEVSTACK_SERVICES=anvil \
    "$fake/scripts/devstack.sh" start 2>&1)" && { fail "$name" "start succeeded"; return; }
  [[ $(wc -l <<<"$out") -eq 1 && "$out" == "error: npm not found: install Node.js"* ]] \
    && pass "$name" || fail "$name" "unexpected output: $out"
}

# Starts ./run.sh as a terminal would and prints its pid: its own process group (job control), and SIGINT
# at its default even when this suite was itself started with it ignored (a background launch does that,
# and bash cannot trap a signal ignored on entry).
start_run() {  # start_run <log> <command prefix...>
  local log=$1; shift
  set -m
  DEVSTACK_DIR="$WORK/run" HISTORY_DAYS=2 env --default-signal=INT "$@" "$ROOT/run.sh" >"$log" 2>&1 &
  echo $!
  set +m
}

# Waits at most $3 seconds for the run to print its URL; prints the URL, or nothing.
wait_for_url() {  # wait_for_url <pid> <log> <seconds>
  local _
  for _ in $(seq 1 "$3"); do
    grep -q '^Dashboard: ' "$2" && break
    kill -0 "$1" 2>/dev/null || break
    sleep 1
  done
  sed -n 's/^Dashboard: //p' "$2"
}

# Ctrl-C to the run's process group (as a terminal sends it to every process of the foreground job).
interrupt() { kill -INT -- "-$1" 2>/dev/null; }

# Waits at most 30 s after $2 (an $EPOCHREALTIME) for the run to end, then kills it so the suite never
# hangs. Prints how many seconds the stop took, or "never" when it had to be killed.
wait_stopped() {  # wait_stopped <pid> <start>
  local start=${2/./} _ took
  for _ in $(seq 1 300); do
    took=$(( ${EPOCHREALTIME/./} - start ))
    kill -0 "$1" 2>/dev/null || { echo "$((took / 1000000)).$((took % 1000000 / 100000))"; return; }
    sleep 0.1
  done
  kill -KILL -- "-$1" 2>/dev/null
  echo never
}

# Hosts of the run still alive: the live simulator only ends on a signal, the web host answers.
survivors() {  # survivors <url>
  local anvil_port out; anvil_port="$(sed -n 's/^ANVIL_PORT=//p' "$WORK/run/ports")"
  out="$(pgrep -af "simulate --rpc http://127.0.0.1:$anvil_port " || true)"
  curl -s -o /dev/null -m 2 "$1/" && out+=" web still answers at $1"
  echo "$out"
}

# The newest hour of BTC reserve metrics the API serves, as unix seconds (0 when none).
newest_reserve_hour() {  # newest_reserve_hour <url>
  local from time; from="$(date -u -d '-6 hours' +%Y-%m-%dT%H:00:00Z)"
  time="$(curl -s -m 5 "$1/api/v1/reserves/BTC/metrics?from=$from" | grep -o '"time":"[^"]*"' | tail -n 1 | cut -d'"' -f4)"
  if [[ -n "$time" ]]; then date -u -d "$time" +%s; else echo 0; fi
}

# README command 1 over two days: a first run with the clock 3 hours behind, Ctrl-C, and a plain run started
# while the first one is still stopping. The second must wait for the first, catch up the missed hours
# (anvil restarts its clock at the wall clock, ahead of the saved chain) and serve the current hour.
test_run_sh_resumes_after_hours_away_and_stops_on_ctrl_c() {
  local name=${FUNCNAME[0]} log1="$WORK/run1.log" log2="$WORK/run2.log" url pid stop1 stop2 page="" second newest=0 _
  mkdir -p "$WORK/run"
  # libfaketime preloaded by env, which execs: the faketime wrapper would stay the parent and die on Ctrl-C first.
  local faketime_lib; faketime_lib="$(ls /usr/lib/*/faketime/libfaketime.so.1 2>/dev/null | head -n 1)"
  [[ -n "$faketime_lib" ]] || { fail "$name" "libfaketime not found (Debian: apt-get install faketime)"; return; }
  pid="$(start_run "$log1" env LD_PRELOAD="$faketime_lib" FAKETIME=-3h)"
  url="$(wait_for_url "$pid" "$log1" 600)"
  if [[ -z "$url" ]]; then fail "$name" "first run printed no URL: $(tail -5 "$log1")"; interrupt "$pid"; wait_stopped "$pid" "$EPOCHREALTIME" >/dev/null; return; fi
  second="$(DEVSTACK_DIR="$WORK/run" "$ROOT/run.sh" 2>&1)" && { fail "$name" "a second run beside a running one started"; interrupt "$pid"; wait_stopped "$pid" "$EPOCHREALTIME" >/dev/null; return; }
  for _ in $(seq 1 120); do
    page="$(curl -s -m 5 "$url/")"
    [[ "$page" == *BTC3L* ]] && break
    sleep 1
  done

  # Ctrl-C (twice, as an impatient person would), and the next run as soon as the first one has begun stopping.
  local stop_start=$EPOCHREALTIME
  interrupt "$pid"
  for _ in $(seq 1 100); do [[ -f "$WORK/run/run.stopping" ]] && break; sleep 0.1; done
  interrupt "$pid"
  local pid2; pid2="$(start_run "$log2")"
  stop1="$(wait_stopped "$pid" "$stop_start")"
  local left1; left1="$(survivors "$url")"
  url="$(wait_for_url "$pid2" "$log2" 600)"
  if [[ -n "$url" ]]; then
    for _ in $(seq 1 180); do
      newest="$(newest_reserve_hour "$url")"
      (( $(date +%s) - newest <= 65 * 60 )) && break
      sleep 1
    done
  fi
  stop_start=$EPOCHREALTIME
  interrupt "$pid2"
  stop2="$(wait_stopped "$pid2" "$stop_start")"
  local status; status="$(DEVSTACK_DIR="$WORK/run" "$ROOT/scripts/devstack.sh" status)"
  local left2; left2="$(survivors "${url:-http://127.0.0.1:1}")"
  echo "    Ctrl-C took ${stop1} s and ${stop2} s"

  if [[ "$second" != *"already running"* ]]; then fail "$name" "second run not refused: $second"
  elif [[ "$page" != *BTC3L* ]]; then fail "$name" "the first run's page shows no indexed token"
  elif [[ "$stop1" == never || -n "$left1" ]]; then fail "$name" "Ctrl-C did not stop the first run within 30 s: ${left1:-still running}"
  elif [[ -z "$url" ]]; then fail "$name" "the run after the pause printed no URL: $(tail -5 "$log2"); simulator: $(tail -3 "$WORK/run/logs/simulator.log")"
  elif ! grep -q "waiting for the previous ./run.sh" "$log2"; then fail "$name" "the second run did not wait for the first: $(head -3 "$log2")"
  elif (( $(date +%s) - newest > 65 * 60 )); then fail "$name" "newest reserve hour served is $(date -u -d "@$newest" +%FT%TZ), not within 65 min"
  elif [[ "$stop2" == never ]]; then fail "$name" "Ctrl-C did not stop the second run within 30 s"
  elif [[ "$status" != *"postgres: stopped"*"anvil: stopped"* ]]; then fail "$name" "Ctrl-C left services running: $status"
  elif [[ -n "$left2" ]]; then fail "$name" "Ctrl-C left hosts running: $left2"
  else pass "$name"; fi
}

# CHAINS=2: a second local chain (its own anvil, chain id 8453) with the same contracts at the same addresses, its own
# history and indexer, into the same database; the dashboard serves both, and Ctrl-C stops both anvils.
test_run_sh_brings_up_two_chains() {
  local name=${FUNCNAME[0]} log="$WORK/two.log" url pid chains="" stop status registries _
  mkdir -p "$WORK/two"
  pid="$(start_run "$log" DEVSTACK_DIR="$WORK/two" CHAINS=2)"
  url="$(wait_for_url "$pid" "$log" 600)"
  if [[ -n "$url" ]]; then
    for _ in $(seq 1 60); do
      chains="$(curl -s -m 5 "$url/api/v1/chains")"
      (( $(grep -o '"indexedBlock":[1-9]' <<<"$chains" | wc -l) == 2 )) && break
      sleep 1
    done
  fi
  interrupt "$pid"
  stop="$(wait_stopped "$pid" "$EPOCHREALTIME")"
  status="$(DEVSTACK_DIR="$WORK/two" "$ROOT/scripts/devstack.sh" status)"
  registries="$(sed -n 's/.*"registryAddress":"\([^"]*\)".*/\1/p' "$WORK/two/deployment.json" "$WORK/two/deployment-8453.json" | sort -u | wc -l)"
  if [[ -z "$url" ]]; then fail "$name" "no URL printed: $(tail -5 "$log")"
  elif (( $(grep -o '"indexedBlock":[1-9]' <<<"$chains" | wc -l) != 2 )); then fail "$name" "not both chains indexed: $chains"
  elif [[ "$chains" != *'"chainId":8453,"name":"Base (local anvil)","explorer":null'* || "$chains" != *'"chainId":31337'* ]]; then
    fail "$name" "the chains are not 8453 (named, no explorer) and 31337: $chains"
  elif [[ "$registries" != 1 ]]; then fail "$name" "the two chains' registries differ: the simulator should deploy at the same addresses"
  elif [[ "$(cat "$WORK/two/chains")" != 2 ]]; then fail "$name" "the choice of two chains was not kept for the next run"
  elif [[ "$stop" == never ]]; then fail "$name" "Ctrl-C did not stop the run within 30 s"
  elif [[ "$status" != *"anvil: stopped"*"anvil2: stopped"* ]]; then fail "$name" "Ctrl-C left an anvil running: $status"
  else pass "$name"; fi
  DEVSTACK_DIR="$WORK/two" "$ROOT/scripts/devstack.sh" stop >/dev/null 2>&1 || true
}

# The compose file is for deployments elsewhere (no Docker engine here), but it must stay valid.
test_docker_compose_file_is_valid() {
  local name=${FUNCNAME[0]} out
  out="$(cd "$ROOT" && docker-compose -f docker-compose.yml config -q 2>&1)" && pass "$name" || fail "$name" "$out"
}

test_starts_and_stops_cleanly_twice_in_a_row
test_restart_under_a_connected_client_keeps_the_port
test_missing_postgres_binaries_give_a_one_line_error_naming_the_package
test_missing_npm_gives_a_one_line_error_naming_what_to_install
test_run_sh_resumes_after_hours_away_and_stops_on_ctrl_c
test_run_sh_brings_up_two_chains
test_docker_compose_file_is_valid

stack stop >/dev/null 2>&1
rm -rf "$WORK" 2>/dev/null
((failures == 0)) || { echo "$failures dev-stack test(s) failed"; exit 1; }
