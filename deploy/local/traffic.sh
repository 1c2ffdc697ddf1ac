#!/usr/bin/env bash
# Replays or injects synthetic production traffic into the local stack's monitoring API (docs/monitoring.md):
# a baseline sample, prediction records per closed UTC day, and their delayed outcomes, as the ci-pipeline service
# account. The records are deterministic (same model, version, day and seed: same ids), so a re-run adds nothing.
#   deploy/local/traffic.sh baseline    --model fraud-detector --version 1
#   deploy/local/traffic.sh predictions --model fraud-detector --version 1 --days 4 --per-day 1500 --outcomes
#   deploy/local/traffic.sh predictions --model fraud-detector --version 2 --days 3 --drift 1 --degrade 0.5 --outcomes
#   deploy/local/traffic.sh predictions --help
# Needs the service on $GOVERNANCE_URL (default http://localhost:8080), Keycloak on $KEYCLOAK_URL (default
# http://localhost:8180), python3 and curl.
set -euo pipefail

KEYCLOAK_URL="${KEYCLOAK_URL:-http://localhost:8180}"
TOKEN_URL="${KEYCLOAK_URL}/realms/modelops/protocol/openid-connect/token"
CLIENT_ID="${DEMO_CLIENT_ID:-ci-pipeline}"
CLIENT_SECRET="${DEMO_CLIENT_SECRET:-ci-pipeline-secret}"
export GOVERNANCE_URL="${GOVERNANCE_URL:-http://localhost:8080}"

command -v python3 >/dev/null || { echo "traffic.sh needs python3" >&2; exit 1; }
case "${1:-}" in -h | --help | "") exec python3 "$(dirname "$0")/traffic.py" --token unused --help ;; esac

token_file="$(mktemp)"
refresher=""
cleanup() {
  [[ -z "${refresher}" ]] || kill "${refresher}" 2>/dev/null || true
  rm -f "${token_file}"
}
trap cleanup EXIT

fetch_token() {
  local body
  body="$(curl -sS --fail-with-body -u "${CLIENT_ID}:${CLIENT_SECRET}" -d grant_type=client_credentials \
    "${TOKEN_URL}")" || { echo "traffic.sh: no token from ${TOKEN_URL}: ${body}" >&2; return 1; }
  python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])' <<<"${body}" >"${token_file}.new"
  mv "${token_file}.new" "${token_file}"
}
fetch_token
# Tokens live 5 minutes; a long replay re-reads the file before every request.
(while sleep 200; do fetch_token || true; done) &
refresher=$!

TRAFFIC_TOKEN_FILE="${token_file}" python3 "$(dirname "$0")/traffic.py" "$@"
