#!/usr/bin/env bash
# kill -9 under load: concurrent clients submit while the service is killed with SIGKILL
# and restarted. A client that gets no answer (refused, reset) sends the same submission
# again with the same Idempotency-Key until it is answered, as a careful client does; what
# is still unanswered when the load ends is retried the same way afterwards. Guarantees: every acknowledged submission
# (a 201 with its tracking number) is stored with its receipt history row; retries create
# no duplicate; no answer is a 500.
#
#   scripts/faults/kill9-under-load.sh [seconds] [clients] [kills]     (defaults: 45 12 2)
source "$(dirname "$0")/lib.sh"
SECONDS_OF_LOAD="${1:-45}"
CLIENTS="${2:-12}"
KILLS="${3:-2}"

faults_init kill9
start_service 0
URL=$(service_url 0)

say "load: $CLIENTS clients submitting for $SECONDS_OF_LOAD s; $KILLS kill -9 with restart"
background $LOAD submit --urls "$URL" --clients "$CLIENTS" --seconds "$SECONDS_OF_LOAD" --out "$WORK/answers.tsv" --phase load
load_started=$SECONDS
for ((k = 1; k <= KILLS; k++)); do
    # Kills spread evenly over the load; a restart that is not done yet delays the next one.
    at=$((SECONDS_OF_LOAD * k / (KILLS + 1)))
    ((SECONDS - load_started < at)) && sleep $((at - (SECONDS - load_started)))
    before=$(sql -c "SELECT count(*) FROM requests")
    kill9_service 0
    killed_at=$(date +%s.%N)
    say "kill -9 number $k, $((SECONDS - load_started)) s into the load ($before requests stored so far); restarting"
    start_service 0
    say "answering again $(printf '%.1f' "$(echo "$(date +%s.%N) - $killed_at" | bc)") s after the kill"
done
wait_background

say "retrying, with the same key and body, what is still without an answer"
$LOAD retry --urls "$URL" --out "$WORK/answers.tsv" "$WORK/answers.tsv"

say "answers by phase (load, then retry)"
report "$WORK/answers.tsv"
echo "  submissions: $SUBMITTED (distinct keys); sent more than once for want of an answer: $IN_DOUBT_KEYS;"
echo "  answered by a replay of a receipt stored before the kill: $REPLAYED; never answered: $UNANSWERED_KEYS"
check_stored
check_answers
service_summary
((UNANSWERED_KEYS == 0)) || broken "$UNANSWERED_KEYS submissions never got an answer, even on retry"
duplicates=$(sql -c "SELECT count(*) - count(DISTINCT subject) FROM requests")
echo "  duplicates (two requests for one submission): $duplicates"
((duplicates == 0)) || broken "$duplicates submissions were stored twice"
finish
