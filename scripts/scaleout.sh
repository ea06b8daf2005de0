#!/usr/bin/env bash
# N packaged instances of the service (1, 2 or 3) on one throwaway database of the local
# PostgreSQL, behind haproxy with docker/haproxy/haproxy.cfg:
#
#   scripts/scaleout.sh [N]            (default 3)
#
# Builds the service when src/ changed, creates the database cr_scaleout_scaleout, starts the
# instances (the first migrates the schema alone, then the others), starts haproxy, sends one
# submission and one read through it as a smoke check, and keeps everything running until
# Ctrl-C, which stops the instances and haproxy and drops the database.
#   API through haproxy:   http://127.0.0.1:8100/api/v1/...
#   haproxy's stats page:  http://127.0.0.1:9100/
#   instance i directly:   http://127.0.0.1:810i, health http://127.0.0.1:910i/q/health/ready
# Logs in target/scaleout/scaleout/. SCALEOUT_HOLD=0 exits after the smoke check. Other
# settings (ports, pool size, JVM options, rate limits): scripts/scaleout/lib.sh.
source "$(dirname "$0")/scaleout/lib.sh"
N="${1:-3}"
[[ "$N" =~ ^[123]$ ]] || fail "N is 1, 2 or 3"
scaleout_init scaleout

for ((i = 1; i <= N; i++)); do
    start_instance "$i"
done
start_haproxy "$N"

# smoke check: a submission through the balancer, then its staff view through it
receipt=$(curl -sS -f -H 'Content-Type: application/json' "$BALANCER/api/v1/requests" -d '{"type":"application",
  "category":"housing_utilities","region":"KZ-71","subject":"Scale-out smoke check","description":"Submitted through haproxy.",
  "language":"ru","citizen":{"fullName":"Smoke Check","phone":"+7 701 000 0000"}}')
number=$(sed -nE 's/.*"trackingNumber":"([^"]+)".*/\1/p' <<< "$receipt")
branch=$(sed -nE 's/.*"branch":\{"code":"([^"]+)".*/\1/p' <<< "$receipt")
curl -sS -f -o /dev/null -H "Authorization: Bearer $(scripts/mint-token.sh operator "$branch")" "$BALANCER/api/v1/requests/$number"
say "smoke check: submitted $number (branch $branch) and read it back through haproxy"
haproxy_cmd "show stat" | awk -F, '$1 == "instances" && $2 ~ /^s[0-9]$/ { printf "   %s %-6s sessions so far %s\n", $2, $18, $8 }'

if [[ "${SCALEOUT_HOLD:-1}" == 1 ]]; then
    say "running; Ctrl-C stops the instances and haproxy and drops $DB"
    wait "$HAPROXY_PID"
fi
