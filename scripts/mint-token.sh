#!/usr/bin/env bash
# Mints a bearer token signed with the local dev key, for dev mode and manual tests.
# The dev key is trusted only by the dev and test profiles; production verifies tokens
# of the identity provider (CITIZEN_REQUESTS_OIDC_URL, docs/KEYCLOAK.md).
#
#   scripts/mint-token.sh ROLE [BRANCH_OR_REGION] [SUBJECT] [TTL_SECONDS]
#
#   scripts/mint-token.sh operator AST-RB          # operator of the Astana city branch
#   scripts/mint-token.sh branch_head ALA-D02      # head of an Almaty district branch
#   scripts/mint-token.sh leadership               # national leadership
#   scripts/mint-token.sh leadership KZ-75         # leadership of Almaty
#   scripts/mint-token.sh citizen "" citizen-42    # a citizen account
#   scripts/mint-token.sh admin
#
# Then: curl -H "Authorization: Bearer $(scripts/mint-token.sh operator AST-RB)" ...
set -euo pipefail
cd "$(dirname "$0")/.."

role=${1:?usage: scripts/mint-token.sh ROLE [BRANCH_OR_REGION] [SUBJECT] [TTL_SECONDS]}
scope=${2:-}
subject=${3:-$role-${scope:-local}}
ttl=${4:-3600}
key=src/test/resources/keys/dev-private.pem

case "$role" in
  citizen|operator|branch_head|leadership|admin) ;;
  *) echo "unknown role: $role (citizen, operator, branch_head, leadership, admin)" >&2; exit 2 ;;
esac
if [[ "$role" == operator || "$role" == branch_head ]] && [[ -z "$scope" ]]; then
  echo "$role needs a branch code, e.g. AST-RB" >&2; exit 2
fi

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
now=$(date +%s)
extra=""
if [[ -n "$scope" ]]; then
  case "$role" in
    operator|branch_head) extra=",\"branch\":\"$scope\"" ;;
    leadership) extra=",\"region\":\"$scope\"" ;;
  esac
fi
header=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
payload=$(printf '{"iss":"https://citizen-requests.local/dev","aud":"citizen-requests","sub":"%s","groups":["%s"],"iat":%d,"exp":%d%s}' \
  "$subject" "$role" "$now" "$((now + ttl))" "$extra" | b64url)
signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$key" -binary | b64url)
printf '%s.%s.%s\n' "$header" "$payload" "$signature"
