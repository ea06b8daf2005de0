#!/usr/bin/env bash
# The mixed workload through haproxy against 1, 2 and 3 instances of the packaged service on one
# PostgreSQL, in one run, side by side:
#
#   bench/scaleout.sh
#
# 1. a throwaway database (cr_scaleout_bench) on the local PostgreSQL, three instances and
#    haproxy (docker/haproxy/haproxy.cfg), all through scripts/scaleout/lib.sh: JVM options of
#    the container image, SCALEOUT_POOL (5) connections per instance;
# 2. BENCH_SEED seconds (20) of unique submissions through haproxy: the requests the workload
#    reads and acts on; then BENCH_WARMUP seconds (30) of the mixed workload over all three,
#    so that every instance's JIT has compiled the hot paths before anything is measured (an
#    instance started just before its run is still compiling and drags the others down);
# 3. for 1, 2 and 3 instances (the others put into maintenance in haproxy: running, idle but
#    for their scheduled jobs): 5 s unmeasured, then BENCH_SECONDS (20) measured, with the
#    mixed workload of bench/scaleout/mixed.lua (80 % reads by tracking number as staff, 15 %
#    acts with If-Match, each client on its own request, 5 % unique submissions) at
#    BENCH_CONNECTIONS (16) connections; then the RSS and threads of every instance and of haproxy.
# Prints the table (also into target/scaleout/bench/results.txt): throughput, p50/p99, the
# ratios to the 1-instance run, answers other than the expected 200/201, per-instance RSS and
# threads. The submissions all come from haproxy's one address, so the daily caps are raised.
# The machine's cores are shared by PostgreSQL, the instances, haproxy and wrk: the load average
# is printed. Takes about 5 minutes.
source "$(dirname "$0")/../scripts/scaleout/lib.sh"
SCALEOUT_RATE_LIMIT="${SCALEOUT_RATE_LIMIT:-100000000}"
SEED="${BENCH_SEED:-20}"
WARMUP="${BENCH_WARMUP:-30}"
RUN_SECONDS="${BENCH_SECONDS:-20}"
C="${BENCH_CONNECTIONS:-16}"
command -v wrk > /dev/null || fail "wrk is not installed (apt-get install -y wrk)"
scaleout_init bench
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

for i in 1 2 3; do
    start_instance "$i"
done
start_haproxy 3
seed_requests "$SEED" 8
say "warm-up: ${WARMUP} s of the mixed workload over the three instances"
mixed_wrk "$WORK/warmup.out" "$WARMUP" "$C"

declare -A R
for n in 1 2 3; do
    for ((i = 1; i <= 3; i++)); do
        if ((i <= n)); then set_server "$i" ready; else set_server "$i" maint; fi
    done
    for ((i = 1; i <= n; i++)); do
        wait_server_up "$i"
    done
    say "$n instance(s) in haproxy: 5 s unmeasured, ${RUN_SECONDS} s measured, $C connections"
    mixed_wrk "$WORK/settle-$n.out" 5 "$C"
    psql -X -q -d "$DB" -c CHECKPOINT
    mixed_wrk "$WORK/run-$n.out" "$RUN_SECONDS" "$C"
    for f in rps p50_ms p99_ms; do
        R[$n.$f]=$(field "$WORK/run-$n.out" "$f")
    done
    R[$n.other]=$(unexpected "$WORK/run-$n.out")
    R[$n.socket]=$(field "$WORK/run-$n.out" socket_errors)
    R[$n.mix]=$(field "$WORK/run-$n.out" statuses)
    overhead=""
    for ((i = 1; i <= 3; i++)); do
        read -r rss threads <<< "$(instance_overhead "$i")"
        overhead+="${overhead:+, }${rss}/${threads}"
    done
    R[$n.overhead]=$overhead
    R[$n.haproxy]=$(awk '$1 == "VmRSS:" { printf "%.0f MB", $2 / 1024 }' "/proc/$HAPROXY_PID/status")
    say "$n: ${R[$n.rps]} req/s, p50 ${R[$n.p50_ms]} ms, p99 ${R[$n.p99_ms]} ms; ${R[$n.mix]}"
done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
{
    echo "Mixed workload through haproxy ($(date -u '+%F %H:%M UTC'); $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo);"
    echo "commit $(git rev-parse --short HEAD); load average before $LOAD_BEFORE, after $(cut -d' ' -f1-3 /proc/loadavg))"
    echo "$C connections, ${RUN_SECONDS} s measured per row after ${WARMUP} s warm-up of all three; pool $SCALEOUT_POOL per instance; JVM: ${SCALEOUT_JAVA_OPTS:-defaults}"
    echo "The three instances run in every row; those not in haproxy only tick their scheduled jobs. RSS/threads of instances 1, 2, 3 after the row."
    echo
    echo "| instances | req/s | x 1 instance | p50 ms | x | p99 ms | x | other answers | socket errors | RSS MB/threads, instances 1, 2, 3 |"
    echo "|---|---|---|---|---|---|---|---|---|---|"
    for n in 1 2 3; do
        echo "| $n | ${R[$n.rps]} | $(ratio "${R[$n.rps]}" "${R[1.rps]}") | ${R[$n.p50_ms]} | $(ratio "${R[$n.p50_ms]}" "${R[1.p50_ms]}") | ${R[$n.p99_ms]} | $(ratio "${R[$n.p99_ms]}" "${R[1.p99_ms]}") | ${R[$n.other]:-none} | ${R[$n.socket]} | ${R[$n.overhead]} |"
    done
    echo
    echo "haproxy RSS after the 3-instance run: ${R[3.haproxy]}. Answers by kind, 3 instances: ${R[3.mix]}"
} | tee "$WORK/results.txt"
