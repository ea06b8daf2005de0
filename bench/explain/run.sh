#!/usr/bin/env bash
# EXPLAIN ANALYZE of the deadline, answer-back and notice queries on two million requests.
# Needs the PostgreSQL of this machine kind (127.0.0.1:5432, trust) and a packaged service
# (./mvnw package -DskipTests). Creates the scratch database cr_explain (dropped first),
# migrates it by starting the service once, fills it and prints the plans to
# target/explain-deadlines.txt. About five minutes on two cores.
set -euo pipefail
cd "$(dirname "$0")/../.."
DB=cr_explain
PSQL=(psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q)
"${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/$DB" QUARKUS_DATASOURCE_USERNAME=postgres \
    CITIZEN_REQUESTS_INTAKE_ACCESS_CODE_SECRET=explain QUARKUS_HTTP_PORT=8097 QUARKUS_MANAGEMENT_PORT=9097 \
    CITIZEN_REQUESTS_DEADLINE_WATCH_EVERY=off CITIZEN_REQUESTS_NOTIFICATIONS_RELAY_EVERY=off \
    CITIZEN_REQUESTS_REPORTS_FOLD_EVERY=off \
    java -jar target/quarkus-app/quarkus-run.jar > target/explain-service.log 2>&1 &
SERVICE=$!
for _ in $(seq 1 120); do
    grep -q "started in" target/explain-service.log && break
    sleep 1
done
kill "$SERVICE"; wait "$SERVICE" 2>/dev/null || true
"${PSQL[@]}" -d "$DB" -f bench/explain/fill.sql
"${PSQL[@]}" -d "$DB" -f bench/explain/deadlines-and-answers.sql > target/explain-deadlines.txt
cat target/explain-deadlines.txt
