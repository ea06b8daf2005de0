# Shared by the fault scripts: a fresh database, the packaged service started and stopped,
# the load clients (load.py) and the acknowledged-versus-stored count. Source it, then call
# faults_init NAME.
#
# Settings (environment):
#   PGHOST, PGPORT, PGUSER       the PostgreSQL server (127.0.0.1, 5432, postgres; trust auth)
#   FAULTS_POOL                  connections per service instance (8; the server's 100 are shared)
#   FAULTS_JAVA_OPTS             JVM options of the service: by default those of the container
#                                image (docker/Dockerfile.jvm and its start script); "" for the
#                                JVM's own defaults
#   FAULTS_HTTP_PORT             first instance's HTTP port (8080; a second instance takes the next one)
#   FAULTS_MANAGEMENT_PORT       first instance's management port (9000), where health is served
#                                when the management interface is enabled; else on the HTTP port
#   FAULTS_HEALTH_URL            readiness URL, to override that choice
#   FAULTS_KEEP_DB=1             keep the database after the run, to look at it
#   FAULTS_BUILD=0               never build; 1 always; unset builds when src/ or pom.xml changed

set -euo pipefail
FAULTS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$FAULTS_DIR/../.." && pwd)"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
FAULTS_POOL="${FAULTS_POOL:-8}"
FAULTS_HTTP_PORT="${FAULTS_HTTP_PORT:-8080}"
FAULTS_MANAGEMENT_PORT="${FAULTS_MANAGEMENT_PORT:-9000}"
LOAD="python3 $FAULTS_DIR/load.py"

# shellcheck source=../jvm-options.sh
source "$REPO/scripts/jvm-options.sh"
FAULTS_JAVA_OPTS="${FAULTS_JAVA_OPTS-$(image_jvm_options)}"

SERVICE_PIDS=()      # by instance number
HEALTH_URLS=()       # by instance number
BACKGROUND_PIDS=()   # clients and psql sessions started by the script
BROKEN=()            # guarantees broken in this run

say() { printf '== %s %s\n' "$(date -u +%T)" "$*"; }

# faults_init NAME: work directory target/faults/NAME, database cr_fault_NAME, clean-up on exit.
faults_init() {
    FAULT="$1"
    DB="cr_fault_$FAULT"
    WORK="$REPO/target/faults/$FAULT"
    rm -rf "$WORK"
    mkdir -p "$WORK"
    cd "$REPO"
    trap faults_cleanup EXIT
    trap 'exit 130' INT TERM
    build_if_needed
    PGOPTIONS="-c client_min_messages=warning" psql -X -q -v ON_ERROR_STOP=1 -d postgres \
        -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
    say "JVM options: ${FAULTS_JAVA_OPTS:-none, the JVM defaults}"
    say "database $DB created; commit $(git -C "$REPO" rev-parse --short HEAD)$(git -C "$REPO" diff --quiet HEAD -- src pom.xml || echo ' (with uncommitted changes)'); logs in ${WORK#"$REPO"/}"
}

faults_cleanup() {
    local pid
    for pid in "${BACKGROUND_PIDS[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${SERVICE_PIDS[@]}"; do
        [[ -n "$pid" ]] && kill "$pid" 2>/dev/null || true
    done
    for pid in "${SERVICE_PIDS[@]}"; do
        [[ -n "$pid" ]] && wait_gone "$pid" 20
    done
    if [[ "${FAULTS_KEEP_DB:-0}" != 1 && -n "${DB:-}" ]]; then
        psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" || true
    fi
}

build_if_needed() {
    local jar=target/quarkus-app/quarkus-run.jar stamp=target/faults/.built
    case "${FAULTS_BUILD:-}" in
        0) [[ -f "$jar" ]] || { echo "no $jar and FAULTS_BUILD=0" >&2; exit 2; }; return ;;
        1) ;;
        *) [[ -f "$jar" && -f "$stamp" && -z "$(find src pom.xml -newer "$stamp" -print -quit)" ]] && return ;;
    esac
    say "building the service (./mvnw -B -q package -DskipTests)"
    ./mvnw -B -q package -DskipTests
    mkdir -p target/faults
    touch "$stamp"
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_gone() { # pid seconds
    local i
    for ((i = 0; i < $2 * 10; i++)); do
        kill -0 "$1" 2>/dev/null || return 0
        sleep 0.1
    done
    kill -9 "$1" 2>/dev/null || true
}

