#!/usr/bin/env bash
# The write path of the service against what PostgreSQL alone can do on the same schema, and
# the staff reads, in one run on a fresh database:
#
#   bench/write-path.sh [database] [millions]          (defaults: cr_bench_write 2)
#
# What it does, in this order, on this one database:
#   1. builds the service (./mvnw -B -q package -DskipTests) and fills the database with
#      bench/generate-data.sh (dropped and recreated, migrations applied with psql, `millions`
#      million requests over the five years up to yesterday). Everything below runs on this
#      filled database: the writes then maintain indexes and rollups of a realistic size, and
#      reads and writes are measured on the same data.
#   2. pgbench ceilings (-M prepared -j 2; -c 16, -c 64, and -c 20, the service's pool size),
#      with the service not running:
#        intake       bench/write-path/intake.sql: the request, its receipt history row and the
#                     idempotency record in one transaction, the schema's triggers running as
#                     for the service: the ceiling the service's intake is divided by
#        statements   bench/write-path/intake-statements.sql: every statement the service
#                     sends for a submission, in its order (the key's look-up and the counters
#                     in one, the tracking number, the request, its history row, the SMS row,
#                     the key's record), to tell SQL from Java
#        transitions  bench/write-path/walk.sql: register, start_work, resolve on distinct
#                     requests of today (those the pgbench intake made), one transaction per
#                     act: the versioned UPDATE and its history row
#   3. folds the report deltas the ceilings left and vacuums (a service in production finds
#      neither backlog at its start); starts the packaged service with the JVM options of the container image (the list
#      scripts/faults/lib.sh derives from docker/Dockerfile.jvm, plus a GC log) and the pool,
#      worker and timeout settings of application.properties; times java -jar to the first
#      200 of /q/health/ready on the management port; reads VmRSS; then BENCH_JVM_WARMUP
#      seconds of unmeasured submissions and reads, so that the JIT has compiled the hot paths.
#   4. intake with wrk (bench/write-path/submit.lua) at c=16 and c=64, each after a warm-up at
#      its concurrency. Every submission is unique: key, phone (its own per-citizen counter),
#      subject, region and category over all 20 x 12, and X-Forwarded-For: the service trusts
#      forwarded addresses here (QUARKUS_HTTP_PROXY_*), as behind the load balancer, so that
#      each client address has its own daily counter; the daily caps are raised so none refuses.
#      Half load: wrk cannot hold a rate and wrk2 is not packaged here, so
#      bench/write-path/paced.py sends submissions open-loop at half the better rate of c=16
#      and c=64 and counts each latency from the moment the submission was due: the latency a
#      citizen sees at that load, without a closed-loop client hiding the queueing. It starts
#      once the relay has sent the SMS the full-load runs left owed.
#   5. transitions with wrk (bench/write-path/walk.lua, one connection per wrk thread) at
#      c=16 and c=64, each after a warm-up: register, start_work, resolve with If-Match on
#      distinct requests submitted today in step 4, as an operator of their branch, with
#      `Prefer: return=minimal` as the workbench acts (204 and the new ETag); then once more at
#      c=16 asking for the staff view after each act (200; a disclosure, logged), for reference.
#   (before each intake run, the half load, the transitions and the reads the relay is given up
#   to 300 s to send the SMS the earlier runs owed, so that no run shares the cores with its
#   predecessor's messages)
#   6. staff reads with wrk at c=16 after a warm-up: GET /api/v1/requests/{trackingNumber} on
#      20,000 random requests as an operator of the branch holding each (every such read also
#      writes the access log), and the queue of the largest branch, plain and overdue=true.
#      Reads come last: the hot paths shared with the writes are compiled by then, and the
#      queue shows today's submissions on top, as it would in the afternoon.
#   7. RSS after the load; stops the service. 7b (with BENCH_AOT_JAVA): the start with the JDK's
#      AOT cache, made by a training run of the aot-jar packaging.
#   8. for reference, the pgbench intake with the rollup trigger disabled (enabled again
#      afterwards). It runs last because the requests it adds are missing from the rollups.
# Before every measured run: CHECKPOINT. During each, the database sessions' wait events are
# sampled twice a second, which shows where a transaction's time goes (row locks, WAL, client),
# and the CPU used by the service, PostgreSQL, the load client and anything else on the
# machine is read from /proc, which shows whether the cores were the limit or were shared.
#
# Prints a table (also written to target/bench/write-path-<time>.txt; raw outputs, GC log and
# service log in target/bench/write-path/): throughput, p50/p99 and answers other than the
# expected status at c=16 and c=64, and the service's throughput divided by the pgbench ceiling.
#
# Settings: PGHOST, PGPORT, PGUSER (127.0.0.1, 5432, postgres); BENCH_PORT, BENCH_MANAGEMENT_PORT
# (8093, 9093; the run stops at once if either is taken); BENCH_SECONDS (20), BENCH_WARMUP (5);
# BENCH_BUILD (1); BENCH_GENERATE=0 reuses the database as it is (to try the script only);
# BENCH_TEMPLATE=db copies db instead of generating (db filled by bench/generate-data.sh with the
# same millions and never used since: the same data as a fresh generation, eight minutes sooner);
# BENCH_JAVA_OPTS (the image's options; "" for the JVM defaults); BENCH_AOT_JAVA (the java of a
# JDK 25 or later: also times the start with the JDK's AOT cache, step 7b) and BENCH_AOT_TRAINING.
# The machine's 2 cores are shared by PostgreSQL, the JVM and the load client (and whatever else
# runs): the load average is printed before and after. Takes about 12 minutes; the database
# (about 4 GB) is left for a look afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO="$(pwd)"
DB="${1:-cr_bench_write}"
MILLIONS="${2:-2}"
RUN_SECONDS="${BENCH_SECONDS:-20}"
WARMUP="${BENCH_WARMUP:-5}"
PORT="${BENCH_PORT:-8093}"
MANAGEMENT="${BENCH_MANAGEMENT_PORT:-9093}"
SMS_PORT="${BENCH_SMS_PORT:-8094}"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
HERE="$REPO/bench/write-path"
OUT="$REPO/target/bench/write-path"
RESULTS="$REPO/target/bench/write-path-$(date -u +%Y%m%dT%H%M%SZ).txt"
BASE="http://127.0.0.1:$PORT"
TODAY=$(TZ=Asia/Almaty date +%F)
STAMP=$(date +%s)
export BENCH_LUA_DIR="$HERE" BENCH_STAMP="$STAMP"

