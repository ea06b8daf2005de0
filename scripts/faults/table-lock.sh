#!/usr/bin/env bash
# A table lock held for 15 s: a psql session holds ACCESS EXCLUSIVE on requests while
# clients submit, an operator reads the queue, the public reads reference data and
# readiness is polled. Figures before, during and after the lock. Guarantees: no 500
# (503 with Retry-After when a submission cannot be served in time), every acknowledged
# submission stored with its receipt history row, and the service serves again after.
#
#   scripts/faults/table-lock.sh [lock-seconds] [clients]     (defaults: 15 8)
source "$(dirname "$0")/lib.sh"
LOCK_SECONDS="${1:-15}"
CLIENTS="${2:-8}"
BEFORE=8
AFTER=12
TOTAL=$((BEFORE + LOCK_SECONDS + AFTER))

faults_init tablelock
start_service 0
URL=$(service_url 0)
OPERATOR="Authorization: Bearer $(token operator AST-RB fault-operator 3600)"

say "load for $TOTAL s: $CLIENTS clients submitting, an operator reading the queue, reference data and readiness polled"
background $LOAD submit --urls "$URL" --clients "$CLIENTS" --seconds "$TOTAL" --out "$WORK/answers.tsv" --phase submit
background $LOAD poll --url "$URL/api/v1/requests?size=20" --header "$OPERATOR" --every 0.25 --seconds "$TOTAL" \
    --out "$WORK/answers.tsv" --phase queue
background $LOAD poll --url "$URL/api/v1/regions" --every 0.5 --seconds "$TOTAL" --out "$WORK/answers.tsv" --phase regions
background $LOAD poll --url "${HEALTH_URLS[0]}" --every 0.25 --seconds "$TOTAL" --out "$WORK/answers.tsv" --phase readiness
started=$(date +%s.%N)
sleep "$BEFORE"
lock_from=$(date +%s.%N)
say "locking requests IN ACCESS EXCLUSIVE MODE for $LOCK_SECONDS s"
psql -X -q -v ON_ERROR_STOP=1 -d "$DB" > /dev/null <<SQL
BEGIN;
LOCK TABLE requests IN ACCESS EXCLUSIVE MODE;
SELECT pg_sleep($LOCK_SECONDS);
COMMIT;
SQL
lock_to=$(date +%s.%N)
say "lock released after $(printf '%.1f' "$(echo "$lock_to - $lock_from" | bc)") s"
wait_background

say "answers before, during and after the lock (a row counts where it was sent)"
report --windows "before=$started,lock=$lock_from,after=$lock_to" "$WORK/answers.tsv"
check_stored
check_answers
service_summary
ready=$(curl -s -o /dev/null -m 10 -w '%{http_code}' "${HEALTH_URLS[0]}")
echo "  readiness after the run: $ready"
[[ "$ready" == 200 ]] || broken "readiness is $ready after the lock was released"
after_ok=$(awk -F'\t' -v t="$lock_to" '$1 == "submit" && $10 >= t + 2 && $4 == 201' "$WORK/answers.tsv" | wc -l)
after_all=$(awk -F'\t' -v t="$lock_to" '$1 == "submit" && $10 >= t + 2' "$WORK/answers.tsv" | wc -l)
echo "  submissions sent 2 s or more after the release: $after_ok of $after_all acknowledged"
((after_ok == after_all && after_all > 0)) || broken "submissions fail after the lock was released ($after_ok of $after_all acknowledged)"
finish
