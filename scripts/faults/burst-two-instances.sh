#!/usr/bin/env bash
# A burst over two instances on one database: 300 clients released at once, each sending
# one submission, alternately to either instance (each with its own pool of FAULTS_POOL
# connections). Guarantees: every client gets 201, or 503 with Retry-After; never a 500,
# another status or no answer; every 201 stored with its receipt history row.
#
#   scripts/faults/burst-two-instances.sh [clients]     (default: 300)
#
# Both instances get a few seconds of ordinary submissions first (FAULTS_WARMUP seconds,
# default 3; 0 for a burst on cold instances).
source "$(dirname "$0")/lib.sh"
CLIENTS="${1:-300}"
WARMUP="${FAULTS_WARMUP:-3}"

faults_init burst
start_service 0
start_service 1
URLS="$(service_url 0),$(service_url 1)"

if ((WARMUP > 0)); then
    say "warm-up: 2 clients per instance submitting for $WARMUP s"
    $LOAD submit --urls "$URLS" --clients 4 --seconds "$WARMUP" --out "$WORK/answers.tsv" --phase warmup
fi
say "burst: $CLIENTS submissions released at once over $URLS"
burst_from=$SECONDS
$LOAD burst --urls "$URLS" --count "$CLIENTS" --out "$WORK/answers.tsv" --phase burst
say "burst answered in $((SECONDS - burst_from)) s"

say "answers by phase (the burst by instance port)"
report "$WORK/answers.tsv"
check_stored
check_answers
service_summary
unexpected=$(awk -F'\t' '$1 ~ /^burst/ && $4 != 201 && $4 != 503' "$WORK/answers.tsv" | wc -l)
echo "  burst answers other than 201 and 503: $unexpected"
((unexpected == 0)) || broken "$unexpected clients of the burst got neither 201 nor 503 (a 500, another status or no answer)"
shed_max=$(awk -F'\t' '$1 ~ /^burst/ && $4 == 503 { if ($5 > m) m = $5 } END { print m + 0 }' "$WORK/answers.tsv")
echo "  slowest 503 of the burst: $shed_max ms (a burst should be shed early)"
finish