# start_service N [VAR=value...]: instance N (0, 1, ...) on FAULTS_HTTP_PORT+N and
# FAULTS_MANAGEMENT_PORT+N against the run's database; returns when it is ready.
start_service() {
    local n="$1"
    shift
    local port=$((FAULTS_HTTP_PORT + n)) management=$((FAULTS_MANAGEMENT_PORT + n))
    local p
    for p in "$port" "$management"; do
        if port_in_use "$p"; then
            echo "port $p is in use by another process; set FAULTS_HTTP_PORT / FAULTS_MANAGEMENT_PORT" >&2
            exit 2
        fi
    done
    # shellcheck disable=SC2086 # FAULTS_JAVA_OPTS is a list of options
    env QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" \
        QUARKUS_DATASOURCE_USERNAME="$PGUSER" \
        QUARKUS_DATASOURCE_JDBC_MAX_SIZE="$FAULTS_POOL" \
        QUARKUS_HTTP_PORT="$port" \
        QUARKUS_MANAGEMENT_PORT="$management" \
        CITIZEN_REQUESTS_INTAKE_ACCESS_CODE_SECRET=fault-scripts-access-code-secret \
        QUARKUS_OIDC_PUBLIC_KEY="$(grep -v -- ----- "$REPO/src/main/resources/keys/dev-public.pem" | tr -d '\n')" \
        QUARKUS_OIDC_TOKEN_ISSUER=https://citizen-requests.local/dev QUARKUS_OIDC_AUTH_SERVER_URL= QUARKUS_OIDC_WORKBENCH_TENANT_ENABLED=false \
        CITIZEN_REQUESTS_RATE_LIMIT_PER_ADDRESS_PER_DAY=100000000 \
        CITIZEN_REQUESTS_RATE_LIMIT_PER_CITIZEN_PER_DAY=100000000 \
        "$@" \
        java ${FAULTS_JAVA_OPTS:-} -jar target/quarkus-app/quarkus-run.jar >> "$WORK/service-$n.log" 2>&1 &
    SERVICE_PIDS[n]=$!
    local started=$SECONDS url
    while true; do
        if ! kill -0 "${SERVICE_PIDS[n]}" 2>/dev/null; then
            echo "instance $n exited while starting; last lines of its log:" >&2
            tail -20 "$WORK/service-$n.log" >&2
            exit 2
        fi
        for url in ${FAULTS_HEALTH_URL:-"http://127.0.0.1:$management/q/health/ready" "http://127.0.0.1:$port/q/health/ready"}; do
            if [[ "$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$url")" == 200 ]]; then
                HEALTH_URLS[n]="$url"
                say "instance $n ready in $((SECONDS - started)) s: pid ${SERVICE_PIDS[n]}, http://127.0.0.1:$port, health $url"
                return 0
            fi
        done
        if ((SECONDS - started > 120)); then
            echo "instance $n not ready after 120 s" >&2
            exit 2
        fi
        sleep 0.2
    done
}

service_url() { echo "http://127.0.0.1:$((FAULTS_HTTP_PORT + $1))"; }

stop_service() { # N
    kill "${SERVICE_PIDS[$1]}" 2>/dev/null || true
    wait_gone "${SERVICE_PIDS[$1]}" 30
    SERVICE_PIDS[$1]=""
}

kill9_service() { # N
    kill -9 "${SERVICE_PIDS[$1]}"
    wait "${SERVICE_PIDS[$1]}" 2>/dev/null || true
    SERVICE_PIDS[$1]=""
}

# background COMMAND...: runs it in the background and remembers it for the clean-up.
background() {
    "$@" &
    BACKGROUND_PIDS+=($!)
}

wait_background() {
    local pid
    for pid in "${BACKGROUND_PIDS[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    BACKGROUND_PIDS=()
}

token() { "$REPO/scripts/mint-token.sh" "$@"; }

sql() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$DB" "$@"; }

# report FILE...: status counts and latencies per phase; then the acknowledged
# tracking numbers are in $WORK/acked.txt and the counts in the shell (ACKED, S500, ...).
report() {
    $LOAD report --facts "$WORK/facts" --acked "$WORK/acked.txt" "$@"
    # shellcheck disable=SC1091
    source "$WORK/facts"
}

# check_stored: every acknowledged tracking number is a row of requests with its receipt
# ("submit") row in request_history. Sets LOST, and reports rows that no client was told of.
check_stored() {
    local counts
    counts=$(sql <<SQL
CREATE TEMP TABLE acked (tracking_number varchar(24));
\copy acked FROM '$WORK/acked.txt'
SELECT (SELECT count(DISTINCT tracking_number) FROM acked),
       count(r.id),
       count(r.id) FILTER (WHERE EXISTS (SELECT 1 FROM request_history h WHERE h.request_id = r.id AND h.action = 'submit')),
       (SELECT count(*) FROM requests),
       (SELECT count(*) FROM requests q WHERE NOT EXISTS (SELECT 1 FROM request_history h WHERE h.request_id = q.id AND h.action = 'submit')),
       (SELECT count(*) FROM requests q WHERE q.tracking_number NOT IN (SELECT tracking_number FROM acked))
FROM (SELECT DISTINCT tracking_number FROM acked) a LEFT JOIN requests r USING (tracking_number);
SQL
)
    local acked stored with_history rows without_history unacked
    IFS='|' read -r acked stored with_history rows without_history unacked <<< "$counts"
    LOST=$((acked - with_history))
    echo "  acknowledged (201 with a tracking number): $acked"
    echo "  stored with their receipt history row:     $with_history (stored: $stored; lost: $LOST)"
    echo "  rows in requests: $rows; without a receipt history row: $without_history; no client was told of: $unacked"
    if ((unacked > 0)); then
        # The clients' keys are in the subjects: what was each of these clients told last?
        sql <<SQL | sort | uniq -c | sed 's/^ */    /; s/$/ (the last answer its client got)/'
CREATE TEMP TABLE acked (tracking_number varchar(24));
\copy acked FROM '$WORK/acked.txt'
CREATE TEMP TABLE told (phase text, target text, key text, status text, millis text, tracking text,
                        retry_after text, replayed text, problem text, at text);
\copy told FROM '$WORK/answers.tsv'
SELECT coalesce((SELECT t.status FROM told t WHERE t.key = substring(q.subject FROM '\(([^()]*)\)$')
                 ORDER BY t.at DESC LIMIT 1), 'no answer recorded')
FROM requests q WHERE q.tracking_number NOT IN (SELECT tracking_number FROM acked);
SQL
    fi
    ((LOST == 0)) || broken "$LOST acknowledged submissions are not stored with their history row"
    ((without_history == 0)) || broken "$without_history requests have no receipt history row"
}

broken() { BROKEN+=("$*"); }

# check_answers: no 500 and no other 5xx but 503, every 503 says when to retry, and no
# 4xx (the clients send only valid requests).
check_answers() {
    ((S4XX == 0)) || broken "$S4XX valid requests were answered 4xx"
    ((S500 == 0)) || broken "$S500 answers were 500"
    ((S5XX_OTHER == 0)) || broken "$S5XX_OTHER answers were 5xx other than 503"
    ((S503_NO_RETRY_AFTER == 0)) || broken "$S503_NO_RETRY_AFTER answers were 503 without Retry-After"
}

# finish: prints the verdict; exits 1 when a guarantee was broken.
finish() {
    if ((${#BROKEN[@]} == 0)); then
        say "$FAULT: every guarantee held"
        exit 0
    fi
    say "$FAULT: guarantees broken:"
    printf '  - %s\n' "${BROKEN[@]}"
    exit 1
}


# service_summary: peak RSS of each running instance, and how many ERROR lines the
# instances logged, with the commonest ones.
service_summary() {
    local n pid
    for n in "${!SERVICE_PIDS[@]}"; do
        pid="${SERVICE_PIDS[n]}"
        [[ -n "$pid" && -r "/proc/$pid/status" ]] || continue
        echo "  instance $n: peak RSS $(awk '$1 == "VmHWM:" { printf "%.0f", $2 / 1024 }' "/proc/$pid/status") MB, $(awk '$1 == "Threads:" { print $2 }' "/proc/$pid/status") threads now"
    done
    n=$(cat "$WORK"/service-*.log | grep -c ' ERROR ' || true)
    echo "  ERROR lines in the service log: $n"
    if ((n > 0)); then
        cat "$WORK"/service-*.log | grep ' ERROR ' | cut -d' ' -f2- | cut -c1-160 | sed 's/[0-9a-f-]\{36\}/<id>/g' \
            | sort | uniq -c | sort -rn | head -3 | sed 's/^/    /'
    fi
}
