#!/usr/bin/env bash
# Memory of the packaged service, idle and under a modest load, for each set of JVM options
# given (one argument each; "" for the JVM's defaults):
#
#   scripts/faults/memory.sh "" "small heap: -Xmx128m -XX:MaxMetaspaceSize=128m" ...
#
# (an argument "label: options" names its row in the summary table).
#
# For each: start, call each feature once, settle 10 s, measure; then 30 s of load (FAULTS_MEMORY_CLIENTS, default 8,
# clients submitting, plus wrk with 8 connections on GET /api/v1/regions), sampling RSS each
# second; measure again. "Live heap" is the heap in use right after a full collection
# (jcmd GC.run). With FAULTS_NMT=1 the JVM also tracks its native memory and the script
# prints where the committed memory is (jcmd VM.native_memory summary) after the load.
# Fails when the service logs an OutOfMemoryError or exits.
source "$(dirname "$0")/lib.sh"
LOAD_SECONDS="${FAULTS_MEMORY_SECONDS:-30}"
CLIENTS="${FAULTS_MEMORY_CLIENTS:-8}"
(($# > 0)) || set -- ""

faults_init memory
URL=$(service_url 0)

mb() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }
status_kb() { awk -v f="$2:" '$1 == f { print $2 }' "/proc/$1/status"; }
# gc_time PID: collections and milliseconds spent in them so far ("count ms"), from jstat -gc.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }  # user + system time of the process, in clock ticks
gc_time() {
    jstat -gc "$1" | awk 'NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i }
        NR == 2 { printf "%d %.0f\n", $h["YGC"] + $h["FGC"], $h["GCT"] * 1000 }'
}
# jstat_mb PID: heap used and committed, metaspace used and committed (MB), from jstat -gc.
jstat_mb() {
    jstat -gc "$1" | awk 'NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i }
        NR == 2 { printf "%.0f %.0f %.0f %.0f\n", ($h["S0U"] + $h["S1U"] + $h["EU"] + $h["OU"]) / 1024,
                                                  ($h["S0C"] + $h["S1C"] + $h["EC"] + $h["OC"]) / 1024,
                                                  $h["MU"] / 1024, $h["MC"] / 1024 }'
}
# snapshot PID LABEL: RSS, heap in use and committed, then the live heap after a full GC.
snapshot() {
    local pid="$1" used committed mu mc live
    read -r used committed mu mc < <(jstat_mb "$pid")
    jcmd "$pid" GC.run > /dev/null
    read -r live _ _ _ < <(jstat_mb "$pid")
    printf '%s rss=%s hwm=%s heap_used=%s heap_committed=%s live_heap=%s metaspace=%s/%s threads=%s\n' "$2" \
        "$(mb "$(status_kb "$pid" VmRSS)")" "$(mb "$(status_kb "$pid" VmHWM)")" "$used" "$committed" "$live" \
        "$mu" "$mc" "$(status_kb "$pid" Threads)"
}

# visit: one call of each feature (reference data, queue, a request and its history, reports
# in JSON and CSV, the dashboard, Open311 in JSON and XML, administration), so that what is
# measured includes the classes and compiled code of the whole service, not of submissions only.
visit() {
    local operator leader admin tracking url
    operator="Authorization: Bearer $(token operator AST-RB memory-operator 3600)"
    leader="Authorization: Bearer $(token leadership "" memory-leader 3600)"
    admin="Authorization: Bearer $(token admin "" memory-admin 3600)"
    $LOAD submit --urls "$URL" --clients 1 --seconds 1 --out "$WORK/visit.tsv" --phase visit
    tracking=$(awk -F'\t' '$4 == 201 { print $6; exit }' "$WORK/visit.tsv")
    for url in /api/v1/regions /api/v1/districts /api/v1/branches /api/v1/categories \
               /open311/v2/discovery.json /open311/v2/services.json /open311/v2/services.xml \
               /open311/v2/requests.json /open311/v2/requests.xml /dashboard; do
        curl -s -o /dev/null "$URL$url"
    done
    for url in "/api/v1/requests?size=20" "/api/v1/requests/$tracking" "/api/v1/requests/$tracking/history"; do
        curl -s -o /dev/null -H "$operator" "$URL$url"
    done
    for url in /api/v1/reports/summary /api/v1/reports/timeseries?interval=month "/api/v1/reports/breakdown?by=region"; do
        curl -s -o /dev/null -H "$leader" "$URL$url"
        curl -s -o /dev/null -H "$leader" -H "Accept: text/csv" "$URL$url"
    done
    for url in /api/v1/admin/branches /api/v1/admin/categories /api/v1/admin/routing-rules /api/v1/admin/access-log \
               "/api/v1/admin/calendar/$(date +%Y)" /api/v1/admin/open311-keys; do
        curl -s -o /dev/null -H "$admin" "$URL$url"
    done
}

ROWS=()
for argument in "$@"; do
    # "label: options" names a set of options in the table; plain options name themselves.
    if [[ "$argument" == *": "* ]]; then label="${argument%%: *}"; options="${argument#*: }"; else label="${argument:-defaults}"; options="$argument"; fi
    say "$label: ${options:-(JVM defaults)}"
    nmt=""
    [[ "${FAULTS_NMT:-0}" == 1 ]] && nmt="-XX:NativeMemoryTracking=summary"
    FAULTS_JAVA_OPTS="$options $nmt" start_service 0
    pid=${SERVICE_PIDS[0]}
    max_heap=$(jcmd "$pid" VM.flags | tr ' ' '\n' | awk -F= '$1 == "-XX:MaxHeapSize" { printf "%.0f", $2 / 1048576 }')
    gc=$(jcmd "$pid" VM.flags | tr ' ' '\n' | grep -oE 'Use(G1|Parallel|Serial|Z|Shenandoah)GC' | head -1 | sed -E 's/^Use//; s/GC$//')
    visit
    sleep 10
    idle=$(snapshot "$pid" idle)
    echo "  $idle"

    read -r gc_count_before gc_ms_before < <(gc_time "$pid")
    cpu_before=$(cpu_ticks "$pid")
    rm -f "$WORK/answers.tsv"
    background $LOAD submit --urls "$URL" --clients "$CLIENTS" --seconds "$LOAD_SECONDS" --out "$WORK/answers.tsv" --phase submit
    background sh -c "exec wrk -t1 -c8 -d${LOAD_SECONDS}s --latency '$URL/api/v1/regions' > '$WORK/wrk.txt' 2>&1"
    peak=0
    for ((s = 0; s < LOAD_SECONDS; s++)); do
        sleep 1
        kill -0 "$pid" 2>/dev/null || { broken "the service exited under load with options '$options'"; break; }
        rss=$(status_kb "$pid" VmRSS)
        ((rss > peak)) && peak=$rss
    done
    wait_background
    read -r gc_count gc_ms < <(gc_time "$pid")
    cpu=$(($(cpu_ticks "$pid") - cpu_before))
    gc_count=$((gc_count - gc_count_before))
    gc_ms=$((gc_ms - gc_ms_before))
    loaded=$(snapshot "$pid" loaded)
    echo "  $loaded"
    echo "  code cache used: $(jcmd "$pid" Compiler.codecache | grep -oE ' used=[0-9]+' | awk -F= '{ s += $2 } END { printf "%.0f MB", s / 1024 }')"
    if [[ "${FAULTS_NMT:-0}" == 1 ]]; then
        jcmd "$pid" VM.native_memory summary scale=MB | grep -E '^(Total|-\s+[A-Z][A-Za-z ]+ \()' \
            | sed -E 's/^-\s+//; s/\(reserved=[0-9]+MB, /(/' | sed 's/^/    /'
    fi
    ok=$(awk -F'\t' '$4 == 201' "$WORK/answers.tsv" | wc -l)
    failed=$(awk -F'\t' '$4 != 201' "$WORK/answers.tsv" | wc -l)
    p95=$(awk -F'\t' '$4 == 201 { print $5 }' "$WORK/answers.tsv" | sort -n | awk '{ v[NR] = $1 } END { print NR ? v[int((95 * NR + 99) / 100)] : "-" }')
    wrk_rps=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$WORK/wrk.txt")
    wrk_errors=$(awk '/Non-2xx|Socket errors/' "$WORK/wrk.txt" | tr -s ' ' | paste -sd';')
    oom=$(grep -c 'OutOfMemoryError' "$WORK/service-0.log" || true)
    wrk_total=$(awk '/requests in/ { print $1 }' "$WORK/wrk.txt")
    # CPU per call is steadier than calls per second when other work shares the cores.
    cpu_ms=$(awk -v t="$cpu" -v hz="$(getconf CLK_TCK)" -v n="$((ok + ${wrk_total:-0}))" 'BEGIN { printf "%.2f", n ? t * 1000 / hz / n : 0 }')
    gc_share=$(awk -v ms="$gc_ms" -v s="$LOAD_SECONDS" 'BEGIN { printf "%.1f", ms / (s * 10) }')
    echo "  load: $ok submissions acknowledged ($((ok / LOAD_SECONDS))/s, p95 $p95 ms), $failed not; regions $wrk_rps req/s ${wrk_errors:+($wrk_errors)}"
    echo "        service CPU $cpu_ms ms per call (submission or read); peak RSS $(mb "$peak") MB; $gc_count collections, $gc_ms ms ($gc_share% of the load's time); OutOfMemoryError lines: $oom"
    ((failed == 0)) || broken "$failed submissions were not acknowledged with options '$options'"
    ((oom == 0)) || broken "OutOfMemoryError with options '$options'"
    field() { sed -E "s/.*$1=([^ ]+).*/\1/" <<< "$2"; }
    ROWS+=("$(printf '%-24s | %-8s | %5s | %4s | %4s | %4s | %6s | %5s | %5s | %3s | %4s | %5s | %5s | %5s' "$label" "$gc" \
        "$max_heap" "$(field rss "$idle")" "$(field live_heap "$idle")" "$(mb "$peak")" "$(field heap_committed "$loaded")" \
        "$(field live_heap "$loaded")" "$(field metaspace "$loaded")" "$(field threads "$loaded")" "$((ok / LOAD_SECONDS))" \
        "$wrk_rps" "$cpu_ms" "$gc_share")")
    stop_service 0
    mv "$WORK/service-0.log" "$WORK/service-0-$(echo "$label" | tr -c 'A-Za-z0-9' '_' | cut -c1-60).log"
done

echo
printf '%-24s | %-8s | %5s | %4s | %4s | %4s | %6s | %5s | %5s | %3s | %4s | %5s | %5s | %5s\n' "options" "gc" "max" "RSS" "live" \
    "RSS" "heap" "live" "meta" "thr" "sub" "reads" "CPU" "GC"
printf '%-24s | %-8s | %5s | %4s | %4s | %4s | %6s | %5s | %5s | %3s | %4s | %5s | %5s | %5s\n' "" "" "heap" "idle" "idle" "peak" "commit" "after" "MB" "" "/s" "/s" "ms" "%"
printf '%s\n' "${ROWS[@]}"
finish
