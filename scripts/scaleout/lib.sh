# Shared by scripts/scaleout.sh, scripts/rolling-restart.sh and bench/scaleout.sh: a throwaway
# database on the local PostgreSQL, up to three packaged instances of the service on it, and
# haproxy (docker/haproxy/haproxy.cfg) in front of them. Source it, then call scaleout_init NAME.
#
# Ports (all on 127.0.0.1, checked free before use): haproxy SCALEOUT_PORT (8100), its stats
# page SCALEOUT_PORT+1000 (9100); instance i (1-3) HTTP SCALEOUT_PORT+i, management (health,
# metrics) SCALEOUT_PORT+1000+i.
#
# Settings (environment):
#   PGHOST, PGPORT, PGUSER   the PostgreSQL server (127.0.0.1, 5432, postgres; trust auth)
#   SCALEOUT_PORT            see above (8100)
#   SCALEOUT_POOL            connections per instance (5: the server's 100 are shared by everything)
#   SCALEOUT_JAVA_OPTS       JVM options: by default those of the container image (docker/Dockerfile.jvm)
#   SCALEOUT_RATE_LIMIT      daily submission caps per address and per citizen (the application's
#                            50 and 10 when unset; the benchmark and the rolling restart raise them,
#                            as all their load comes from one address)
#   SCALEOUT_KEEP_DB=1       keep the database after the run
#   SCALEOUT_BUILD           0 never builds; 1 always; unset builds when src/ or pom.xml changed

set -euo pipefail
SCALEOUT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$SCALEOUT_DIR/../.." && pwd)"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
SCALEOUT_PORT="${SCALEOUT_PORT:-8100}"
SCALEOUT_POOL="${SCALEOUT_POOL:-5}"
HAPROXY_CFG="$REPO/docker/haproxy/haproxy.cfg"
BALANCER="http://127.0.0.1:$SCALEOUT_PORT"
STATS="http://127.0.0.1:$((SCALEOUT_PORT + 1000))"

# shellcheck source=../jvm-options.sh
source "$REPO/scripts/jvm-options.sh"
SCALEOUT_JAVA_OPTS="${SCALEOUT_JAVA_OPTS-$(image_jvm_options)}"

INSTANCE_PIDS=()   # by instance number (1-3)
HAPROXY_PID=""
WRK_PID=""
BACKGROUND_PIDS=()

say() { printf '== %s %s\n' "$(date -u +%T)" "$*"; }
fail() { echo "FAILED: $*" >&2; exit 1; }
http_port() { echo $((SCALEOUT_PORT + $1)); }
management_port() { echo $((SCALEOUT_PORT + 1000 + $1)); }
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
sql() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$DB" "$@"; }

# scaleout_init NAME: work directory target/scaleout/NAME, database cr_scaleout_NAME (created
# now, dropped on exit), the ports checked, the service built if needed.
scaleout_init() {
    NAME="$1"
    DB="cr_scaleout_${NAME//-/_}"
    WORK="$REPO/target/scaleout/$NAME"
    cd "$REPO"
    local port
    for port in "$SCALEOUT_PORT" $((SCALEOUT_PORT + 1000)) $(http_port 1) $(http_port 2) $(http_port 3) \
        $(management_port 1) $(management_port 2) $(management_port 3); do
        port_in_use "$port" && fail "port $port is in use; set SCALEOUT_PORT to another free range"
    done
    command -v haproxy > /dev/null || fail "haproxy is not installed (apt-get install -y haproxy)"
    command -v socat > /dev/null || fail "socat is not installed (apt-get install -y socat)"
    rm -rf "$WORK"
    mkdir -p "$WORK"
    trap scaleout_cleanup EXIT
    trap 'exit 130' INT TERM
    build_if_needed
    PGOPTIONS="-c client_min_messages=warning" psql -X -q -v ON_ERROR_STOP=1 -d postgres \
        -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
    say "database $DB created; commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src pom.xml || echo ' (with uncommitted changes)'); logs in ${WORK#"$REPO"/}"
}

