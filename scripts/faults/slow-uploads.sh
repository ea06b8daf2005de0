#!/usr/bin/env bash
# Slow uploads: 500 connections send a submission to POST /api/v1/requests a few bytes a
# second while readiness and reference data are polled and one client submits normally.
# Guarantees: readiness answers within FAULTS_HEALTH_P99_MS (1000) at the 99th percentile
# and never fails, reference data and submissions are served, no 500, and the server cuts
# every slow connection before the attack ends (read timeout).
#
#   scripts/faults/slow-uploads.sh [connections] [seconds] [bytes-per-second]     (defaults: 500 60 2)
#
# Readiness is polled at FAULTS_HEALTH_URL, by default the management port (9000) when it
# serves health, else the HTTP port.
source "$(dirname "$0")/lib.sh"
CONNECTIONS="${1:-500}"
ATTACK_SECONDS="${2:-60}"
RATE="${3:-2}"
HEALTH_P99_MS="${FAULTS_HEALTH_P99_MS:-1000}"
QUIET=5
TOTAL=$((QUIET + ATTACK_SECONDS + QUIET))

faults_init slowuploads
start_service 0
URL=$(service_url 0)

say "polling readiness (${HEALTH_URLS[0]}) every 0.25 s and reference data every 0.5 s, one client submitting, for $TOTAL s"
background $LOAD poll --url "${HEALTH_URLS[0]}" --every 0.25 --timeout 10 --seconds "$TOTAL" --out "$WORK/answers.tsv" --phase readiness
background $LOAD poll --url "$URL/api/v1/regions" --every 0.5 --timeout 10 --seconds "$TOTAL" --out "$WORK/answers.tsv" --phase regions
background $LOAD submit --urls "$URL" --clients 1 --pause 0.5 --seconds "$TOTAL" --out "$WORK/answers.tsv" --phase submit
started=$(date +%s.%N)
sleep "$QUIET"
attack_from=$(date +%s.%N)
say "$CONNECTIONS slow connections to POST /api/v1/requests, $RATE bytes/s each, for at most $ATTACK_SECONDS s"
$LOAD slow --url "$URL/api/v1/requests" --connections "$CONNECTIONS" --bytes-per-second "$RATE" \
    --seconds "$ATTACK_SECONDS" --out "$WORK/slow.tsv"
attack_to=$(date +%s.%N)
say "slow clients gone after $(printf '%.1f' "$(echo "$attack_to - $attack_from" | bc)") s"
wait_background

say "answers before, during and after the attack (a row counts where it was sent)"
report --windows "before=$started,attack=$attack_from,after=$attack_to" "$WORK/answers.tsv"
$LOAD slow-report --facts "$WORK/slow-facts" "$WORK/slow.tsv"
source "$WORK/slow-facts"
check_stored
check_answers
service_summary

in_attack() { awk -F'\t' -v p="$1" -v a="$attack_from" -v b="$attack_to" '$1 == p && $10 >= a && $10 < b' "$WORK/answers.tsv"; }
health_p99=$(in_attack readiness | cut -f5 | sort -n | awk '{ v[NR] = $1 } END { i = int((99 * NR + 99) / 100); print (NR ? v[i] : 0) }')
health_failed=$(in_attack readiness | awk -F'\t' '$4 != 200' | wc -l)
regions_failed=$(in_attack regions | awk -F'\t' '$4 != 200' | wc -l)
submit_ok=$(in_attack submit | awk -F'\t' '$4 == 201' | wc -l)
echo "  during the attack: readiness p99 $health_p99 ms, $health_failed not 200; reference data $regions_failed not 200; $submit_ok submissions acknowledged"
awk -v v="$health_p99" -v max="$HEALTH_P99_MS" 'BEGIN { exit !(v <= max) }' || broken "readiness p99 $health_p99 ms during the attack (limit $HEALTH_P99_MS ms)"
((health_failed == 0)) || broken "$health_failed readiness polls failed during the attack"
((regions_failed == 0)) || broken "$regions_failed reference data reads failed during the attack"
((submit_ok > 0)) || broken "no submission was acknowledged during the attack"
((SLOW_STILL_OPEN == 0)) || broken "$SLOW_STILL_OPEN of $SLOW_TOTAL slow connections were still open after $ATTACK_SECONDS s"
finish
