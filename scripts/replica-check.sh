#!/usr/bin/env bash
# Reports on a read replica, checked on real engines (README, "Reports on a read replica").
#
#   scripts/replica-check.sh
#
# On this machine kind (PostgreSQL 15 on 127.0.0.1:5432, trust auth, user postgres, binaries in
# /usr/lib/postgresql/15/bin; run as root) it
#   1. makes a streaming replica of that server with pg_basebackup -R in a temporary directory
#      and starts it on port 5433 (a hot standby: it answers reads and refuses writes);
#   2. starts the packaged service (target/quarkus-app/quarkus-run.jar, prod profile) on a
#      throwaway database, with the primary as its datasource and the replica as its
#      reporting datasource, on ports 8110 (HTTP) and 9110 (management);
#   3. submits requests and polls GET /api/v1/reports/summary (leadership token) until the
#      figure read on the replica equals the primary's, and prints the lag it observed;
#   4. makes the primary refuse writes on that database and shows that reports keep
#      answering from the replica while intake answers 503 with Retry-After (not 500);
#   5. lets the primary take writes again, and shows that the reports follow again;
#   6. stops the replica and shows that reports answer 503 with Retry-After while intake
#      and readiness are not affected (reports do not fall back to the primary);
# and prints PASS or FAIL per check. It exits 1 when a check failed.
#
# How the primary refuses writes: ALTER DATABASE ... SET default_transaction_read_only = on
# for the throwaway database, and its sessions are ended so that the service's pool reconnects
# into read-only sessions. This is scoped to the one database, so the other users of the shared
# server are untouched (ALTER SYSTEM would make every database on it read-only), and the
# replica keeps streaming: its WAL sender belongs to no database and is not ended.
#
# Changes outside the temporary directory, all undone on exit (trap), also on failure or Ctrl-C:
# - pg_hba.conf of the primary gains "host replication postgres 127.0.0.1/32 trust" when no
#   rule allows replication yet (the line carries a marker and is removed, then the server
#   reloads);
# - the database cr_replica_check is created and dropped.
# The replica's directory is removed and the replica stopped. pg_basebackup copies the whole
# cluster (every database on the server), which takes a while when others keep big ones.
#
# The service trusts the local dev key (tokens from scripts/mint-token.sh) instead of an identity
# provider: QUARKUS_OIDC_PUBLIC_KEY with QUARKUS_OIDC_AUTH_SERVER_URL set empty, else quarkus-oidc
# looks for the provider at start-up and on each request and the reports answer 500.
#
# Settings (environment): REPLICA_CHECK_BUILD=0 to use the jar as it is (default: build with
# ./mvnw -q -DskipTests package), REPLICA_CHECK_KEEP=1 to keep the work directory's logs only
# (target/replica-check/).
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
PGBIN=/usr/lib/postgresql/15/bin
export PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres
REPLICA_PORT=5433
HTTP_PORT=8110
MANAGEMENT_PORT=9110
DB=cr_replica_check
BASE="http://127.0.0.1:$HTTP_PORT"
WORK="$REPO/target/replica-check"
MARK="# added by scripts/replica-check.sh run $$"
FAILED=0
SERVICE=""
REPLICA_DIR=""
HBA=""

say() { printf '== %s %s\n' "$(date -u +%T)" "$*"; }
pass() { printf 'PASS  %s\n' "$*"; }
fail() { printf 'FAIL  %s\n' "$*"; FAILED=1; }
check() { # description, then a command that succeeds when the check holds
    local what="$1"
    shift
    if "$@"; then pass "$what"; else fail "$what"; fi
}
now_ms() { date +%s%3N; }
primary() { psql -X -q -At -v ON_ERROR_STOP=1 -d "${1:-postgres}" -c "$2"; }
replica() { psql -X -q -At -v ON_ERROR_STOP=1 -p "$REPLICA_PORT" -d "${1:-postgres}" -c "$2"; }
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

