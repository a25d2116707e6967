# Shared helpers for the scripts; sourced, not run.

info() { echo "==> $*" >&2; }
die() { echo "error: $*" >&2; exit 1; }

# First free loopback TCP port at or above $1. Callers start below the kernel's ephemeral range
# (/proc/sys/net/ipv4/ip_local_port_range, 32768+ by default): a port there can be held by an
# outgoing connection, which a connect probe cannot see but which makes a later bind fail.
free_port() {
  local port=$1
  while (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null || port_held "$port"; do port=$((port + 1)); done
  echo "$port"
}

# Whether any socket (listening or connected) holds the port locally; false when ss is missing.
# The closing sockets a stopped server leaves behind (its clients have not hung up yet: FIN-WAIT, LAST-ACK,
# TIME-WAIT) do not count: they do not stop it binding the port again, and moving would strand those clients.
port_held() {
  command -v ss >/dev/null 2>&1 && [[ -n "$(ss -Htan exclude time-wait exclude fin-wait-1 exclude fin-wait-2 \
    exclude closing exclude last-ack "sport = :$1" 2>/dev/null)" ]]
}

require_cmd() {  # require_cmd <command> <what to install>
  command -v "$1" >/dev/null 2>&1 || die "$1 not found: install $2"
}

# The PostgreSQL server binaries: $PG_BIN, else the newest /usr/lib/postgresql/*/bin, else PATH.
require_pg_bin() {
  local dir
  for dir in "${PG_BIN:-}" $(ls -d "${PG_SEARCH_ROOT:-/usr/lib/postgresql}"/*/bin 2>/dev/null | sort -V -r) \
             "$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/x)")"; do
    if [[ -n "$dir" && -x "$dir/initdb" && -x "$dir/pg_ctl" ]]; then echo "$dir"; return; fi
  done
  die "PostgreSQL server binaries (initdb, pg_ctl) not found: install PostgreSQL 15+ (Debian: apt-get install postgresql), or set PG_BIN"
}

# The pinned chain tools (tools/chain/package.json + lock), installed on first use.
require_anvil() {
  local chain="$ROOT/tools/chain"
  if [[ ! -x "$chain/node_modules/.bin/anvil" ]]; then
    require_cmd npm "Node.js 20 and npm (Debian: apt-get install nodejs npm)"
    info "installing pinned chain tools (anvil, solc) with npm ci"
    (cd "$chain" && npm ci --no-audit --no-fund --loglevel=error >&2) || die "npm ci failed in tools/chain"
  fi
  echo "$chain/node_modules/.bin/anvil"
}

rpc_ready() {
  curl -s -m 2 -H 'Content-Type: application/json' \
    -d '{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}' "$1" 2>/dev/null | grep -q result
}

require_dotnet() {
  require_cmd dotnet ".NET SDK 10 (https://dotnet.microsoft.com/download)"
}
