#!/usr/bin/env bash
# A rolling restart of three instances behind haproxy under continuous load, counting every
# answer a client would see as an error:
#
#   scripts/rolling-restart.sh
#
# 1. three packaged instances on a throwaway database (scripts/scaleout/lib.sh), haproxy in
#    front (docker/haproxy/haproxy.cfg); ROLLING_SEED seconds (15) of submissions through it to
#    have requests to read and act on;
# 2. the mixed workload (bench/scaleout/mixed.lua: 80 % reads, 15 % acts with If-Match, 5 %
#    submissions) with ROLLING_CONNECTIONS (6) clients through haproxy, without a pause;
# 3. after ROLLING_STEADY seconds (10), instance 1, 2, 3 in turn: SIGTERM (as an orchestrator
#    stops a container; readiness goes DOWN, haproxy takes it out, it finishes what it has and
#    exits), started again, and the next one only when haproxy sees this one UP again;
# 4. ROLLING_STEADY more seconds of load, then the count.
# Errors: every answer other than read 200, act 200 and submission 201 (the workload sends only
# valid requests, so no 4xx is by design here), and every connection error, timeout (30 s) or
# broken answer wrk saw; cross-checked with haproxy's log (status 5xx or a termination state
# other than "----"). Exits 1 when there was any. Logs in target/scaleout/rolling-restart/.
source "$(dirname "$0")/scaleout/lib.sh"
SCALEOUT_RATE_LIMIT="${SCALEOUT_RATE_LIMIT:-100000000}"
SEED="${ROLLING_SEED:-15}"
C="${ROLLING_CONNECTIONS:-6}"
STEADY="${ROLLING_STEADY:-10}"
command -v wrk > /dev/null || fail "wrk is not installed (apt-get install -y wrk)"
scaleout_init rolling-restart

for i in 1 2 3; do
    start_instance "$i"
done
start_haproxy 3
seed_requests "$SEED" 4

say "load: the mixed workload, $C connections through haproxy"
started=$SECONDS
log_from=$(wc -l < "$WORK/haproxy.log")
mixed_wrk "$WORK/load.out" 0 "$C"
sleep "$STEADY"
for i in 1 2 3; do
    t0=$SECONDS
    say "instance $i: SIGTERM"
    stop_instance "$i"
    stopped=$((SECONDS - t0))
    start_instance "$i"
    wait_server_up "$i"
    say "instance $i: stopped in ${stopped} s, back in haproxy after $((SECONDS - t0)) s in all"
done
sleep "$STEADY"
mixed_wrk_stop
elapsed=$((SECONDS - started))

others=$(unexpected "$WORK/load.out")
SOCKET_ERRORS=$(field "$WORK/load.out" socket_errors)
answers=$(field "$WORK/load.out" requests)
statuses=$(field "$WORK/load.out" statuses)
# haproxy's view: the log lines of the load (httplog: ... status bytes - - TERMINATION ...)
tail -n +"$((log_from + 1))" "$WORK/haproxy.log" | grep ' api instances/' > "$WORK/haproxy-load.log" || true
proxied=$(wc -l < "$WORK/haproxy-load.log")
# fields: client [date] frontend backend/server timers status bytes - - termination ...
proxy_errors=$(awk '$6 >= 500 || $10 != "----" { n++ } END { print n + 0 }' "$WORK/haproxy-load.log")
others_count=$(tr ',' '\n' <<< "$others" | awk -F: '{ n += $NF } END { print n + 0 }')
errors=$((others_count + SOCKET_ERRORS))

echo
echo "Rolling restart of 3 instances under load ($(date -u '+%F %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg))"
echo "  load: $answers answers in $elapsed s through haproxy, $C connections; $statuses"
echo "  haproxy: $proxied requests logged, $proxy_errors with status 5xx or an abnormal termination"
echo "  client-visible errors: $errors (other answers: ${others:-none}; connection errors, timeouts, broken answers: $SOCKET_ERRORS)"
((errors == 0 && proxy_errors == 0)) || exit 1