cleanup() {
    local status=$?
    set +e
    say "cleaning up"
    if [[ -n "$SERVICE" ]]; then
        kill "$SERVICE" 2>/dev/null
        for _ in $(seq 1 100); do kill -0 "$SERVICE" 2>/dev/null || break; sleep 0.2; done
        kill -9 "$SERVICE" 2>/dev/null
    fi
    if [[ -n "$REPLICA_DIR" && -d "$REPLICA_DIR" ]]; then
        if [[ -f "$REPLICA_DIR/data/postmaster.pid" ]]; then
            runuser -u postgres -- "$PGBIN/pg_ctl" -D "$REPLICA_DIR/data" -m immediate -w stop > /dev/null
        fi
        rm -rf "$REPLICA_DIR"
    fi
    primary postgres "ALTER DATABASE $DB RESET default_transaction_read_only" > /dev/null 2>&1
    PGOPTIONS="-c client_min_messages=warning" primary postgres "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
    if [[ -n "$HBA" ]] && grep -qF "$MARK" "$HBA"; then
        sed -i "\\|$MARK|d" "$HBA"
        primary postgres "SELECT pg_reload_conf()" > /dev/null
    fi
    say "cleaned up: service stopped, replica stopped and its directory removed, database $DB dropped$([[ -n "$HBA" ]] && echo ", $HBA as before")"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- preconditions -----------------------------------------------------------------------
mkdir -p "$WORK"
rm -f "$WORK"/*.log
for p in "$REPLICA_PORT" "$HTTP_PORT" "$MANAGEMENT_PORT"; do
    if port_in_use "$p"; then echo "port $p is in use; this check needs 5433, 8110 and 9110" >&2; exit 2; fi
done
[[ "$(primary postgres "SHOW wal_level")" != minimal ]] || { echo "wal_level is minimal: no replica possible" >&2; exit 2; }
SENDERS=$(primary postgres "SELECT current_setting('max_wal_senders')::int - (SELECT count(*) FROM pg_stat_replication)")
((SENDERS > 0)) || { echo "no free WAL sender (max_wal_senders)" >&2; exit 2; }

if [[ "${REPLICA_CHECK_BUILD:-1}" != 0 || ! -f target/quarkus-app/quarkus-run.jar ]]; then
    say "building the service (./mvnw -q -DskipTests package)"
    ./mvnw -q -DskipTests package
fi

# --- 1. the replica ----------------------------------------------------------------------
HBA=$(primary postgres "SHOW hba_file")
if [[ "$(primary postgres "SELECT count(*) FROM pg_hba_file_rules WHERE 'replication' = ANY(database)")" == 0 ]]; then
    printf 'host replication postgres 127.0.0.1/32 trust %s\n' "$MARK" >> "$HBA"
    primary postgres "SELECT pg_reload_conf()" > /dev/null
    say "pg_hba.conf: replication from 127.0.0.1 allowed for this run ($HBA, removed on exit)"
else
    HBA=""
fi
PGOPTIONS="-c client_min_messages=warning" primary postgres "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
primary postgres "CREATE DATABASE $DB"

REPLICA_DIR=$(runuser -u postgres -- mktemp -d /tmp/cr-replica.XXXXXX)
DATA="$REPLICA_DIR/data"
say "pg_basebackup -R of 127.0.0.1:5432 ($(primary postgres "SELECT pg_size_pretty(sum(pg_database_size(datname))) FROM pg_database")) into $DATA"
started=$(now_ms)
runuser -u postgres -- "$PGBIN/pg_basebackup" -h 127.0.0.1 -p 5432 -U postgres -D "$DATA" -R -X stream -c fast
say "base backup taken in $(( ($(now_ms) - started) / 1000 )) s"
# Debian keeps postgresql.conf and pg_hba.conf in /etc, so the copy has neither. A hot standby
# needs at least the primary's connection and lock limits.
limits=$(primary postgres "SELECT string_agg(name || ' = ' || setting, E'\n') FROM pg_settings WHERE name IN
    ('max_connections', 'max_worker_processes', 'max_wal_senders', 'max_prepared_transactions', 'max_locks_per_transaction')")
runuser -u postgres -- tee "$DATA/postgresql.conf" > /dev/null <<CONF
port = $REPLICA_PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$REPLICA_DIR'
hot_standby = on
cluster_name = 'cr_replica_check'
shared_buffers = 32MB
$limits
CONF
runuser -u postgres -- tee "$DATA/pg_hba.conf" > /dev/null <<'CONF'
local all all trust
host all all 127.0.0.1/32 trust
CONF
runuser -u postgres -- touch "$DATA/pg_ident.conf"
runuser -u postgres -- "$PGBIN/pg_ctl" -D "$DATA" -l "$REPLICA_DIR/replica.log" -w -t 120 start > /dev/null
for _ in $(seq 1 100); do
    [[ "$(replica postgres "SELECT count(*) FROM pg_database WHERE datname = '$DB'" 2>/dev/null)" == 1 ]] && break
    sleep 0.2
done
check "the replica on port $REPLICA_PORT is a hot standby streaming from the primary" \
    test "$(replica postgres "SELECT pg_is_in_recovery()")|$(primary postgres "SELECT state FROM pg_stat_replication WHERE application_name = 'cr_replica_check'")" = "t|streaming"

# --- 2. the service ----------------------------------------------------------------------
say "starting the packaged service: primary 127.0.0.1:5432/$DB, reporting 127.0.0.1:$REPLICA_PORT/$DB"
env QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/$DB" \
    QUARKUS_DATASOURCE_USERNAME=postgres \
    QUARKUS_DATASOURCE_JDBC_MAX_SIZE=5 \
    QUARKUS_DATASOURCE_REPORTING_JDBC_URL="jdbc:postgresql://127.0.0.1:$REPLICA_PORT/$DB" \
    QUARKUS_DATASOURCE_REPORTING_USERNAME=postgres \
    QUARKUS_HTTP_PORT="$HTTP_PORT" QUARKUS_MANAGEMENT_PORT="$MANAGEMENT_PORT" \
    CITIZEN_REQUESTS_INTAKE_ACCESS_CODE_SECRET=replica-check-access-code-secret \
    QUARKUS_OIDC_PUBLIC_KEY="$(grep -v -- ----- src/main/resources/keys/dev-public.pem | tr -d '\n')" \
    QUARKUS_OIDC_TOKEN_ISSUER=https://citizen-requests.local/dev QUARKUS_OIDC_WORKBENCH_TENANT_ENABLED=false \
    QUARKUS_OIDC_AUTH_SERVER_URL= \
    CITIZEN_REQUESTS_RATE_LIMIT_PER_ADDRESS_PER_DAY=100000000 CITIZEN_REQUESTS_RATE_LIMIT_PER_CITIZEN_PER_DAY=100000000 \
    java -jar target/quarkus-app/quarkus-run.jar > "$WORK/service.log" 2>&1 &
SERVICE=$!
started=$SECONDS
until [[ "$(curl -s -o /dev/null -m 2 -w '%{http_code}' "http://127.0.0.1:$MANAGEMENT_PORT/q/health/ready")" == 200 ]]; do
    kill -0 "$SERVICE" 2>/dev/null || { echo "the service exited; last lines of its log:" >&2; tail -20 "$WORK/service.log" >&2; exit 2; }
    ((SECONDS - started < 120)) || { echo "the service is not ready after 120 s" >&2; exit 2; }
    sleep 0.2
done
say "service ready in $((SECONDS - started)) s (pid $SERVICE, log ${WORK#"$REPO"/}/service.log)"
check "the service says its reports read the reporting datasource" \
    grep -q "Reports read the reporting datasource" "$WORK/service.log"

TOKEN=$(scripts/mint-token.sh leadership "" replica-check 3600)
TODAY=$(TZ=Asia/Almaty date +%F)
SUMMARY="$BASE/api/v1/reports/summary?from=$TODAY&to=$TODAY"

# received: the dashboard's figure for today, or the HTTP status when it is not 200.
received() {
    local body status
    body=$(curl -s -m 5 -w '\n%{http_code}' -H "Authorization: Bearer $TOKEN" "$SUMMARY")
    status=${body##*$'\n'}
    if [[ "$status" == 200 ]]; then
        # the first "received" is the summary's own (complaints.received comes later)
        grep -o '"received":[0-9]*' <<< "${body%$'\n'*}" | head -1 | cut -d: -f2
    else
        echo "HTTP $status"
    fi
}
primary_received() {
    primary "$DB" "SELECT coalesce(sum(received), 0) FROM report_daily_now WHERE grouping_set = 0 AND received_on = '$TODAY'"
}
# submit: POSTs one request; prints "status retry-after" (retry-after "-" when absent).
submit() {
    local headers status
    headers=$(curl -s -m 10 -o /dev/null -D - -w '%{http_code}' -H 'Content-Type: application/json' \
        -H "Idempotency-Key: $(cat /proc/sys/kernel/random/uuid)" --data @- "$BASE/api/v1/requests" <<'JSON'
{"type":"application","category":"housing_utilities","region":"KZ-71","subject":"No hot water since Monday",
 "description":"The whole entrance 3 of house 12 has had no hot water for five days.","address":"Kabanbay Batyr 12, Astana",
 "location":{"latitude":51.128,"longitude":71.43},"language":"ru",
 "citizen":{"fullName":"Aigerim Sarsenova","iin":"900101300126","phone":"+7 701 234 5678","email":"aigerim@example.kz"}}
JSON
    )
    status=${headers##*$'\n'}
    status=${status: -3}
    printf '%s %s\n' "$status" "$(tr -d '\r' <<< "$headers" | sed -n 's/^[Rr]etry-[Aa]fter: *//p' | head -1 | grep . || echo -)"
}
# follow EXPECTED: polls the dashboard until it shows EXPECTED (max 30 s); prints the ms it took
# (an upper bound of the lag: it includes the report calls themselves) and the number of calls.
follow() {
    local expected="$1" from figure calls=0
    from=$(now_ms)
    while true; do
        figure=$(received)
        calls=$((calls + 1))
        [[ "$figure" == "$expected" ]] && { echo "$(( $(now_ms) - from )) ms, call $calls"; return 0; }
        (( $(now_ms) - from < 30000 )) || { echo "timeout (last figure: $figure)"; return 1; }
        sleep 0.01
    done
}