scaleout_cleanup() {
    local pid i
    [[ -n "${WRK_PID:-}" ]] && kill "$WRK_PID" 2>/dev/null || true
    for pid in "${BACKGROUND_PIDS[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for i in "${!INSTANCE_PIDS[@]}"; do
        [[ -n "${INSTANCE_PIDS[i]}" ]] && kill "${INSTANCE_PIDS[i]}" 2>/dev/null || true
    done
    for i in "${!INSTANCE_PIDS[@]}"; do
        [[ -n "${INSTANCE_PIDS[i]}" ]] && wait_gone "${INSTANCE_PIDS[i]}" 30
    done
    [[ -n "$HAPROXY_PID" ]] && kill "$HAPROXY_PID" 2>/dev/null || true
    if [[ "${SCALEOUT_KEEP_DB:-0}" != 1 && -n "${DB:-}" ]]; then
        psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" || true
    fi
}

build_if_needed() {
    local jar=target/quarkus-app/quarkus-run.jar stamp=target/scaleout/.built
    case "${SCALEOUT_BUILD:-}" in
        0) [[ -f "$jar" ]] || fail "no $jar and SCALEOUT_BUILD=0"; return ;;
        1) ;;
        *) [[ -f "$jar" && -f "$stamp" && -z "$(find src pom.xml -newer "$stamp" -print -quit)" ]] && return ;;
    esac
    say "building the service (./mvnw -B -q package -DskipTests)"
    ./mvnw -B -q package -DskipTests
    touch "$stamp"
}

wait_gone() { # pid seconds
    local i
    for ((i = 0; i < $2 * 10; i++)); do
        kill -0 "$1" 2>/dev/null || return 0
        sleep 0.1
    done
    kill -9 "$1" 2>/dev/null || true
}

