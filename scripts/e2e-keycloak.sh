#!/usr/bin/env bash
# End to end against a real Keycloak (issue 11), outside the test suite (`./mvnw verify` never
# runs it): Keycloak with the realm of docker/keycloak/realm.json, the packaged service in the
# prod profile against it and a throwaway PostgreSQL database, a request submitted through the
# REST API, then Debian's chromium (Java Playwright, kz.citizenrequests.e2e.KeycloakWorkbenchWalk)
# signs in on /workbench through Keycloak's real login page as the operator of the branch that
# holds the request, registers it, starts work, resolves it with an answer template, signs out
# and checks that Keycloak's session ended; finally the REST API, with a bearer token from
# Keycloak's password grant, must read the request as resolved. See docs/KEYCLOAK.md.
#
#   scripts/e2e-keycloak.sh
#
# Prints one PASS or FAIL line per check and exits non-zero on any failure (2: could not set up).
# On exit it stops the service, stops Keycloak if it started it, and drops the database.
# Screenshots and logs: target/e2e-keycloak/. About 2 to 3 minutes on two cores when Keycloak
# has to start for the first time, about a minute with Keycloak already running.
#
# Environment:
#   E2E_PORT              the service's HTTP port (8095: the realm's redirect URIs allow
#                         http://localhost:8095/*, besides 8080 for a developer's dev mode)
#   E2E_MANAGEMENT_PORT   its management port, where readiness is asked (9095)
#   E2E_BUILD=0           reuse target/quarkus-app and target/test-classes as they are
#   E2E_KEEP_DB=1         keep the database after the run, to look at it
#   KEYCLOAK_PORT         Keycloak's port (8180), as for scripts/keycloak.sh
#   PGHOST, PGPORT, PGUSER  the PostgreSQL server (127.0.0.1, 5432, postgres; trust auth)
#
# Local only: the realm's sample passwords, the workbench client's secret and the master realm's
# admin/admin (to look at the user's Keycloak sessions) are those of docs/KEYCLOAK.md.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${E2E_PORT:-8095}
MANAGEMENT_PORT=${E2E_MANAGEMENT_PORT:-9095}
KC_PORT=${KEYCLOAK_PORT:-8180}
KC=http://localhost:$KC_PORT
REALM_URL=$KC/realms/citizen-requests
BASE=http://localhost:$PORT
CLIENT=citizen-requests-workbench
CLIENT_SECRET=workbench-local-secret
STAFF_PASSWORD=local-only-password
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
DB=cr_e2e_keycloak_$$
OUT=target/e2e-keycloak
JAR=target/quarkus-app/quarkus-run.jar
CLASSPATH_FILE=target/e2e-classpath.txt

STARTED=$SECONDS
SERVICE_PID=""
KEYCLOAK_STARTED=false
DB_CREATED=false
CHECKS=0
FAILURES=0

say() { printf '== %s %s\n' "$(date -u +%T)" "$*"; }
pass() { CHECKS=$((CHECKS + 1)); echo "PASS $1"; }
fail() { CHECKS=$((CHECKS + 1)); FAILURES=$((FAILURES + 1)); echo "FAIL $1"; [[ -z ${2:-} ]] || echo "     $2"; }
check() { # description condition-exit-status [detail]
    if [[ $2 == 0 ]]; then pass "$1"; else fail "$1" "${3:-}"; fi
}
die() { echo "e2e-keycloak: $*" >&2; exit 2; }
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