# --- 3. the dashboard follows the primary ------------------------------------------------
received >/dev/null
check "reports are read on the replica (sessions of citizen-requests-reports there, none on the primary)" \
    test "$(replica postgres "SELECT count(*) > 0 FROM pg_stat_activity WHERE application_name = 'citizen-requests-reports' AND datname = '$DB'")|$(primary postgres "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'citizen-requests-reports' AND datname = '$DB'")" = "t|0"
check "the replica refuses writes (hot standby)" \
    test "$(psql -X -q -p "$REPLICA_PORT" -d "$DB" -c 'CREATE TABLE written (n integer)' 2>&1 | grep -c 'read-only transaction')" = 1

lags=()
ok=1
for round in 1 2 3; do
    for _ in $(seq 1 10); do
        read -r status _ < <(submit)
        [[ "$status" == 201 ]] || { ok=0; echo "  a submission was answered $status"; }
    done
    expected=$(primary_received)
    lag=$(follow "$expected") || ok=0
    replay=$(primary postgres "SELECT coalesce(replay_lag::text, 'none reported') FROM pg_stat_replication WHERE application_name = 'cr_replica_check'")
    echo "  round $round: 10 submitted, primary says $expected received today; the dashboard (replica) showed it after $lag; replay_lag on the primary: $replay"
    lags+=("${lag%% ms*} ms")