# start_instance I [VAR=value...]: instance I (1-3) on the run's database, behind the balancer
# (X-Forwarded-For trusted from 127.0.0.1 only); returns when its readiness answers 200.
start_instance() {
    local i="$1"
    shift
    local limits=()
    if [[ -n "${SCALEOUT_RATE_LIMIT:-}" ]]; then
        limits=(CITIZEN_REQUESTS_RATE_LIMIT_PER_ADDRESS_PER_DAY="$SCALEOUT_RATE_LIMIT"
                CITIZEN_REQUESTS_RATE_LIMIT_PER_CITIZEN_PER_DAY="$SCALEOUT_RATE_LIMIT")
    fi
    # shellcheck disable=SC2086 # SCALEOUT_JAVA_OPTS is a list of options
    env QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" \
        QUARKUS_DATASOURCE_USERNAME="$PGUSER" \
        QUARKUS_DATASOURCE_JDBC_MAX_SIZE="$SCALEOUT_POOL" \
        QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$(http_port "$i")" \
        QUARKUS_MANAGEMENT_HOST=127.0.0.1 QUARKUS_MANAGEMENT_PORT="$(management_port "$i")" \
        QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING=true QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED=true \
        QUARKUS_HTTP_PROXY_TRUSTED_PROXIES=127.0.0.1 \
        CITIZEN_REQUESTS_INTAKE_ACCESS_CODE_SECRET=scaleout-scripts-access-code-secret \
        QUARKUS_OIDC_PUBLIC_KEY="$(grep -v -- ----- "$REPO/src/main/resources/keys/dev-public.pem" | tr -d '\n')" \
        QUARKUS_OIDC_TOKEN_ISSUER=https://citizen-requests.local/dev QUARKUS_OIDC_WORKBENCH_TENANT_ENABLED=false \
        QUARKUS_OIDC_AUTH_SERVER_URL= QUARKUS_OIDC_DISCOVERY_ENABLED=false \
        "${limits[@]}" "$@" \
        java ${SCALEOUT_JAVA_OPTS:-} -jar target/quarkus-app/quarkus-run.jar >> "$WORK/instance-$i.log" 2>&1 &
    INSTANCE_PIDS[i]=$!
    local started=$SECONDS
    until [[ "$(curl -s -o /dev/null -m 2 -w '%{http_code}' "http://127.0.0.1:$(management_port "$i")/q/health/ready")" == 200 ]]; do
        if ! kill -0 "${INSTANCE_PIDS[i]}" 2>/dev/null; then
            tail -20 "$WORK/instance-$i.log" >&2
            fail "instance $i exited while starting"
        fi
        ((SECONDS - started < 300)) || fail "instance $i not ready after 300 s"
        sleep 0.2
    done
    say "instance $i ready in $((SECONDS - started)) s: pid ${INSTANCE_PIDS[i]}, http://127.0.0.1:$(http_port "$i")"
}

# stop_instance I: SIGTERM, as an orchestrator stops a container; waits until it is gone.
stop_instance() {
    kill -TERM "${INSTANCE_PIDS[$1]}" 2>/dev/null || true
    wait_gone "${INSTANCE_PIDS[$1]}" 40
    wait "${INSTANCE_PIDS[$1]}" 2>/dev/null || true
    INSTANCE_PIDS[$1]=""
}

# start_haproxy N: haproxy over instances 1..N (the others in maintenance); returns when the
# N servers are UP.
start_haproxy() {
    local n="$1" i
    HAPROXY_SOCKET="$WORK/haproxy.sock"
    env HAPROXY_BIND="127.0.0.1:$SCALEOUT_PORT" HAPROXY_STATS_BIND="127.0.0.1:$((SCALEOUT_PORT + 1000))" \
        HAPROXY_SOCKET="$HAPROXY_SOCKET" \
        INSTANCE1="127.0.0.1:$(http_port 1)" INSTANCE1_HEALTH_PORT="$(management_port 1)" \
        INSTANCE2="127.0.0.1:$(http_port 2)" INSTANCE2_HEALTH_PORT="$(management_port 2)" \
        INSTANCE3="127.0.0.1:$(http_port 3)" INSTANCE3_HEALTH_PORT="$(management_port 3)" \
        haproxy -f "$HAPROXY_CFG" -db > "$WORK/haproxy.log" 2>&1 &
    HAPROXY_PID=$!
    local started=$SECONDS
    until [[ -S "$HAPROXY_SOCKET" ]]; do
        kill -0 "$HAPROXY_PID" 2>/dev/null || { cat "$WORK/haproxy.log" >&2; fail "haproxy exited"; }
        ((SECONDS - started < 10)) || fail "haproxy has no admin socket after 10 s"
        sleep 0.1
    done
    for ((i = n + 1; i <= 3; i++)); do
        set_server "$i" maint
    done
    for ((i = 1; i <= n; i++)); do
        wait_server_up "$i"
    done
    say "haproxy on $BALANCER over $n instance(s); stats on $STATS"
}

haproxy_cmd() { echo "$*" | socat stdio "unix-connect:$HAPROXY_SOCKET"; }

# set_server I ready|drain|maint
set_server() { haproxy_cmd "set server instances/s$1 state $2" > /dev/null; }

# server_status I: UP, DOWN, MAINT, ... as the stats page says.
server_status() {
    haproxy_cmd "show stat" | awk -F, -v s="s$1" '$1 == "instances" && $2 == s { print $18 }'
}

wait_server_up() {
    local started=$SECONDS
    until [[ "$(server_status "$1")" == UP ]]; do
        ((SECONDS - started < 60)) || fail "haproxy does not see instance $1 UP after 60 s ($(server_status "$1"))"
        sleep 0.2
    done
}

# instance_overhead I: "RSS_MB THREADS" of instance I now.
instance_overhead() {
    awk '$1 == "VmRSS:" { rss = $2 } $1 == "Threads:" { t = $2 } END { printf "%.0f %d", rss / 1024, t }' \
        "/proc/${INSTANCE_PIDS[$1]}/status"
}

# tokens FILE: an operator token (2 h) for every active branch, as "branch<TAB>token" lines.
mint_tokens() {
    sql -c "SELECT code FROM branches WHERE active ORDER BY code" \
        | xargs -P 4 -I{} sh -c 'printf "%s\t%s\n" {} "$(scripts/mint-token.sh operator {} scaleout-operator-{} 7200)"' > "$1"
}

# --- the mixed workload (bench/scaleout/mixed.lua) ---------------------------------------------
LUA_COMMON="$REPO/bench/write-path"
MIXED_LUA="$REPO/bench/scaleout/mixed.lua"
WRK_RUN=0

# seed_requests SECONDS CONNECTIONS: unique submissions through the balancer (the requests the
# workload reads and acts on); then the lists the workload reads: $WORK/numbers.tsv (every
# request), $WORK/pool.tsv (the requests the threads act on, one each), $WORK/tokens.tsv.
seed_requests() {
    local round
    for round in 1 2 3 4 5; do # at least 64 requests, however slow the machine is today
        WRK_RUN=$((WRK_RUN + 1))
        BENCH_LUA_DIR="$LUA_COMMON" BENCH_RUN="$WRK_RUN" BENCH_STAMP="seed-$(date +%s)" \
            wrk -t 2 -c "$2" -d "$1s" --timeout 30s -s "$LUA_COMMON/submit.lua" "$BALANCER" > "$WORK/seed.out" 2>&1
        grep -q '^RESULT ' "$WORK/seed.out" || { cat "$WORK/seed.out" >&2; fail "the seeding wrk printed no result"; }
        (($(sql -c "SELECT count(*) FROM requests") >= 64)) && break
    done
    sql -c "\\copy (SELECT tracking_number, branch_code FROM requests ORDER BY id) TO '$WORK/numbers.tsv'"
    sql -c "\\copy (SELECT tracking_number, branch_code FROM requests ORDER BY random() LIMIT 64) TO '$WORK/pool.tsv'"
    mint_tokens "$WORK/tokens.tsv"
    say "seeded $(wc -l < "$WORK/numbers.tsv") requests ($(field "$WORK/seed.out" rps) submissions/s on the way)"
}

field() { sed -nE "s/.*[ ]$2=([^ ]*).*/\\1/p" "$1" | tail -1; }

# mixed_wrk OUT SECONDS CONNECTIONS: the mixed workload through the balancer (one thread per
# connection), into OUT. With SECONDS 0 it runs in the background until mixed_wrk_stop (wrk
# prints its result on SIGINT).
mixed_wrk() {
    local out="$1" seconds="$2" c="$3" duration
    (($(wc -l < "$WORK/pool.tsv") >= c)) || fail "fewer seeded requests than connections: seed longer"
    WRK_RUN=$((WRK_RUN + 1))
    duration=$((seconds > 0 ? seconds : 3600))
    env BENCH_LUA_DIR="$LUA_COMMON" BENCH_NUMBERS="$WORK/numbers.tsv" BENCH_POOL="$WORK/pool.tsv" \
        BENCH_TOKENS="$WORK/tokens.tsv" BENCH_RUN="$WRK_RUN" BENCH_STAMP="$(date +%s)" \
        wrk -t "$c" -c "$c" -d "${duration}s" --timeout 30s --latency -s "$MIXED_LUA" "$BALANCER" > "$out" 2>&1 &
    WRK_PID=$!
    WRK_OUT="$out"
    if ((seconds > 0)); then
        mixed_wrk_wait
    fi
}

mixed_wrk_stop() {
    kill -INT "$WRK_PID" 2>/dev/null || true
    mixed_wrk_wait
}

mixed_wrk_wait() {
    wait "$WRK_PID" || true
    WRK_PID=""
    grep -q '^RESULT ' "$WRK_OUT" || { cat "$WRK_OUT" >&2; fail "wrk printed no result ($WRK_OUT)"; }
}

# unexpected OUT: the answers of a mixed run other than read 200, sync 200, act 200 and
# submit 201, as "kind.status:count,..." (empty when none). wrk's connection errors, timeouts
# and broken answers are its RESULT's socket_errors.
unexpected() {
    field "$1" statuses | tr ',' '\n' | grep -vE '^(read\.200|sync\.200|act\.200|submit\.201):' | paste -sd, || true
}
