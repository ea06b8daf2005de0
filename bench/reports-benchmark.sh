#!/usr/bin/env bash
# Report endpoints against the plain aggregate over requests, side by side, on the data set of
# bench/generate-data.sh:
#
#   bench/reports-benchmark.sh [database] [samples] [plain-samples]     (defaults: citizen_bench 200 3)
#
# Starts the packaged service (target/quarkus-app/quarkus-run.jar; built when missing) against the
# database without migrating it, warms it up, then for a one-year national range and a one-month
# regional range times `samples` calls of each endpoint (summary, timeseries, breakdown) with curl
# over a kept-alive connection after BENCH_WARMUP (200) untimed calls
# and `plain-samples` runs of the same figures computed by one aggregate query over requests with
# psql; prints p50/p95 and the ratio plain median / endpoint p50 and p95.
set -euo pipefail
cd "$(dirname "$0")/.."
DB="${1:-citizen_bench}"
SAMPLES="${2:-200}"
WARMUP="${BENCH_WARMUP:-200}"
PLAIN_SAMPLES="${3:-3}"
PORT="${BENCH_PORT:-8089}"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
BASE="http://127.0.0.1:$PORT/api/v1/reports"

[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -q package -DskipTests
# Reports are for leadership: the service trusts the local dev key here, and the benchmark
# calls it with a leadership token minted by scripts/mint-token.sh. The schema is the one
# bench/generate-data.sh applied, so the service does not migrate.
TOKEN=$(scripts/mint-token.sh leadership "" bench-leader 7200)
QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" QUARKUS_DATASOURCE_USERNAME="$PGUSER" \
    CITIZEN_REQUESTS_INTAKE_ACCESS_CODE_SECRET=bench QUARKUS_FLYWAY_MIGRATE_AT_START=false QUARKUS_HTTP_PORT="$PORT" \
    QUARKUS_OIDC_PUBLIC_KEY="$(grep -v -- ----- src/main/resources/keys/dev-public.pem | tr -d '\n')" \
    QUARKUS_OIDC_TOKEN_ISSUER=https://citizen-requests.local/dev QUARKUS_OIDC_AUTH_SERVER_URL= QUARKUS_OIDC_WORKBENCH_TENANT_ENABLED=false \
    QUARKUS_DATASOURCE_JDBC_ADDITIONAL_JDBC_PROPERTIES_OPTIONS="-c statement_timeout=0" \
    java -jar target/quarkus-app/quarkus-run.jar > target/bench-service.log 2>&1 &
SERVICE=$!
trap 'kill $SERVICE 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do
    curl -fs "http://127.0.0.1:$PORT/q/health/ready" > /dev/null && break
    sleep 0.5
done

# The last full year and the last full calendar month before today (Kazakhstan time).
TODAY=$(TZ=Asia/Almaty date +%F)
YEAR_TO=$(date -d "$TODAY -1 day" +%F)
YEAR_FROM=$(date -d "$TODAY -1 year" +%F)
MONTH_FROM=$(date -d "$(date -d "$TODAY" +%Y-%m-01) -1 month" +%F)
MONTH_TO=$(date -d "$(date -d "$TODAY" +%Y-%m-01) -1 day" +%F)
REGION="${BENCH_REGION:-KZ-75}"

percentile() { # p, values on stdin (seconds) -> milliseconds, nearest rank
    sort -n | awk -v p="$1" '{ v[NR] = $1 } END { i = int((p * NR + 99) / 100); if (i < 1) i = 1; printf "%.1f", v[i] * 1000 }'
}

time_endpoint() { # url -> "p50 p95" in ms
    # One curl process per phase, reusing its keep-alive connection as a browser does: first
    # WARMUP calls so that the JIT has compiled this endpoint's path, then SAMPLES timed calls.
    local url="$1" warm=() timed=()
    for _ in $(seq 1 "$WARMUP"); do warm+=(-o /dev/null "$url"); done
    for _ in $(seq 1 "$SAMPLES"); do timed+=(-o /dev/null "$url"); done
    curl -fs -H "Authorization: Bearer $TOKEN" "${warm[@]}"
    local times
    times=$(curl -fs -H "Authorization: Bearer $TOKEN" -w '%{time_total}\n' "${timed[@]}")
    printf '%s\n' "$times" | percentile 50
    printf ' '
    printf '%s\n' "$times" | percentile 95
}

time_plain() { # sql -> median ms of PLAIN_SAMPLES runs, as psql's \timing measures them (no connection set-up)
    local args=(-c '\timing on')
    for _ in $(seq 1 "$PLAIN_SAMPLES"); do args+=(-c "$1"); done
    psql -X -q -d "$DB" "${args[@]}" | awk '/^Time: / { print $2 / 1000 }' | percentile 50
}

# The same figures as the endpoints, by one aggregate over requests (what reports would cost without rollups).
FACTS="SELECT r.*, (r.received_at AT TIME ZONE 'Asia/Almaty')::date AS received_on,
              (r.resolved_at AT TIME ZONE 'Asia/Almaty')::date AS decided_on
       FROM requests r"
COUNTS="count(*) FILTER (WHERE status <> 'WITHDRAWN') AS received,
        count(*) FILTER (WHERE status IN ('RESOLVED', 'CLOSED')) AS decided,
        count(*) FILTER (WHERE status IN ('SUBMITTED', 'REGISTERED', 'IN_PROGRESS')) AS open,
        count(*) FILTER (WHERE status IN ('SUBMITTED', 'REGISTERED', 'IN_PROGRESS') AND due_date < DATE '$TODAY') AS overdue_now,
        count(*) FILTER (WHERE status IN ('RESOLVED', 'CLOSED') AND decided_on <= due_date) AS on_time,
        count(*) FILTER (WHERE status IN ('RESOLVED', 'CLOSED') AND decided_on > due_date) AS late,
        count(*) FILTER (WHERE status IN ('RESOLVED', 'CLOSED') AND outcome IN ('satisfied', 'partially_satisfied')) AS positive,
        count(*) FILTER (WHERE status <> 'WITHDRAWN' AND forward_count > 0) AS forwarded,
        count(*) FILTER (WHERE status <> 'WITHDRAWN' AND late_forward) AS late_forwarded,
        count(*) FILTER (WHERE status <> 'WITHDRAWN' AND reopen_count > 0) AS reopened,
        count(*) FILTER (WHERE status = 'WITHDRAWN') AS withdrawn"
plain_summary() { # from to extra-where
    echo "WITH ordinals AS (
            SELECT s.d::date AS day, count(*) FILTER (WHERE coalesce(c.working, extract(isodow FROM s.d) < 6)) OVER (ORDER BY s.d) AS ordinal
            FROM generate_series(DATE '$1', DATE '$TODAY', interval '1 day') s(d) LEFT JOIN calendar_days c ON c.day = s.d::date),
          facts AS ($FACTS WHERE r.received_at >= (DATE '$1')::timestamp AT TIME ZONE 'Asia/Almaty'
                          AND r.received_at < (DATE '$2' + 1)::timestamp AT TIME ZONE 'Asia/Almaty' $3)
          SELECT $COUNTS,
                 percentile_disc(0.5) WITHIN GROUP (ORDER BY d.ordinal - rc.ordinal) FILTER (WHERE status IN ('RESOLVED', 'CLOSED')),
                 percentile_disc(0.9) WITHIN GROUP (ORDER BY d.ordinal - rc.ordinal) FILTER (WHERE status IN ('RESOLVED', 'CLOSED'))
          FROM facts f JOIN ordinals rc ON rc.day = f.received_on LEFT JOIN ordinals d ON d.day = f.decided_on"
}
plain_grouped() { # from to extra-where group-expression
    echo "SELECT $4 AS key, $COUNTS FROM ($FACTS WHERE r.received_at >= (DATE '$1')::timestamp AT TIME ZONE 'Asia/Almaty'
              AND r.received_at < (DATE '$2' + 1)::timestamp AT TIME ZONE 'Asia/Almaty' $3) f GROUP BY 1"
}