# shellcheck source=../scripts/jvm-options.sh
source "$REPO/scripts/jvm-options.sh"
JAVA_OPTS="${BENCH_JAVA_OPTS-$(image_jvm_options)}"

say() { printf '== %s %s\n' "$(date -u +%T)" "$*" >&2; }
fail() { echo "write-path: $*" >&2; exit 2; }
sql() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$DB" "$@"; }
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

for tool in wrk pgbench psql python3 java curl openssl haproxy; do
    command -v "$tool" > /dev/null || fail "$tool is not installed$([[ "$tool" == wrk || "$tool" == haproxy ]] && echo " (apt-get install -y $tool)")"
done
for p in "$PORT" "$MANAGEMENT" "$SMS_PORT"; do
    port_in_use "$p" && fail "port $p is taken by another process; set BENCH_PORT / BENCH_MANAGEMENT_PORT"
done
mkdir -p "$OUT"
rm -f "$OUT"/*.out "$OUT"/*.log "$OUT"/*.tsv "$OUT"/*.txlog.* "$OUT"/waits-*.txt

SERVICE=""
SAMPLER=""
SMS_SINK=""
TRIGGER_OFF=0
cleanup() {
    [[ -n "$SAMPLER" ]] && kill "$SAMPLER" 2>/dev/null || true
    [[ -n "$SMS_SINK" ]] && kill "$SMS_SINK" 2>/dev/null || true
    if [[ -n "$SERVICE" ]]; then
        kill "$SERVICE" 2>/dev/null || true
        for _ in $(seq 1 100); do kill -0 "$SERVICE" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$SERVICE" 2>/dev/null || true
    fi
    if ((TRIGGER_OFF)); then
        psql -X -q -d "$DB" -c "ALTER TABLE requests ENABLE TRIGGER requests_report_rollups" || true
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

started=$SECONDS
say "load average before: $(cut -d' ' -f1-3 /proc/loadavg); commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src pom.xml || echo ' (with uncommitted changes)')"

# --- 1. build and data ---------------------------------------------------------------------
if [[ "${BENCH_BUILD:-1}" != 0 ]]; then
    say "building the service"
    ./mvnw -B -q package -DskipTests > "$OUT/build.log" 2>&1 || { tail -30 "$OUT/build.log" >&2; fail "build failed"; }
fi
[[ -f target/quarkus-app/quarkus-run.jar ]] || fail "no target/quarkus-app/quarkus-run.jar (BENCH_BUILD=0 needs one)"
generation_started=$SECONDS
if [[ -n "${BENCH_TEMPLATE:-}" ]]; then
    say "copying $BENCH_TEMPLATE (a database bench/generate-data.sh filled and nothing used since) into $DB"
    psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB TEMPLATE $BENCH_TEMPLATE" \
        || fail "could not copy $BENCH_TEMPLATE"
elif [[ "${BENCH_GENERATE:-1}" != 0 ]]; then
    say "filling $DB with $MILLIONS million requests (bench/generate-data.sh; log in target/bench/write-path/generate.log)"
    bench/generate-data.sh "$DB" "$MILLIONS" > "$OUT/generate.log" 2>&1 || { tail -30 "$OUT/generate.log" >&2; fail "generate-data.sh failed"; }
else
    say "BENCH_GENERATE=0: $DB is used as it is (only to try the script; the figures need a fresh database)"
fi
GENERATION=$((SECONDS - generation_started))
sql -v today="$TODAY" -f "$HERE/setup.sql" > /dev/null
TRIGGERS=$(sql -c "SELECT c.relname || '.' || t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
                   WHERE NOT t.tgisinternal ORDER BY 1" | paste -sd' ')
REQUESTS=$(sql -c "SELECT count(*) FROM requests")
say "$REQUESTS requests in $GENERATION s; triggers: $TRIGGERS"

# --- helpers for the measured runs ----------------------------------------------------------
# sample_waits FILE: until killed, twice a second, what the service's sessions (or pgbench's)
# are doing: waiting on a lock, on I/O, running, or idle inside a transaction (waiting for
# their client), one "event|count" line per kind and sample, "--" between samples.
sample_waits() {
    while true; do
        psql -X -q -At -d "$DB" -c "SELECT CASE WHEN state = 'idle in transaction' THEN 'idle in transaction (client)'
                                                ELSE coalesce(wait_event_type || ':' || wait_event, 'running') END, count(*)
                                         FROM pg_stat_activity
                                         WHERE datname = current_database() AND pid <> pg_backend_pid()
                                           AND backend_type = 'client backend' AND state <> 'idle'
                                         GROUP BY 1" 2>/dev/null || true
        echo "--"
        sleep 0.5
    done >> "$1"
}
# cpu_ticks: clock ticks of CPU used so far by the machine ("busy" of /proc/stat), the service,
# the PostgreSQL server (all its processes, ended ones included through the postmaster's
# children times) and this script's waited-for children (wrk, pgbench, paced.py, psql), and
# the ticks elapsed on all cores: "busy service postgres client total", into the variable
# named. (Not through $(...): `times` in a subshell knows nothing of this shell's children.)
CPUS=$(grep -c '^cpu[0-9]' /proc/stat)
TICKS=$(getconf CLK_TCK)
POSTMASTER=$(head -1 "$(sql -c 'SHOW data_directory')/postmaster.pid" 2>/dev/null || echo 0)
cpu_ticks() {
    local var="$1" user nice system idle iowait irq softirq steal service=0 postgres client
    read -r _ user nice system idle iowait irq softirq steal _ < /proc/stat
    if [[ -n "$SERVICE" && -r "/proc/$SERVICE/stat" ]]; then
        service=$(sed 's/^.*) //' "/proc/$SERVICE/stat" | awk '{ print $12 + $13 }')
    fi
    # After the ") " that ends the command name: $2 parent, $12/$13 user/system, $14/$15 of ended children.
    postgres=$({ cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk -v pm="$POSTMASTER" '{
            pid = $1; sub(/^.*\) /, "")
            if (pid == pm) t += $12 + $13 + $14 + $15; else if ($2 == pm) t += $12 + $13 }
        END { print t + 0 }')
    times > "$OUT/times.txt"
    client=$(awk -v hz="$TICKS" 'NR == 2 { split($0, f, /[ms ]+/); print int(((f[1] * 60 + f[2]) + (f[3] * 60 + f[4])) * hz) }' "$OUT/times.txt")
    printf -v "$var" '%s %s %s %s %s' "$((user + nice + system + irq + softirq + steal))" "$service" "$postgres" "$client" \
        "$((user + nice + system + idle + iowait + irq + softirq + steal))"
}
# cpu_share BEFORE AFTER: cores used on average by each, of the CPUS the machine has.
cpu_share() {
    awk -v cpus="$CPUS" -v a="$1" -v b="$2" 'BEGIN {
        split(a, x, " "); split(b, y, " "); wall = (y[5] - x[5]) / cpus; if (wall <= 0) wall = 1
        busy = y[1] - x[1]; svc = y[2] - x[2]; pg = y[3] - x[3]; cl = y[4] - x[4]; other = busy - svc - pg - cl
        if (other < 0) other = 0
        printf "service %.2f, PostgreSQL %.2f, load client %.2f, other %.2f, idle %.2f", svc / wall, pg / wall, cl / wall, other / wall, (wall * cpus - busy) / wall }'
}

start_sampler() {
    cpu_ticks CPU0
    sample_waits "$OUT/waits-$1.txt" &
    SAMPLER=$!
}
# stop_sampler KEY: R[KEY.waits], the average number of sessions per kind (the commonest
# first), and R[KEY.cpu], the cores each used during the run.
stop_sampler() {
    kill "$SAMPLER" 2>/dev/null || true
    wait "$SAMPLER" 2>/dev/null || true
    SAMPLER=""
    cpu_ticks CPU1
    R[$1.cpu]=$(cpu_share "$CPU0" "$CPU1")
    R[$1.other]=$(sed -nE 's/.*other ([0-9.]+).*/\1/p' <<< "${R[$1.cpu]}")
    R[$1.waits]=$(awk -F'|' '$0 == "--" { samples++; next } { n[$1] += $2 }
        END { for (k in n) printf "%.1f %s\n", n[k] / (samples ? samples : 1), k }' "$OUT/waits-$1.txt" \
        | sort -rn | head -4 | awk '{ v = $1; $1 = ""; printf "%s%s %s", (NR > 1 ? ", " : ""), v, substr($0, 2) }')
}

