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

test_run_sh_serves_chain_data_and_a_second_run_is_refused() {
  local name=${FUNCNAME[0]} dir="$WORK/run" log="$WORK/run1.log" url pid
  mkdir -p "$dir"
  # Job control on, as in a terminal: the run gets its own process group and, unlike a plain background
  # job, does not start with SIGINT ignored, so the Ctrl-C below reaches its trap.
  set -m
  DEVSTACK_DIR="$dir" HISTORY_DAYS=2 "$ROOT/run.sh" >"$log" 2>&1 &
  pid=$!
  set +m
  for _ in $(seq 1 600); do
    grep -q '^Dashboard: ' "$log" && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 1
  done
  url="$(sed -n 's/^Dashboard: //p' "$log")"
  if [[ -z "$url" ]]; then fail "$name" "no URL printed: $(tail -5 "$log")"; kill -INT -- "-$pid" 2>/dev/null; wait "$pid"; return; fi

  local second; second="$(DEVSTACK_DIR="$dir" "$ROOT/run.sh" 2>&1)"
  local second_rc=$?
  # The indexer needs a moment to read the simulated history: wait for a token symbol on the page.
  local page=""
  for _ in $(seq 1 120); do
    page="$(curl -s -m 5 "$url/")"
    [[ "$page" == *BTC3L* ]] && break
    sleep 1
  done

  kill -INT -- "-$pid" 2>/dev/null
  wait "$pid"
  local status; status="$(DEVSTACK_DIR="$dir" "$ROOT/scripts/devstack.sh" status)"
  # The live simulator sleeps until the next wall-clock hour: only a signal ends it.
  local anvil_port; anvil_port="$(sed -n 's/^ANVIL_PORT=//p' "$dir/ports")"
  local survivors; survivors="$(pgrep -af "simulate --rpc http://127.0.0.1:$anvil_port " || true)"
  curl -s -o /dev/null -m 2 "$url/" && survivors+=" web still answers at $url"

  if [[ $second_rc -eq 0 || "$second" != *"already running"* ]]; then fail "$name" "second run not refused: $second"
  elif [[ "$page" != *BTC3L* ]]; then fail "$name" "the page at $url shows no indexed token"
  elif [[ "$status" != *"postgres: stopped"*"anvil: stopped"* ]]; then fail "$name" "Ctrl-C left services running: $status"
  elif [[ -n "$survivors" ]]; then fail "$name" "Ctrl-C left hosts running: $survivors"
  else pass "$name"; fi
}

test_starts_and_stops_cleanly_twice_in_a_row
test_missing_postgres_binaries_give_a_one_line_error_naming_the_package
test_missing_npm_gives_a_one_line_error_naming_what_to_install
test_run_sh_serves_chain_data_and_a_second_run_is_refused

stack stop >/dev/null 2>&1
rm -rf "$WORK" 2>/dev/null
((failures == 0)) || { echo "$failures dev-stack test(s) failed"; exit 1; }
