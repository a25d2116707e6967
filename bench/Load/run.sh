#!/usr/bin/env bash
# Load test of one web instance on loopback with wrk: the public API (/api/v1/tokens, a page of a
# token's rebalances) and the overview page /, each for DURATION seconds at 50 and 200 connections.
# Data: bench/Load/prepare.sh (simulated history indexed into a private Postgres). Figures: requests/s,
# p50/p99, status classes counted by wrk (stats.lua) and the server's own 5xx counter (/metrics),
# RSS of the web process before and after. Writes the "Operations / load" section of docs/benchmarks.md.
#   bench/Load/run.sh            (DURATION=15 CONNECTIONS="50 200" LOAD_DAYS=30)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$ROOT/scripts/lib.sh"
require_cmd wrk "wrk (Debian: apt-get install wrk)"
DURATION="${DURATION:-15}"
CONNECTIONS="${CONNECTIONS:-50 200}"
export DEVSTACK_DIR="${LOAD_DIR:-$ROOT/.devstack-load}"
OUT="$DEVSTACK_DIR/load"
mkdir -p "$OUT"

"$ROOT/bench/Load/prepare.sh" | tee "$OUT/data.txt"
while IFS= read -r line; do v="${line#*=}"; v="${v#\'}"; export "${line%%=*}=${v%\'}"; done <"$DEVSTACK_DIR/env"

PORT="$(free_port 5180)"
URL="http://127.0.0.1:$PORT"
WEB_PID=""
# Production settings, limits raised: one client (wrk) on loopback would otherwise be rate-limited.
start_web() {  # start_web <api cache seconds>
  ASPNETCORE_ENVIRONMENT=Production Dashboard__ApiPermitsPerMinute=1000000 Operations__PagePermitsPerMinute=1000000 \
    Operations__ApiCacheSeconds="$1" Serilog__MinimumLevel__Default=Warning \
    dotnet "$ROOT/src/Dashboard.Web/bin/Release/net10.0/Dashboard.Web.dll" --urls "$URL" --contentRoot "$ROOT/src/Dashboard.Web" \
    >"$OUT/web.log" 2>&1 &
  WEB_PID=$!
  for _ in $(seq 1 240); do
    curl -sf -o /dev/null "$URL/readyz" && return
    kill -0 "$WEB_PID" 2>/dev/null || { cat "$OUT/web.log" >&2; die "web exited"; }
    sleep 0.5
  done
  die "web did not get ready"
}
stop_web() { if [[ -n "$WEB_PID" ]]; then kill -TERM "$WEB_PID" 2>/dev/null || true; wait "$WEB_PID" 2>/dev/null || true; WEB_PID=""; fi; }
trap stop_web EXIT
start_web 0

rss() { awk -v k="$1:" '$1 == k { print int($2 / 1024) }' "/proc/$WEB_PID/status"; }
server_5xx() {
  curl -s "$URL/metrics" | awk '/^http_server_request_duration_seconds_count\{/ && /http_response_status_code="5/ { s += $NF } END { print s + 0 }'
}
SYMBOL="$(curl -s "$URL/api/v1/tokens" | sed -n 's/^\[{"symbol":"\([^"]*\)".*/\1/p')"
[[ -n "$SYMBOL" ]] || die "no token in the database"
TARGETS=("/api/v1/tokens" "/api/v1/tokens/$SYMBOL/rebalances?limit=50" "/")
for t in "${TARGETS[@]}"; do curl -s -o /dev/null "$URL$t"; done  # one warm-up request each
RSS_BEFORE="$(rss VmRSS)"
ERR_BEFORE="$(server_5xx)"
info "web pid $WEB_PID, RSS ${RSS_BEFORE} MB; $DURATION s per run"

LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
rows=()
measure() {  # measure <label> <target> <connections>
  info "wrk -c $3 $2 ($1)"
  local result
  result="$(wrk -t2 -c"$3" -d"${DURATION}s" --timeout 30s -s "$ROOT/bench/Load/stats.lua" "$URL$2" | sed -n 's/^RESULT //p')"
  echo "$1 $2 c=$3 $result" >>"$OUT/results.txt"
  rows+=("$(python3 - "$1" "$2" "$3" "$result" <<'PY'
import json, sys
label, t, c, r = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4])
errors = r["connect_errors"] + r["read_errors"] + r["write_errors"] + r["timeouts"]
print(f"| `{t}`{label} | {c} | {r['rps']:.0f} | {r['p50_ms']:.1f} | {r['p99_ms']:.1f} | {r['requests']} | {r['s2xx']} | {r['s4xx']} | {r['s5xx']} | {errors} |")
PY
)")
}
for target in "${TARGETS[@]}"; do
  for c in $CONNECTIONS; do measure "" "$target" "$c"; done
done
RSS_AFTER="$(rss VmRSS)"
RSS_PEAK="$(rss VmHWM)"
ERR_AFTER="$(server_5xx)"
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"

# The same API reads with Operations:ApiCacheSeconds=5 (off by default).
stop_web
start_web 5
ERR_CACHE_BEFORE="$(server_5xx)"
for target in "${TARGETS[@]:0:2}"; do
  for c in $CONNECTIONS; do measure " (API cache 5 s)" "$target" "$c"; done
done
ERR_AFTER=$((ERR_AFTER + $(server_5xx) - ERR_CACHE_BEFORE))
DATA="$(grep -E '^(rebalances|nav_snapshots|reserve_metrics|raw_events) ' "$OUT/data.txt" | awk '{ printf "%s%s %s", sep, $2, $1; sep = ", " }')"

SECTION="$OUT/section.md"
{
  echo "## Operations / load"
  echo
  echo "\`bench/Load/run.sh\` ($(date -u +%Y-%m-%d), ${DURATION} s per run, wrk 2 threads on the same 2-core machine as the"
  echo "server and Postgres, loopback, one Release web instance in Production with logging at Warning)."
  echo "Data: ${LOAD_DAYS:-30} simulated days indexed from anvil ($DATA)."
  echo
  echo "| target | connections | requests/s | p50 ms | p99 ms | requests | 2xx | 4xx | 5xx | socket errors |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  printf '%s\n' "${rows[@]}"
  echo
  echo "Load average (1/5/15 min): $LOAD_BEFORE before, $LOAD_AFTER after the uncached runs (wrk, the server and Postgres share"
  echo "the 2 cores; anything else running inflates the figures). Socket errors are wrk timeouts (30 s) and resets."
  echo
  echo "Server-side 5xx counted by \`http_server_request_duration_seconds_count\` on /metrics during the runs: $((ERR_AFTER - ERR_BEFORE))."
  echo "Web process RSS: ${RSS_BEFORE} MB before, ${RSS_AFTER} MB after (peak ${RSS_PEAK} MB)."
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
