#!/usr/bin/env bash
# Fills a PostgreSQL database with synthetic national-scale history for the report benchmark.
#
#   bench/generate-data.sh [database] [millions]      (defaults: citizen_bench 20)
#
# Drops and recreates the database, applies the Flyway migrations of this checkout with psql in
# version order (so run the service against it with QUARKUS_FLYWAY_MIGRATE_AT_START=false), then
# loads requests over the five years before today with bench/generate-data.sql: set operations
# only (generate_series, INSERT ... SELECT), secondary indexes built after the load, rollups
# computed by report_rebuild(). Connection: PGHOST (127.0.0.1), PGPORT (5432), PGUSER (postgres).
set -euo pipefail
cd "$(dirname "$0")/.."
DB="${1:-citizen_bench}"
MILLIONS="${2:-20}"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"

started=$(date +%s)
echo "== $(date -u +%T) recreating database $DB"
psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
for migration in $(ls src/main/resources/db/migration/V*__*.sql | sort -V); do
    psql -q -v ON_ERROR_STOP=1 -d "$DB" -f "$migration" >/dev/null
done
echo "== $(date -u +%T) migrations applied; generating $MILLIONS million requests"
psql -v ON_ERROR_STOP=1 -d "$DB" -v millions="$MILLIONS" -f bench/generate-data.sql
echo "== $(date -u +%T) done in $(( $(date +%s) - started )) s"