declare -a ROWS
run() { # label url plain-sql
    local api plain p50 p95
    api=$(time_endpoint "$2")
    plain=$(time_plain "$3")
    p50=${api% *}
    p95=${api#* }
    ROWS+=("$(printf '%-44s %8s %8s %10s %9s %9s' "$1" "$p50" "$p95" "$plain" \
        "$(echo "scale=0; $plain / $p50" | bc)x" "$(echo "scale=0; $plain / $p95" | bc)x")")
    echo "${ROWS[-1]}"
}

echo "database $DB: $(psql -X -tA -d "$DB" -c 'SELECT count(*) FROM requests') requests; samples $SAMPLES per endpoint after $WARMUP warm-up calls (keep-alive), $PLAIN_SAMPLES per plain aggregate"
echo "national year $YEAR_FROM..$YEAR_TO; regional month $REGION $MONTH_FROM..$MONTH_TO; today $TODAY"
printf '%-44s %8s %8s %10s %9s %9s\n' "report" "p50 ms" "p95 ms" "plain ms" "plain/p50" "plain/p95"
run "summary, national year" "$BASE/summary?from=$YEAR_FROM&to=$YEAR_TO" \
    "$(plain_summary "$YEAR_FROM" "$YEAR_TO" "")"
run "timeseries by month, national year" "$BASE/timeseries?interval=month&from=$YEAR_FROM&to=$YEAR_TO" \
    "$(plain_grouped "$YEAR_FROM" "$YEAR_TO" "" "date_trunc('month', received_on)")"
run "breakdown by region, national year" "$BASE/breakdown?by=region&from=$YEAR_FROM&to=$YEAR_TO" \
    "$(plain_grouped "$YEAR_FROM" "$YEAR_TO" "" "region_code")"
run "summary, $REGION month" "$BASE/summary?region=$REGION&from=$MONTH_FROM&to=$MONTH_TO" \
    "$(plain_summary "$MONTH_FROM" "$MONTH_TO" "AND r.region_code = '$REGION'")"
run "timeseries by day, $REGION month" "$BASE/timeseries?interval=day&region=$REGION&from=$MONTH_FROM&to=$MONTH_TO" \
    "$(plain_grouped "$MONTH_FROM" "$MONTH_TO" "AND r.region_code = '$REGION'" "received_on")"
run "breakdown by category, $REGION month" "$BASE/breakdown?by=category&region=$REGION&from=$MONTH_FROM&to=$MONTH_TO" \
    "$(plain_grouped "$MONTH_FROM" "$MONTH_TO" "AND r.region_code = '$REGION'" "category_code")"
