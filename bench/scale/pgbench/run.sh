#!/usr/bin/env bash
# pgbench of a request's history read three ways (docs/SCALING.md), on a generated set after V35:
#   bench/scale/pgbench/run.sh [database] [seconds]        (defaults: citizen_bench 15)
# Makes an unpartitioned copy, history_flat, with the same keys and indexes, runs each read
# script for all requests and for the last 30 days' requests (-M prepared, as pgjdbc from a
# statement's fifth execution), then appends history rows to both tables (synchronous_commit
# off, so that the WAL flush does not hide the difference), and drops the copy.
set -euo pipefail
cd "$(dirname "$0")"
DB="${1:-citizen_bench}"; SECONDS_EACH="${2:-15}"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
psql -q -d "$DB" -c "DROP TABLE IF EXISTS history_flat" \
     -c "CREATE TABLE history_flat (LIKE request_history INCLUDING DEFAULTS INCLUDING IDENTITY)" \
     -c "INSERT INTO history_flat OVERRIDING SYSTEM VALUE SELECT * FROM request_history ORDER BY id" \
     -c "ALTER TABLE history_flat ADD PRIMARY KEY (id, at)" -c "CREATE INDEX ON history_flat (request_id, id)" \
     -c "ALTER TABLE history_flat ADD FOREIGN KEY (request_id) REFERENCES requests (id)" \
     -c "SELECT setval(pg_get_serial_sequence('history_flat', 'id'), (SELECT max(id) FROM history_flat))" \
     -c "ANALYZE history_flat" >/dev/null
hi=$(psql -Atq -d "$DB" -c "SELECT max(id) FROM requests")
recent=$(psql -Atq -d "$DB" -c "SELECT min(id) FROM requests WHERE received_at >= now() - interval '30 days'")
for range in "1 $hi all" "$recent $hi last-30-days"; do
    set -- $range
    for script in by-request-flat.sql by-request.sql by-request-since-receipt.sql; do
        printf '%-14s %-30s ' "$3" "$script"
        pgbench -n -M prepared -c 2 -j 2 -T "$SECONDS_EACH" -D lo="$1" -D hi="$2" -f "$script" "$DB" 2>&1 \
            | awk '/latency average/ {lat=$4} /^tps/ {tps=$3} END {printf "%8.0f tps  latency %s ms\n", tps, lat}'
    done
done
script=$(mktemp)
for table in history_flat request_history; do
    sed "s/HISTORY_TABLE/$table/" insert-history.sql > "$script"
    printf '%-14s %-30s ' insert "$table"
    PGOPTIONS="-c synchronous_commit=off" pgbench -n -M prepared -c 2 -j 2 -T "$SECONDS_EACH" -D hi="$hi" -f "$script" "$DB" 2>&1 \
        | awk '/latency average/ {lat=$4} /^tps/ {tps=$3} END {printf "%8.0f tps  latency %s ms\n", tps, lat}'
done
rm -f "$script"
psql -q -d "$DB" -c "DROP TABLE history_flat"