declare -A R   # results by key
field() { sed -nE "s/.*[ ]$2=([^ ]*).*/\\1/p" "$1" | tail -1; }

# run_pgbench KEY SCRIPT CLIENTS [pgbench options]: tps and average latency into R.
run_pgbench() {
    local key="$1" script="$2" clients="$3"
    shift 3
    sql -c "CHECKPOINT"
    start_sampler "$key"
    rm -f "$OUT/$key.txlog".*
    pgbench -n -M prepared -j 2 -c "$clients" -T "$RUN_SECONDS" -D today="$TODAY" -l --log-prefix="$OUT/$key.txlog" \
        "$@" -f "$script" "$DB" > "$OUT/$key.out" 2>&1 || { stop_sampler "$key"; cat "$OUT/$key.out" >&2; fail "pgbench $key failed"; }
    stop_sampler "$key"
    R[$key.tps]=$(sed -nE 's/^tps = ([0-9.]+) .*/\1/p' "$OUT/$key.out" | awk '{ printf "%.1f", $1 }')
    R[$key.lat]=$(sed -nE 's/^latency average = ([0-9.]+) ms/\1/p' "$OUT/$key.out")
    R[$key.failed]=$(sed -nE 's/^number of failed transactions: ([0-9]+).*/\1/p' "$OUT/$key.out")
    # The per-transaction log (-l): its third field is the latency in microseconds.
    read -r "R[$key.p50]" "R[$key.p99]" < <(cat "$OUT/$key.txlog".* | awk '$3 ~ /^[0-9]+$/ { print $3 / 1000 }' | sort -n \
        | awk '{ v[NR] = $1 } END { if (NR == 0) { print "- -"; exit }
                                    i = int((50 * NR + 99) / 100); j = int((99 * NR + 99) / 100); printf "%.1f %.1f\n", v[i], v[j] }')
    say "$key: ${R[$key.tps]} tps, ${R[$key.lat]} ms average, p50 ${R[$key.p50]} p99 ${R[$key.p99]} ms, ${R[$key.failed]:-0} failed; sessions: ${R[$key.waits]}; cores: ${R[$key.cpu]}"
}