cleanup() {
    local status=$?
    set +e
    if [[ -n $SERVICE_PID ]] && kill -0 "$SERVICE_PID" 2>/dev/null; then
        say "stopping the service (pid $SERVICE_PID)"
        kill "$SERVICE_PID"
        for _ in $(seq 1 200); do kill -0 "$SERVICE_PID" 2>/dev/null || break; sleep 0.1; done
        kill -0 "$SERVICE_PID" 2>/dev/null && kill -9 "$SERVICE_PID"
    fi
    if $KEYCLOAK_STARTED; then
        say "stopping Keycloak (this script started it)"
        scripts/keycloak.sh stop >/dev/null
    fi
    if $DB_CREATED; then
        if [[ ${E2E_KEEP_DB:-0} == 1 ]]; then
            say "database $DB kept (E2E_KEEP_DB=1)"
        else
            say "dropping database $DB"
            psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
        fi
    fi
    say "finished in $((SECONDS - STARTED)) s"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir -p "$OUT"
rm -f "$OUT"/*.png

for p in "$PORT" "$MANAGEMENT_PORT"; do
    port_in_use "$p" && die "port $p is in use by another process; set E2E_PORT / E2E_MANAGEMENT_PORT (the realm's redirect URIs allow 8080 and 8095)"
done

# 1. Keycloak, unless it is up already.
if curl -fsS -o /dev/null "$REALM_URL/.well-known/openid-configuration" 2>/dev/null; then
    say "Keycloak already answers at $REALM_URL; using it (and leaving it running)"
else
    say "starting Keycloak (scripts/keycloak.sh start --background)"
    KEYCLOAK_STARTED=true
    scripts/keycloak.sh start --background | sed 's/^/   /'
fi
# The realm must let the workbench on this port sign in and out (a Keycloak that imported an
# older realm.json does not): an authorization request with this redirect URI gets the login
# page (200), not "Invalid parameter: redirect_uri" (400).
challenge=$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')
code=$(curl -s -o /dev/null -w '%{http_code}' -G "$REALM_URL/protocol/openid-connect/auth" \
    --data-urlencode "client_id=$CLIENT" --data-urlencode "response_type=code" --data-urlencode "scope=openid" \
    --data-urlencode "redirect_uri=$BASE/workbench" --data-urlencode "code_challenge=$challenge" \
    --data-urlencode "code_challenge_method=S256")
[[ $code == 200 ]] || die "Keycloak refuses redirect_uri $BASE/workbench (HTTP $code): its realm predates realm.json's port $PORT.
Re-import it: scripts/keycloak.sh stop; rm -rf target/keycloak/keycloak-*/data/h2; then run this again."

# 2. The packaged service and the browser driver, then the service on a fresh database.
if [[ ${E2E_BUILD:-1} != 0 ]]; then
    say "packaging the service and the browser driver (./mvnw -q -DskipTests package dependency:build-classpath)"
    # package compiles the test classes too (test-compile comes before package; -DskipTests
    # only skips running them), so KeycloakWorkbenchWalk is in target/test-classes.
    ./mvnw -q -DskipTests package dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$CLASSPATH_FILE"
fi
[[ -f $JAR && -f $CLASSPATH_FILE && -f target/test-classes/kz/citizenrequests/e2e/KeycloakWorkbenchWalk.class ]] \
    || die "no $JAR, $CLASSPATH_FILE or compiled KeycloakWorkbenchWalk: run without E2E_BUILD=0"

PGOPTIONS="-c client_min_messages=warning" psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE $DB"
DB_CREATED=true
say "database $DB created; starting the service on $BASE (prod profile, OIDC $REALM_URL)"
QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" \
    QUARKUS_DATASOURCE_USERNAME="$PGUSER" \
    QUARKUS_DATASOURCE_JDBC_MAX_SIZE=5 \
    QUARKUS_HTTP_PORT="$PORT" \
    QUARKUS_MANAGEMENT_PORT="$MANAGEMENT_PORT" \
    CITIZEN_REQUESTS_OIDC_URL="$REALM_URL" \
    CITIZEN_REQUESTS_OIDC_WORKBENCH_SECRET="$CLIENT_SECRET" \
    CITIZEN_REQUESTS_INTAKE_ACCESS_CODE_SECRET=e2e-keycloak-access-code-secret \
    CITIZEN_REQUESTS_PUBLIC_URL="$BASE" \
    CITIZEN_REQUESTS_NOTIFICATIONS_RELAY_EVERY=off \
    java -Xmx384m -jar "$JAR" > "$OUT/service.log" 2>&1 &
SERVICE_PID=$!
ready_from=$SECONDS
until [[ $(curl -s -o /dev/null -m 2 -w '%{http_code}' "http://127.0.0.1:$MANAGEMENT_PORT/q/health/ready") == 200 ]]; do
    if ! kill -0 "$SERVICE_PID" 2>/dev/null; then
        tail -n 30 "$OUT/service.log" >&2
        die "the service exited while starting (log $OUT/service.log)"
    fi
    (( SECONDS - ready_from < 120 )) || die "the service is not ready after 120 s (log $OUT/service.log)"
    sleep 0.5
done
say "service ready in $((SECONDS - ready_from)) s (pid $SERVICE_PID, log $OUT/service.log)"

# 3. A request through the REST API, to the Almaty district of Astana (KZ-71-01: branch AST-D01).
body=$(jq -n '{type: "application", category: "housing_utilities", region: "KZ-71", district: "KZ-71-01",
    subject: "No hot water in the building since Monday",
    description: "The whole entrance 3 of house 12 has had no hot water for five days.",
    address: "Kabanbay Batyr 12, Astana", location: {latitude: 51.128, longitude: 71.430}, language: "ru",
    citizen: {fullName: "Aigerim Sarsenova", iin: "900101300126", phone: "+7 701 234 5678", email: "aigerim@example.kz"}}')
receipt=$(curl -sS -w '\n%{http_code}' -H 'Content-Type: application/json' -d "$body" "$BASE/api/v1/requests")
code=${receipt##*$'\n'}
receipt=${receipt%$'\n'*}
NUMBER=$(jq -r '.trackingNumber // empty' <<<"$receipt" 2>/dev/null || true)
BRANCH=$(jq -r '.branch.code // empty' <<<"$receipt" 2>/dev/null || true)
[[ $code == 201 && -n $NUMBER ]] || { fail "submission through POST /api/v1/requests answers 201" "HTTP $code $receipt"; exit 1; }
pass "submission through POST /api/v1/requests: 201, $NUMBER with branch $BRANCH"
case "$BRANCH" in
    AST-D01) OPERATOR=op-ast-d01 ;;
    AST-RB) OPERATOR=op-ast-rb ;;
    *) fail "the request lands with a branch that has a sample operator (AST-D01 or AST-RB)" "branch $BRANCH"; exit 1 ;;
