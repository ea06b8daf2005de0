#!/usr/bin/env bash
# Database connections cut under load: while clients submit and an operator reads the
# queue, pg_terminate_backend cuts every connection of the service a few times.
# Guarantees: no 500 (a 503 with Retry-After is the answer while the database is away),
# every acknowledged submission stored with its receipt history row, and the service
# serves again once the database is back.
#
#   scripts/faults/connections-terminated.sh [seconds] [clients] [cuts]     (defaults: 30 12 4)
source "$(dirname "$0")/lib.sh"
SECONDS_OF_LOAD="${1:-30}"
CLIENTS="${2:-12}"
CUTS="${3:-4}"

faults_init connections
start_service 0
URL=$(service_url 0)
OPERATOR="Authorization: Bearer $(token operator AST-RB fault-operator 3600)"

say "load: $CLIENTS clients submitting, an operator reading the queue, readiness polled, for $SECONDS_OF_LOAD s; $CUTS cuts"
background $LOAD submit --urls "$URL" --clients "$CLIENTS" --seconds "$SECONDS_OF_LOAD" --out "$WORK/answers.tsv" --phase submit
background $LOAD poll --url "$URL/api/v1/requests?size=20" --header "$OPERATOR" --every 0.2 --seconds "$SECONDS_OF_LOAD" \
    --out "$WORK/answers.tsv" --phase queue
background $LOAD poll --url "${HEALTH_URLS[0]}" --every 0.25 --seconds "$SECONDS_OF_LOAD" --out "$WORK/answers.tsv" --phase readiness
load_started=$SECONDS
terminated=0
for ((k = 1; k <= CUTS; k++)); do
    at=$((SECONDS_OF_LOAD * k / (CUTS + 1)))
    ((SECONDS - load_started < at)) && sleep $((at - (SECONDS - load_started)))
    n=$(psql -X -At -d postgres -c "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                                    WHERE datname = '$DB' AND pid <> pg_backend_pid()")
    terminated=$((terminated + n))
    say "cut number $k, $((SECONDS - load_started)) s into the load: $n connections terminated"
done
wait_background

say "after the load: does the service serve again?"
ready=$(curl -s -o /dev/null -m 10 -w '%{http_code}' "${HEALTH_URLS[0]}")
$LOAD submit --urls "$URL" --clients 1 --seconds 2 --out "$WORK/answers.tsv" --phase after
echo "  readiness: $ready"

say "answers by phase ($terminated connections terminated in $CUTS cuts)"
report "$WORK/answers.tsv"
check_stored
check_answers
service_summary
[[ "$ready" == 200 ]] || broken "readiness is $ready after the database came back"
after_ok=$(awk -F'\t' '$1 == "after" && $4 == 201' "$WORK/answers.tsv" | wc -l)
after_all=$(awk -F'\t' '$1 == "after"' "$WORK/answers.tsv" | wc -l)
echo "  submissions after the cuts: $after_ok of $after_all acknowledged"
((after_ok == after_all && after_all > 0)) || broken "submissions fail after the database came back ($after_ok of $after_all acknowledged)"
finish