# run_wrk KEY SCRIPT CONNECTIONS THREADS SECONDS [env...]: one wrk run, its RESULT line in R.
run_wrk() {
    local key="$1" script="$2" connections="$3" threads="$4" seconds="$5"
    shift 5
    env "$@" BENCH_THREADS="$threads" wrk -t "$threads" -c "$connections" -d "${seconds}s" --timeout 30s \
        -s "$HERE/$script" "$BASE" > "$OUT/$key.out" 2>&1 || { cat "$OUT/$key.out" >&2; fail "wrk $key failed"; }
    grep -q '^RESULT ' "$OUT/$key.out" || { cat "$OUT/$key.out" >&2; fail "wrk $key printed no result"; }
    local f
    for f in rps p50_ms p99_ms statuses socket_errors issued max_issued; do
        R[$key.$f]=$(field "$OUT/$key.out" "$f")
    done
}

# wrk stops with requests in flight; the service still works them off, and they would take
# workers and waiting places from the next run. Called after every wrk run, once the sampler
# has stopped.
settle() { sleep 2; }

# measure KEY SCRIPT CONNECTIONS THREADS [env...]: a warm-up run, CHECKPOINT, the measured run.
measure() {
    local key="$1" script="$2" connections="$3" threads="$4"
    shift 4
    if ((WARMUP > 0)); then
        run_wrk "$key.warmup" "$script" "$connections" "$threads" "$WARMUP" "$@"
        settle
    fi
    sql -c "CHECKPOINT"
    start_sampler "$key"
    run_wrk "$key" "$script" "$connections" "$threads" "$RUN_SECONDS" "$@"
    stop_sampler "$key"
    settle
    report "$key"
}
report() {
    say "$1: ${R[$1.rps]}/s, p50 ${R[$1.p50_ms]} ms, p99 ${R[$1.p99_ms]} ms, answers ${R[$1.statuses]}, socket errors ${R[$1.socket_errors]:-0}; sessions: ${R[$1.waits]}; cores: ${R[$1.cpu]}"
}

# non_expected KEY EXPECTED: answers other than EXPECTED (and socket errors), as "N (503:N,...)", or 0.
non_expected() {
    local statuses="${R[$1.statuses]}" expected="$2"
    awk -v s="$statuses" -v e="$expected" -v errors="${R[$1.socket_errors]:-0}" 'BEGIN {
        n = split(s, parts, ","); other = 0; list = ""
        for (i = 1; i <= n; i++) { split(parts[i], kv, ":"); if (kv[1] != e && kv[1] != "") { other += kv[2]; list = list (list ? "," : "") parts[i] } }
        if (errors > 0) { other += errors; list = list (list ? "," : "") "socket:" errors }
        print other (other ? " (" list ")" : "") }'
}

# --- 2. pgbench ceilings ---------------------------------------------------------------------
say "pgbench: intake, the service's intake statements, transitions"
run_pgbench pg.intake.16 "$HERE/intake.sql" 16
run_pgbench pg.intake.64 "$HERE/intake.sql" 64
# The service never holds more than its pool's 20 connections, whatever the number of clients:
# this is the ceiling its c=64 run is compared with in the note under the table.
run_pgbench pg.intake.20 "$HERE/intake.sql" 20
run_pgbench pg.statements.16 "$HERE/intake-statements.sql" 16
run_pgbench pg.statements.64 "$HERE/intake-statements.sql" 64
POOL=$(sql -v pool=pgbench -v subject='pgbench submission %' -v today="$TODAY" -f "$HERE/walk-pool.sql")
say "walk pool of pgbench: $POOL requests submitted today by the pgbench runs"
run_pgbench pg.walk.16 "$HERE/walk.sql" 16
run_pgbench pg.walk.64 "$HERE/walk.sql" 64
run_pgbench pg.walk.20 "$HERE/walk.sql" 20
WALKED=$(sql -c "SELECT last_value FROM bench.next_walk")
((WALKED <= POOL)) || fail "the pgbench walk ran out of requests ($WALKED taken of $POOL)"
for c in 16 20 64; do
    R[pg.acts.$c]=$(awk -v t="${R[pg.walk.$c.tps]}" 'BEGIN { printf "%.1f", 3 * t }')
    R[pg.actlat.$c]=$(awk -v t="${R[pg.walk.$c.lat]}" 'BEGIN { printf "%.1f", t / 3 }')
done

# --- 3. the service --------------------------------------------------------------------------
# The ceilings left work behind that a service in production does not find at its start: the
# report deltas of every pgbench submission and act, not yet folded (no service ran to fold
# them), and tables that autovacuum has yet to visit after the bulk of inserts. Both would run
# during the service's measurements and take the cores from it, so they are done here first.
say "folding the report deltas the ceilings left, then VACUUM ANALYZE"
folding_started=$SECONDS
sql -c "SELECT report_fold(true)" > /dev/null
# The statements ceiling owes an SMS for each of its submissions, as the service does; those are
# not the service's to send (nor to count at the end), so they leave the queue.
sql -c "DELETE FROM notification_outbox WHERE status = 'pending'" > /dev/null
sql -c "VACUUM (ANALYZE)" > /dev/null
say "folded and vacuumed in $((SECONDS - folding_started)) s"

say "minting staff tokens for every branch"
TOKENS="$OUT/tokens.tsv"
sql -c "SELECT code FROM branches WHERE active ORDER BY code" \
    | xargs -P 4 -I{} sh -c 'printf "%s\t%s\n" {} "$(scripts/mint-token.sh operator {} bench-operator-{} 7200)"' > "$TOKENS"

# Every submission owes the citizen an SMS (the phone is its contact): the service's relay sends
# them during the load, as in production. An SMS gateway that accepts each at once (haproxy
# answering 204) keeps every message to one attempt; without one, each would fail and come back
# after its backoff, a cost production does not have.
cat > "$OUT/sms-sink.cfg" <<SINK
defaults
    mode http
    timeout client 10s
    timeout connect 5s
    timeout server 10s