esac
say "the operator of $BRANCH in the realm is $OPERATOR"

# 4. The browser: sign in through Keycloak, register, start work, resolve, sign out.
say "chromium (Playwright): $BASE/workbench as $OPERATOR; screenshots in $OUT/"
set +e
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 java \
    -De2e.base="$BASE" -De2e.realm="$REALM_URL" -De2e.number="$NUMBER" -De2e.branch="$BRANCH" \
    -De2e.username="$OPERATOR" -De2e.password="$STAFF_PASSWORD" -De2e.client="$CLIENT" \
    -De2e.keycloak-admin=admin:admin -De2e.out="$OUT" \
    -cp "target/test-classes:target/classes:$(cat "$CLASSPATH_FILE")" kz.citizenrequests.e2e.KeycloakWorkbenchWalk
browser_failures=$?
set -e
# The class exits with its number of failures (counted in its own summary line).
(( browser_failures == 0 )) || FAILURES=$((FAILURES + browser_failures))

# 5. The REST API, with a bearer token of the same operator from Keycloak's password grant.
token_response=$(curl -sS "$REALM_URL/protocol/openid-connect/token" -d grant_type=password \
    -d client_id="$CLIENT" -d client_secret="$CLIENT_SECRET" -d username="$OPERATOR" -d password="$STAFF_PASSWORD" \
    -d scope=openid)
TOKEN=$(jq -r '.access_token // empty' <<<"$token_response")
REFRESH=$(jq -r '.refresh_token // empty' <<<"$token_response")
if [[ -z $TOKEN ]]; then
    fail "a bearer token for $OPERATOR from Keycloak's password grant" "$token_response"
else
    pass "a bearer token for $OPERATOR from Keycloak's password grant (aud $(cut -d. -f2 <<<"$TOKEN" | tr '_-' '/+' | base64 -d 2>/dev/null | jq -rc '.aud' 2>/dev/null))"
    read_response=$(curl -sS -w '\n%{http_code}' -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/requests/$NUMBER")
    code=${read_response##*$'\n'}
    read_response=${read_response%$'\n'*}
    status=$(jq -r '.status // empty' <<<"$read_response" 2>/dev/null || true)
    outcome=$(jq -r '.outcome // empty' <<<"$read_response" 2>/dev/null || true)
    check "GET /api/v1/requests/$NUMBER with the bearer token: 200, status RESOLVED (outcome $outcome)" \
        "$([[ $code == 200 && $status == RESOLVED ]]; echo $?)" "HTTP $code $read_response"
    signature=${TOKEN##*.}
    altered=${TOKEN%.*}.${signature:0:20}$([[ ${signature:20:1} == A ]] && echo B || echo A)${signature:21}
    code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $altered" "$BASE/api/v1/requests/$NUMBER")
    check "the same call with the token's signature altered: 401" "$([[ $code == 401 ]]; echo $?)" "HTTP $code"
    code=$(curl -s -o "$OUT/workbench-bearer.html" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$BASE/workbench")
    check "the workbench page with the bearer token (scripts' way): 200, the queue lists $NUMBER" \
        "$([[ $code == 200 ]] && grep -q "data-number=\"$NUMBER\"" "$OUT/workbench-bearer.html"; echo $?)" "HTTP $code"
    # End the session the password grant opened.
    curl -s -o /dev/null "$REALM_URL/protocol/openid-connect/logout" -d client_id="$CLIENT" \
        -d client_secret="$CLIENT_SECRET" -d refresh_token="$REFRESH" || true
fi

code=$(curl -s -o /dev/null -w '%{http_code}' "$BASE/workbench-assets/workbench.js")
check "the workbench's script needs no sign-in: 200" "$([[ $code == 200 ]]; echo $?)" "HTTP $code"
code=$(curl -s -o /dev/null -w '%{http_code}' "$BASE/workbench/dev-sign-in")
check "no dev sign-in page in the packaged service: 404" "$([[ $code == 404 ]]; echo $?)" "HTTP $code"

if grep -qE ' ERROR ' "$OUT/service.log"; then
    fail "no ERROR in the service's log" "$(grep -E ' ERROR ' "$OUT/service.log" | head -5)"
else
    pass "no ERROR in the service's log"
fi

echo
if (( FAILURES == 0 )); then
    echo "e2e-keycloak: ALL PASSED (script: $CHECKS checks; browser: see its summary line above)"
else
    echo "e2e-keycloak: $FAILURES FAILED (script: $CHECKS checks, $((FAILURES - browser_failures)) failed; browser: $browser_failures failed)"
    exit 1
fi
