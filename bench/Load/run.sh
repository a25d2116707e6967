#!/usr/bin/env bash
# Load test of one web instance on loopback with wrk: the public API (/api/v1/tokens, a page of a token's
# rebalances) and the overview page / at 50 and 200 connections; / again while the indexer's NOTIFY evicts
# the page cache every second, and with the page cache off; the API with Operations:ApiCacheSeconds=5.
# Then "new rebalance mined -> visible on an open page" (bench/Freshness.Bench, the indexer following anvil).
# Postgres runs with max_connections=100 (its default; PG_MAX_CONNECTIONS to change). Data: bench/Load/prepare.sh.
# Figures: requests/s, p50/p99, status classes (stats.lua), the server's 5xx counter (/metrics), peak Postgres
# client connections, pool errors in the logs, RSS. Writes the "Operations / load" section of docs/benchmarks.md.
#   bench/Load/run.sh            (DURATION=15 CONNECTIONS="50 200" LOAD_DAYS=30 FRESHNESS_ROUNDS=5)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$ROOT/scripts/lib.sh"
# wrk is a Debian package: installed here on a fresh machine (as root), else a clear stop.
if ! command -v wrk >/dev/null 2>&1 && [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
  info "installing wrk"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; } >/dev/null || die "apt-get install -y wrk failed"
fi
require_cmd wrk "wrk (Debian, as root: apt-get update && apt-get install -y wrk)"
DURATION="${DURATION:-15}"
CONNECTIONS="${CONNECTIONS:-50 200}"
export DEVSTACK_DIR="${LOAD_DIR:-$ROOT/.devstack-load}" PG_MAX_CONNECTIONS="${PG_MAX_CONNECTIONS:-100}"
OUT="$DEVSTACK_DIR/load"
mkdir -p "$OUT"
rm -f "$OUT"/web-*.log "$OUT/results.txt"
UPTIME_START="$(uptime)"
BUSIEST="$(ps -eo pcpu=,comm= --sort=-pcpu | head -n 5 | awk '{ printf "%s%s %s%%", sep, $2, $1; sep = ", " }')"

