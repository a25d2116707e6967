#!/usr/bin/env bash
# Rows per day and bytes per row of one indexed chain, grown 50-fold on a copy (bench/Scale/sizes.sql).
#   bench/Scale/run.sh [database]   (default: the dashboard database of ./run.sh's stack, .devstack/)
# Stop ./run.sh first: Postgres copies a database only while nobody is connected to it.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$ROOT/scripts/lib.sh"
export DEVSTACK_DIR="${DEVSTACK_DIR:-$ROOT/.devstack}" DEVSTACK_SERVICES=postgres
"$ROOT/scripts/devstack.sh" start
source "$DEVSTACK_DIR/env"
PG_BIN="$(require_pg_bin)"
source_db="${1:-dashboard}"
copy="scale_$$"
trap '"$PG_BIN/dropdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres --if-exists "$copy"' EXIT
"$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres -T "$source_db" "$copy"
"$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "$copy" -q -f "$ROOT/bench/Scale/sizes.sql"