frontend sms
    bind 127.0.0.1:$SMS_PORT
    http-request return status 204
SINK
haproxy -f "$OUT/sms-sink.cfg" -db > "$OUT/sms-sink.log" 2>&1 &
SMS_SINK=$!

# launch JAVA APP_DIR LOG [java options...]: starts the packaged service in APP_DIR (its working
# directory: an AOT cache names the jars relative to it) with this benchmark's settings; SERVICE
# is its pid. await_ready: waits for the first 200 of /q/health/ready; READY_MS is the time from
# the launch. stop_service [SECONDS]: stops it (SIGTERM) and waits for the process to end.
launch() {
    local java="$1" app="$2" log="$3"
    shift 3
    launched=$(date +%s%N)
    SERVICE_LOG="$log"
    (cd "$app" && exec env QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" \
        QUARKUS_DATASOURCE_USERNAME="$PGUSER" \
        CITIZEN_REQUESTS_INTAKE_ACCESS_CODE_SECRET=bench \
        QUARKUS_FLYWAY_MIGRATE_AT_START=false \
        QUARKUS_OIDC_PUBLIC_KEY="$(grep -v -- ----- "$REPO/src/main/resources/keys/dev-public.pem" | tr -d '\n')" \
        QUARKUS_OIDC_TOKEN_ISSUER=https://citizen-requests.local/dev QUARKUS_OIDC_AUTH_SERVER_URL= QUARKUS_OIDC_WORKBENCH_TENANT_ENABLED=false \
        CITIZEN_REQUESTS_RATE_LIMIT_PER_ADDRESS_PER_DAY=100000000 \
        CITIZEN_REQUESTS_RATE_LIMIT_PER_CITIZEN_PER_DAY=100000000 \
        QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING=true \
        QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED=true \
        CITIZEN_REQUESTS_NOTIFICATIONS_SMS_URL="http://127.0.0.1:$SMS_PORT/sms" \
        "$java" "$@" -Dquarkus.http.host=127.0.0.1 -Dquarkus.management.host=127.0.0.1 \
            -Dquarkus.http.port="$PORT" -Dquarkus.management.port="$MANAGEMENT" \
            -jar quarkus-run.jar) > "$log" 2>&1 &
    SERVICE=$!
}
await_ready() {
    while [[ "$(curl -s -o /dev/null -m 2 -w '%{http_code}' "http://127.0.0.1:$MANAGEMENT/q/health/ready")" != 200 ]]; do
        kill -0 "$SERVICE" 2>/dev/null || { tail -30 "$SERVICE_LOG" >&2; fail "the service exited while starting"; }
        (( ($(date +%s%N) - launched) / 1000000000 < 120 )) || fail "the service was not ready after 120 s"
        sleep 0.05
    done
    READY_MS=$(( ($(date +%s%N) - launched) / 1000000 ))
}
stop_service() {
    kill "$SERVICE"
    for _ in $(seq 1 $((${1:-10} * 10))); do kill -0 "$SERVICE" 2>/dev/null || break; sleep 0.1; done
    SERVICE=""
}

say "starting the service: java $JAVA_OPTS -jar target/quarkus-app/quarkus-run.jar"
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
launch java "$REPO/target/quarkus-app" "$OUT/service.log" $JAVA_OPTS -Xlog:gc,safepoint:file="$OUT/gc.log"
await_ready
START_MS=$READY_MS
rss_mb() { awk -v f="$1:" '$1 == f { printf "%.0f", $2 / 1024 }' "/proc/$SERVICE/status"; }
RSS_START=$(rss_mb VmRSS)
QUARKUS_STARTED=$(sed -nE 's/.*started in ([0-9.]+s).*/\1/p' "$OUT/service.log" | head -1)
say "ready after $START_MS ms (Quarkus says started in $QUARKUS_STARTED); RSS $RSS_START MB"

# The JIT compiles the service's hot paths during its first tens of seconds; on 2 shared cores
# the 5 s warm-up of each run is not enough for the first runs, so the service first gets
# BENCH_JVM_WARMUP seconds (20) of submissions and staff reads, half each, none measured.
NUMBERS="$OUT/numbers.tsv"
sql -F $'\t' -c "SELECT tracking_number, branch_code FROM requests ORDER BY random() LIMIT 20000" > "$NUMBERS"
JVM_WARMUP="${BENCH_JVM_WARMUP:-20}"
if ((JVM_WARMUP > 0)); then
    say "warming the JVM up for $JVM_WARMUP s (submissions, then staff reads)"
    run_wrk jvm-warmup.submit submit.lua 16 2 $((JVM_WARMUP / 2)) BENCH_RUN=99
    run_wrk jvm-warmup.read read.lua 16 2 $((JVM_WARMUP - JVM_WARMUP / 2)) BENCH_NUMBERS="$NUMBERS" BENCH_TOKENS="$TOKENS"
    settle
fi

# drain_outbox BEFORE: the relay sends the SMS the last runs owed before the next run starts, so
# that a run does not share the service's cores with the sending of its predecessor's messages
# (at most 300 s); says how long it took.
drain_outbox() {
    local started=$SECONDS pending
    while true; do
        pending=$(sql -c "SELECT count(*) FROM notification_outbox WHERE status = 'pending' AND next_attempt_at <= now()")
        ((pending == 0 || SECONDS - started >= 300)) && break
        sleep 1
    done
    say "before $1: the relay sent what was owed in $((SECONDS - started)) s ($pending still due)"
}

# --- 5. intake -------------------------------------------------------------------------------
say "intake through the service"
RUN=1
measure_intake() { # KEY CONNECTIONS: every run, warm-up too, has its own run number, so no body repeats
    local key="$1" c="$2"
    # Each run starts with nothing owed: at full load the relay falls behind, and the SMS an
    # earlier run (the JVM's warm-up, or c=16 before c=64) left would be sent on this run's cores.
    drain_outbox "$key"
    if ((WARMUP > 0)); then
        run_wrk "$key.warmup" submit.lua "$c" 2 "$WARMUP" BENCH_RUN="$RUN"
        RUN=$((RUN + 1))
        settle
    fi
    sql -c "CHECKPOINT"
    start_sampler "$key"
    run_wrk "$key" submit.lua "$c" 2 "$RUN_SECONDS" BENCH_RUN="$RUN"
    RUN=$((RUN + 1))
    stop_sampler "$key"
    settle
    report "$key"
}
measure_intake intake.16 16
measure_intake intake.64 64
HALF=$(awk -v a="${R[intake.16.rps]}" -v b="${R[intake.64.rps]}" 'BEGIN { m = (a > b ? a : b); printf "%.0f", m / 2 }')
((HALF >= 1)) || HALF=1
# At full load the relay falls behind (the cores are the service's and PostgreSQL's); the half
# load starts with nothing owed, as a service that has run at that rate for a while would.
drain_outbox "the half load"
say "intake at half the best rate: $HALF/s open-loop for $RUN_SECONDS s (paced.py)"
sql -c "CHECKPOINT"
start_sampler intake.half
python3 "$HERE/paced.py" --url "$BASE" --rate "$HALF" --seconds "$RUN_SECONDS" --run "$RUN" --stamp "$STAMP" \
    > "$OUT/intake.half.out" 2>&1 || { cat "$OUT/intake.half.out" >&2; fail "paced.py failed"; }
stop_sampler intake.half
settle
for f in rps p50_ms p99_ms statuses socket_errors; do
    R[intake.half.$f]=$(field "$OUT/intake.half.out" "$f")
done
report intake.half


# --- 6. transitions --------------------------------------------------------------------------
# every request of today still untouched: the wrk submissions, and the pgbench ones its walk did not reach
drain_outbox "the transitions"
SERVICE_POOL=$(sql -v pool=service -v subject='% submission %' -v today="$TODAY" -f "$HERE/walk-pool.sql")
sql -F $'\t' -c "SELECT tracking_number, branch_code FROM bench.walk WHERE pool = 'service' ORDER BY k" > "$OUT/walk-pool.tsv"
say "transitions through the service: a pool of $SERVICE_POOL requests submitted today and not yet acted on"
OFFSET=0
measure_walk() { # KEY CONNECTIONS [ANSWER]: one wrk thread per connection; each run starts after the pool lines the last one took
    local key="$1" c="$2" answer="${3:-minimal}" run
    for run in "$key.warmup" "$key"; do
        [[ "$run" == "$key.warmup" ]] && ((WARMUP == 0)) && continue
        if [[ "$run" == "$key" ]]; then
            sql -c "CHECKPOINT"
            start_sampler "$key"
        fi
        run_wrk "$run" walk.lua "$c" "$c" "$([[ "$run" == "$key" ]] && echo "$RUN_SECONDS" || echo "$WARMUP")" \
            BENCH_POOL="$OUT/walk-pool.tsv" BENCH_TOKENS="$TOKENS" BENCH_OFFSET="$OFFSET" BENCH_ANSWER="$answer"
        OFFSET=$((OFFSET + ${R[$run.max_issued]} * $(field "$OUT/$run.out" threads)))
        [[ "$run" == "$key" ]] && stop_sampler "$key"
        settle
    done
    report "$key"
}
measure_walk walk.16 16
measure_walk walk.64 64
measure_walk walk.full.16 16 full
# Running out does not stop the run (the reads and memory still follow): the walk's figures
# then include acts on the last request of the pool, answered 409/412 at once, and say so.
((OFFSET <= SERVICE_POOL)) || say "WARNING: the service walk ran out of requests ($OFFSET taken of $SERVICE_POOL): its answers other than 204 (200 for the staff view) are acts repeated on the last request"

# --- 6b. staff reads -------------------------------------------------------------------------
drain_outbox "the staff reads"
LARGEST=$(sql -c "SELECT branch_code FROM requests GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")
LARGEST_TOKEN=$(awk -F'\t' -v b="$LARGEST" '$1 == b { print $2 }' "$TOKENS")
say "reads at c=16: a request as staff of its branch (20,000 random numbers), the queue of $LARGEST"
measure read.16 read.lua 16 2 BENCH_NUMBERS="$NUMBERS" BENCH_TOKENS="$TOKENS"
measure queue.16 queue.lua 16 2 BENCH_PATH=/api/v1/requests BENCH_TOKEN="$LARGEST_TOKEN"
measure overdue.16 queue.lua 16 2 BENCH_PATH="/api/v1/requests?overdue=true" BENCH_TOKEN="$LARGEST_TOKEN"

# --- 7. memory after the load ----------------------------------------------------------------
RSS_AFTER=$(rss_mb VmRSS)
NOTIFICATIONS=$(sql -c "SELECT coalesce(string_agg(status || ' ' || n || ' (' || attempts || ' attempts)', ', ' ORDER BY status), 'none')
                        FROM (SELECT status, count(*) AS n, sum(attempts) AS attempts FROM notification_outbox GROUP BY status) s")
RSS_PEAK=$(rss_mb VmHWM)
THREADS_AFTER=$(awk '$1 == "Threads:" { print $2 }' "/proc/$SERVICE/status")
GC=$(awk '/\[gc *\].*Pause/ { n++; ms = $NF; sub(/ms$/, "", ms); ms += 0; t += ms; if (ms > m) { m = ms; what = $0; sub(/.*Pause /, "", what); sub(/\).*/, ")", what) } }
          /\[safepoint *\].*Total: / { for (i = 1; i < NF; i++) if ($i == "Total:" && $(i + 1) / 1e6 > msp) { msp = $(i + 1) / 1e6; name = $0; sub(/^[^"]*"/, "", name); sub(/".*/, "", name) } }
          END { printf "%d collections, %.0f ms in all, longest %.1f ms (%s); longest safepoint %.1f ms (%s)", n, t, m, what, msp, name }' "$OUT/gc.log")
ERRORS=$(grep -c ' ERROR ' "$OUT/service.log" || true)
stop_service

# --- 7b. start with the JDK's AOT cache (BENCH_AOT_JAVA: the java of a JDK 25 or later) ------
# The cache (JEP 483/514/515) holds the classes loaded and linked, and method profiles, from a
# training run; it needs the aot-jar packaging (application classes on the class path, where
# the JDK can archive them) and the very JDK that made it. Training: the service started with
# -XX:AOTCacheOutput, BENCH_AOT_TRAINING seconds (20) of submissions and reads, then stopped (the
# JVM writes the cache as it exits). Then three timed starts with the cache and one without,
# on the same JDK and with the image's options.
AOT_LINE="not measured (set BENCH_AOT_JAVA to the java of a JDK 25 or later)"
if [[ -n "${BENCH_AOT_JAVA:-}" ]]; then
    AOT_JDK=$(dirname "$(dirname "$(readlink -f "$BENCH_AOT_JAVA")")")
    AOT_APP="$REPO/target/quarkus-aot-app"
    say "AOT cache: packaging the aot-jar with $AOT_JDK"
    JAVA_HOME="$AOT_JDK" ./mvnw -B -q package -DskipTests -Dquarkus.package.jar.aot.enabled=true \
        -Dquarkus.package.jar.aot.phase=INTEGRATION_TESTS -Dquarkus.package.output-directory=quarkus-aot-app \
        > "$OUT/aot-build.log" 2>&1 || { tail -30 "$OUT/aot-build.log" >&2; fail "the aot-jar build failed"; }
    rm -f "$AOT_APP/app.aot"
    TRAINING="${BENCH_AOT_TRAINING:-20}"
    say "AOT cache: training run ($TRAINING s of submissions and reads)"
    # The training run goes without the metaspace cap: under it the JVM cannot lay out the cache
    # as it exits ("Unable to allocate from 'ro' region"); the timed starts keep the cap.
    TRAINING_OPTS=$(tr ' ' '\n' <<< "$JAVA_OPTS" | grep -v '^-XX:MaxMetaspaceSize=' | paste -sd' ')
    # shellcheck disable=SC2086 # a list of options
    launch "$BENCH_AOT_JAVA" "$AOT_APP" "$OUT/aot-training.log" $TRAINING_OPTS -XX:AOTCacheOutput=app.aot
    await_ready
    run_wrk aot.training.submit submit.lua 8 2 $((TRAINING / 2)) BENCH_RUN=97
    run_wrk aot.training.read read.lua 8 2 $((TRAINING - TRAINING / 2)) BENCH_NUMBERS="$NUMBERS" BENCH_TOKENS="$TOKENS"
    stop_service 300
    [[ -s "$AOT_APP/app.aot" ]] || { tail -20 "$OUT/aot-training.log" >&2; fail "the training run wrote no AOT cache"; }
    AOT_STARTS=""
    for attempt in 1 2 3 none; do
        # shellcheck disable=SC2086 # JAVA_OPTS is a list of options
        if [[ "$attempt" == none ]]; then
            launch "$BENCH_AOT_JAVA" "$AOT_APP" "$OUT/aot-start-$attempt.log" $JAVA_OPTS
        else
            launch "$BENCH_AOT_JAVA" "$AOT_APP" "$OUT/aot-start-$attempt.log" $JAVA_OPTS -XX:AOTCache=app.aot
        fi
        await_ready
        AOT_STARTS="$AOT_STARTS $READY_MS"
        stop_service
    done
    read -r a1 a2 a3 a0 <<< "$AOT_STARTS"
    AOT_LINE="$("$BENCH_AOT_JAVA" -version 2>&1 | head -1): with the AOT cache ($(du -m "$AOT_APP/app.aot" | cut -f1) MB) $a1, $a2, $a3 ms; the same JDK without it $a0 ms"
    say "AOT cache: $AOT_LINE"
fi

# --- 8. reference: intake without the rollup trigger ----------------------------------------
say "reference: pgbench intake with the rollup trigger disabled"
TRIGGER_OFF=1
sql -c "ALTER TABLE requests DISABLE TRIGGER requests_report_rollups"
run_pgbench pg.notrigger.16 "$HERE/intake.sql" 16
run_pgbench pg.notrigger.64 "$HERE/intake.sql" 64
sql -c "ALTER TABLE requests ENABLE TRIGGER requests_report_rollups"
TRIGGER_OFF=0

# --- the table -------------------------------------------------------------------------------
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0 && a != "") printf "%.2f", a / b; else printf "-" }'; }
# shared KEY: " *" when other processes took more than a quarter of a core during the run
shared() { awk -v o="${R[$1.other]:-0}" 'BEGIN { if (o > 0.25) printf " *" }'; }
cell() { printf '%s/s p50 %s p99 %s ms%s' "${R[$1.rps]}" "${R[$1.p50_ms]}" "${R[$1.p99_ms]}" "$(shared "$1")"; }
pgcell() { printf '%s tps p50 %s p99 %s ms%s' "${R[$1.tps]}" "${R[$1.p50]}" "${R[$1.p99]}" "$(shared "$1")"; }
actcell() { printf '%s acts/s, avg %s ms%s' "${R[pg.acts.$1]}" "${R[pg.actlat.$1]}" "$(shared "pg.walk.$1")"; }
row() { printf '%-50s | %-36s | %-36s | %s\n' "$@"; }
{
    echo "# write path, $(date -u '+%F %T') UTC, commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src pom.xml || echo ' (with uncommitted changes)'); database $DB: $REQUESTS requests before the runs ($MILLIONS M generated in $GENERATION s)"
    echo "# $(nproc) cores; load average at the end $(cut -d' ' -f1-3 /proc/loadavg); $RUN_SECONDS s per run, each wrk run after $WARMUP s of warm-up at its concurrency"
    echo "# PostgreSQL $(sql -c 'SHOW server_version' | cut -d' ' -f1): shared_buffers $(sql -c 'SHOW shared_buffers'), synchronous_commit $(sql -c 'SHOW synchronous_commit'), max_connections $(sql -c 'SHOW max_connections')"
    echo "# triggers (pg_trigger, not internal): $TRIGGERS"
    echo "# service: $JAVA_OPTS; 20 connections, 8 workers + 128 waiting (application.properties)"
    row "what" "c=16" "c=64" "ratio to ceiling (c=16 / c=64)"
    row "intake ceiling: pgbench intake.sql" "$(pgcell pg.intake.16)" \
        "$(pgcell pg.intake.64)" "1 / 1"
    row "  pgbench with every statement of the service" "$(pgcell pg.statements.16)" \
        "$(pgcell pg.statements.64)" \
        "$(ratio "${R[pg.statements.16.tps]}" "${R[pg.intake.16.tps]}") / $(ratio "${R[pg.statements.64.tps]}" "${R[pg.intake.64.tps]}")"
    row "  (reference) intake.sql, rollup trigger off" "$(pgcell pg.notrigger.16)" \
        "$(pgcell pg.notrigger.64)" \
        "$(ratio "${R[pg.notrigger.16.tps]}" "${R[pg.intake.16.tps]}") / $(ratio "${R[pg.notrigger.64.tps]}" "${R[pg.intake.64.tps]}")"
    row "intake, service: wrk POST /api/v1/requests" "$(cell intake.16)" "$(cell intake.64)" \
        "$(ratio "${R[intake.16.rps]}" "${R[pg.intake.16.tps]}") / $(ratio "${R[intake.64.rps]}" "${R[pg.intake.64.tps]}")"
    row "  answers other than 201" "$(non_expected intake.16 201)" "$(non_expected intake.64 201)" ""
    row "  half load, open loop at $HALF/s (paced.py)" "$(cell intake.half)" "other than 201: $(non_expected intake.half 201)" ""
    row "transitions ceiling: pgbench walk.sql (acts)" "$(actcell 16)" \
        "$(actcell 64)" "1 / 1"
    row "transitions, service: wrk register/start/resolve" "$(cell walk.16)" "$(cell walk.64)" \
        "$(ratio "${R[walk.16.rps]}" "${R[pg.acts.16]}") / $(ratio "${R[walk.64.rps]}" "${R[pg.acts.64]}")"
    row "  answers other than 204" "$(non_expected walk.16 204)" "$(non_expected walk.64 204)" ""
    row "  the same answering the staff view (200)" "$(cell walk.full.16)" "-" \
        "$(ratio "${R[walk.full.16.rps]}" "${R[pg.acts.16]}") / -; other than 200: $(non_expected walk.full.16 200)"
    row "read one request as staff of its branch" "$(cell read.16)" "-" "other than 200: $(non_expected read.16 200)"
    row "queue of $LARGEST, first page" "$(cell queue.16)" "-" "other than 200: $(non_expected queue.16 200)"
    row "queue of $LARGEST, overdue=true" "$(cell overdue.16)" "-" "other than 200: $(non_expected overdue.16 200)"
    echo "* other processes on the machine took more than a quarter of a core during that run (see the cores below): the figure is low"
    echo "pgbench p50/p99 come from its per-transaction log; a walk.sql transaction is 3 acts, so its acts show the average only"
    echo "start: java -jar to the first ready answer of /q/health/ready $START_MS ms (Quarkus: started in $QUARKUS_STARTED)"
    echo "start with the JDK's AOT cache, to the first ready answer: $AOT_LINE"
    echo "memory: RSS $RSS_START MB after start, $RSS_AFTER MB after the load (peak $RSS_PEAK MB); $THREADS_AFTER threads; GC: $GC"
    echo "SMS owed by the submissions, at the end of the load: $NOTIFICATIONS"
    echo "the service has at most 20 database sessions: pgbench at -c 20 gives intake $(pgcell pg.intake.20) and transitions $(actcell 20);"
    echo "  the service at c=64 is $(ratio "${R[intake.64.rps]}" "${R[pg.intake.20.tps]}") (intake) and $(ratio "${R[walk.64.rps]}" "${R[pg.acts.20]}") (transitions) of that"
    echo "database sessions during each run, on average (sampled twice a second), and the cores used (of $CPUS):"
    for k in pg.intake.16 pg.intake.20 pg.intake.64 pg.statements.16 pg.walk.16 pg.walk.20 pg.walk.64 intake.16 intake.64 intake.half \
             walk.16 walk.64 walk.full.16 read.16 queue.16 overdue.16 pg.notrigger.16; do
        printf '  %-16s %s\n  %-16s cores: %s\n' "$k" "${R[$k.waits]}" "" "${R[$k.cpu]}"
    done
    echo "service log: $ERRORS ERROR lines before it was stopped; pgbench failed transactions: $(for k in pg.intake.16 pg.intake.64 pg.statements.16 pg.statements.64 pg.walk.16 pg.walk.64; do printf '%s ' "${R[$k.failed]:-0}"; done)"
    echo "walk pools: pgbench used $WALKED of $POOL requests, the service $OFFSET of $SERVICE_POOL"
    echo "total time $((SECONDS - started)) s"
} | tee "$RESULTS"
say "results in ${RESULTS#"$REPO"/}; raw outputs in ${OUT#"$REPO"/}"