# A cluster left running by an earlier run may have another max_connections: start it afresh.
DEVSTACK_SERVICES=postgres "$ROOT/scripts/devstack.sh" stop >/dev/null 2>&1 || true
"$ROOT/bench/Load/prepare.sh" | tee "$OUT/data.txt"
while IFS= read -r line; do v="${line#*=}"; v="${v#\'}"; export "${line%%=*}=${v%\'}"; done <"$DEVSTACK_DIR/env"
PG_BIN="$(require_pg_bin)"
psql_q() { "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d dashboard -Atc "$1"; }
MAX_CONNECTIONS="$(psql_q 'show max_connections')"
dotnet build "$ROOT/bench/Freshness.Bench" -c Release -v q -nologo -clp:ErrorsOnly >"$OUT/build-freshness.log" 2>&1 \
  || { cat "$OUT/build-freshness.log" >&2; die "build of bench/Freshness.Bench failed"; }

PORT="$(free_port 5180)"
URL="http://127.0.0.1:$PORT"
WEB_PID="" INDEXER_PID="" NOTIFIER_PID="" WEB_RUN=0
# Production settings, limits lifted: one client (wrk) on loopback would otherwise be rate-limited.
start_web() {  # start_web [Setting__Name=value ...]; each instance logs to web-<n>.log
  WEB_RUN=$((WEB_RUN + 1))
  env ASPNETCORE_ENVIRONMENT=Production Dashboard__ApiPermitsPerMinute=1000000 Operations__PagePermitsPerMinute=1000000 \
    Serilog__MinimumLevel__Default=Warning "$@" \
    dotnet "$ROOT/src/Dashboard.Web/bin/Release/net10.0/Dashboard.Web.dll" --urls "$URL" --contentRoot "$ROOT/src/Dashboard.Web" \
    >"$OUT/web-$WEB_RUN.log" 2>&1 &
  WEB_PID=$!
  for _ in $(seq 1 240); do
    curl -sf -o /dev/null "$URL/readyz" && return
    kill -0 "$WEB_PID" 2>/dev/null || { cat "$OUT/web-$WEB_RUN.log" >&2; die "web exited"; }
    sleep 0.5
  done
  die "web did not get ready"
}
stop_pid() { if [[ -n "$1" ]]; then kill -TERM "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; fi; }
stop_web() { stop_pid "$WEB_PID"; WEB_PID=""; }
cleanup() { stop_pid "$NOTIFIER_PID"; stop_pid "$INDEXER_PID"; stop_web; }
trap cleanup EXIT
start_web

rss() { awk -v k="$1:" '$1 == k { print int($2 / 1024) }' "/proc/$WEB_PID/status"; }
server_5xx() {
  curl -s "$URL/metrics" | awk '/^http_server_request_duration_seconds_count\{/ && /http_response_status_code="5/ { s += $NF } END { print s + 0 }'
}
SYMBOL="$(curl -s "$URL/api/v1/tokens" | sed -n 's/^\[{"symbol":"\([^"]*\)".*/\1/p')"
[[ -n "$SYMBOL" ]] || die "no token in the database"
TARGETS=("/api/v1/tokens" "/api/v1/tokens/$SYMBOL/rebalances?limit=50" "/")
for t in "${TARGETS[@]}"; do curl -s -o /dev/null "$URL$t"; done  # one warm-up request each
RSS_BEFORE="$(rss VmRSS)"
ERRORS=0
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
rows=()
measure() {  # measure <label> <target> <connections> [seconds for the server to finish what wrk left queued]
  info "wrk -c $3 $2$1"
  local result sampler before
  before="$(server_5xx)"
  # Peak client connections on Postgres while wrk runs (the pool is 40 per host, the server allows MAX_CONNECTIONS).
  ( peak=0; while :; do n="$(psql_q "select count(*) from pg_stat_activity where backend_type = 'client backend'" || echo 0)"
      (( n > peak )) && peak=$n && echo "$peak" >"$OUT/peak"; sleep 0.5; done ) &
  sampler=$!
  result="$(wrk -t2 -c"$3" -d"${DURATION}s" --timeout 30s -s "$ROOT/bench/Load/stats.lua" "$URL$2" | sed -n 's/^RESULT //p')"
  sleep "${4:-0}"
  kill "$sampler" 2>/dev/null; wait "$sampler" 2>/dev/null || true
  local errors=$(( $(server_5xx) - before ))
  ERRORS=$((ERRORS + errors))
  echo "$1|$2|$3|$(cat "$OUT/peak" 2>/dev/null || echo 0)|$errors|$result" >>"$OUT/results.txt"
  rm -f "$OUT/peak"
}
for target in "${TARGETS[@]}"; do
  for c in $CONNECTIONS; do measure "" "$target" "$c"; done
done
RSS_AFTER="$(rss VmRSS)"
RSS_PEAK="$(rss VmHWM)"
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"
# What the indexer does after each batch, every second: each NOTIFY empties the page cache.
( while :; do psql_q "NOTIFY chain_data" >/dev/null; sleep 1; done ) &
NOTIFIER_PID=$!
measure " (NOTIFY chain_data every 1 s)" "/" 200
stop_pid "$NOTIFIER_PID"; NOTIFIER_PID=""

stop_web
start_web PageCache__Seconds=0
# Requests still queued for the pool when wrk stops fail or finish within its 30 s timeout: wait them out.
measure " (page cache off)" "/" 200 35
# The same API reads with Operations:ApiCacheSeconds=5 (off by default).
stop_web
start_web Operations__ApiCacheSeconds=5
for target in "${TARGETS[@]:0:2}"; do
  for c in $CONNECTIONS; do measure " (API cache 5 s)" "$target" "$c"; done
done

# New rebalance mined -> visible on an open page: the indexer follows the node (its production poll interval).
# Development: the packages' static assets (blazor.web.js, MudBlazor) come from the build output, as Production
# would from a published app; the page cache and everything else are the same.
stop_web
start_web ASPNETCORE_ENVIRONMENT=Development
DEPLOYMENT="$DEVSTACK_DIR/deployment.json"
Chain__RegistryAddress="$(sed -n 's/.*"registryAddress" *: *"\([^"]*\)".*/\1/p' "$DEPLOYMENT")" \
Chain__StartBlock="$(sed -n 's/.*"deploymentBlock" *: *\([0-9]*\).*/\1/p' "$DEPLOYMENT")" \
  dotnet "$ROOT/src/Indexer/bin/Release/net10.0/Indexer.dll" >"$OUT/indexer.log" 2>&1 &
INDEXER_PID=$!
sleep 5
info "freshness: ${FRESHNESS_ROUNDS:-5} rebalances mined with the overview open in Chromium"
dotnet "$ROOT/bench/Freshness.Bench/bin/Release/net10.0/Freshness.Bench.dll" --url "$URL" --rpc "$Chain__RpcUrl" \
  --connection "$ConnectionStrings__Dashboard" --rounds "${FRESHNESS_ROUNDS:-5}" >"$OUT/freshness.json" 2> >(tee "$OUT/freshness.log" >&2)
stop_pid "$INDEXER_PID"; INDEXER_PID=""
pool_errors() { cat "$@" | grep -ciE 'too many clients|53300|connection pool has been exhausted' || true; }
POOL_ERRORS="API and cached \`/\` (first instance): $(pool_errors "$OUT/web-1.log"); page cache off: $(pool_errors "$OUT/web-2.log");"
POOL_ERRORS+=" API cache 5 s: $(pool_errors "$OUT/web-3.log"); freshness (web and indexer): $(pool_errors "$OUT/web-4.log" "$OUT/indexer.log")"
UPTIME_END="$(uptime)"
DATA="$(grep -E '^(rebalances|nav_snapshots|reserve_metrics|raw_events) ' "$OUT/data.txt" | awk '{ printf "%s%s %s", sep, $2, $1; sep = ", " }')"

SECTION="$OUT/section.md"
{
  echo "## Operations / load"
  echo
  echo "\`bench/Load/run.sh\` ($(date -u '+%Y-%m-%d %H:%M UTC'), ${DURATION} s per run, wrk 2 threads on the same 2-core machine as the"
  echo "server and Postgres, loopback, one Release web instance in Production with logging at Warning, rate limits lifted"
  echo "(\`Operations__PagePermitsPerMinute\`, \`Dashboard__ApiPermitsPerMinute\` = 1000000), Postgres \`max_connections\` = $MAX_CONNECTIONS."
  echo "Data: ${LOAD_DAYS:-30} simulated days indexed from anvil ($DATA). \`/\` is served from the page cache"
  echo "(\`PageCache:Seconds\` = 60, evicted on the indexer's NOTIFY and the 30 s refresh tick) unless the row says otherwise."
  echo
  python3 "$ROOT/bench/Load/report.py" "$OUT/results.txt" "$OUT/freshness.json"
  echo
  echo "Machine load: \`uptime\` at the start: \`${UPTIME_START## }\`; at the end: \`${UPTIME_END## }\`."
  echo "Load average (1/5/15 min) $LOAD_BEFORE before, $LOAD_AFTER after the first runs; busiest processes at the start: $BUSIEST."
  echo "The machine is shared (other builds running inflate the figures). Socket errors are wrk timeouts (30 s) and resets."
  echo
  echo "Server-side 5xx (\`http_server_request_duration_seconds_count\` on /metrics, per run in the table's last column) in all: $ERRORS."
  echo "Pool errors (\"too many clients\", 53300, \"connection pool has been exhausted\") in the logs: $POOL_ERRORS."
  echo "Web process RSS (first instance): ${RSS_BEFORE} MB before, ${RSS_AFTER} MB after (peak ${RSS_PEAK} MB)."
} >"$SECTION"
cat "$SECTION"

# Replace (or append) the section in docs/benchmarks.md; the other sections belong to others.
python3 - "$ROOT/docs/benchmarks.md" "$SECTION" <<'PY'
import re, sys, os
path, section = sys.argv[1], open(sys.argv[2]).read().rstrip() + "\n"
text = open(path).read() if os.path.exists(path) else "# Benchmarks\n"
# Up to the next section or another tool's marker (the indexer bench's <!-- indexer-bench:start -->).
pattern = re.compile(r"^## Operations / load\n.*?(?=^## |^<!-- |\Z)", re.S | re.M)
text = pattern.sub(lambda _: section + "\n", text) if pattern.search(text) else text.rstrip() + "\n\n" + section
open(path, "w").write(text)
PY
info "wrote the Operations / load section of docs/benchmarks.md"