done
check "the dashboard figures follow the primary within the replication lag (observed: $(IFS=,; echo "${lags[*]}"))" test "$ok" = 1
sleep 2   # the service folds every second: after a fold, the figures are still exact on the replica
check "after folding, the replica still shows the primary's figure ($(primary_received)) with no delta left" \
    test "$(received)|$(replica "$DB" "SELECT count(*) FROM report_delta")" = "$(primary_received)|0"

# --- 4. the primary refuses writes -------------------------------------------------------
before=$(primary_received)
primary postgres "ALTER DATABASE $DB SET default_transaction_read_only = on" > /dev/null
primary postgres "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '$DB' AND pid <> pg_backend_pid()" > /dev/null
say "primary: database $DB read-only for new sessions, its sessions ended (the WAL sender is not one of them)"
answers=()
for _ in 1 2 3 4 5; do answers+=("$(submit)"); done
echo "  intake answered (status retry-after): $(printf '[%s] ' "${answers[@]}")"
refused=1
for answer in "${answers[@]}"; do [[ "$answer" =~ ^503\ [0-9]+$ ]] || refused=0; done
check "intake answers 503 with Retry-After while the primary refuses writes (never 500)" test "$refused" = 1
check "the service counted a refused write as database_read_only" \
    grep -q "Answered 503, the database is unavailable (DATABASE_READ_ONLY)" "$WORK/service.log"
check "reports keep answering from the replica meanwhile (received today: $(received), as before: $before)" \
    test "$(received)" = "$before"
check "the replica keeps streaming while the primary refuses writes" \
    test "$(primary postgres "SELECT state FROM pg_stat_replication WHERE application_name = 'cr_replica_check'")" = streaming

# --- 5. the primary takes writes again ---------------------------------------------------
primary postgres "ALTER DATABASE $DB RESET default_transaction_read_only" > /dev/null
primary postgres "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '$DB' AND pid <> pg_backend_pid()" > /dev/null
say "primary: database $DB writable again"
status=""
for _ in $(seq 1 10); do
    read -r status _ < <(submit)
    [[ "$status" == 201 ]] && break
    sleep 0.5
done
expected=$(primary_received)
lag=$(follow "$expected") || true
check "after the primary is restored, intake answers 201 and the dashboard follows ($expected after $lag)" \
    test "$status|$(received)" = "201|$expected"

# --- 6. the replica is down --------------------------------------------------------------
runuser -u postgres -- "$PGBIN/pg_ctl" -D "$DATA" -m fast -w stop > /dev/null
say "replica stopped"
report=$(curl -s -m 10 -o /dev/null -D - -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$SUMMARY" | tr -d '\r')
read -r status _ < <(submit)
ready=$(curl -s -o /dev/null -m 5 -w '%{http_code}' "http://127.0.0.1:$MANAGEMENT_PORT/q/health/ready")
echo "  report: ${report: -3} (Retry-After: $(sed -n 's/^[Rr]etry-[Aa]fter: *//p' <<< "$report" | head -1)); submission: $status; readiness: $ready"
check "with the replica down, reports answer 503 with Retry-After, intake 201 and readiness 200" \
    test "${report: -3}|$(grep -ci '^retry-after:' <<< "$report")|$status|$ready" = "503|1|201|200"

if ((FAILED)); then say "some checks FAILED"; exit 1; fi
say "every check PASSED"
