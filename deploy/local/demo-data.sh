#!/usr/bin/env bash
# Loads the demo through the service's REST API: models and versions are submitted as the
# `ci-pipeline` service account (client credentials), decisions are taken as the demo domain experts
# (password grant on the dev-only public client `modelops-cli`). A model's registrant must be a member of its owner
# team: the ci-pipeline service account is in the realm's three groups (deploy/keycloak/modelops-realm.json), so it
# registers a model for each. The result shows the lifecycle:
#
#   fraud-detector   LOW, owner payments-security
#     v1  dana approves -> CHAMPION at once (direct rollout)
#     v2  better auc on the same evaluation data: champion-challenger runs -> PENDING_APPROVAL;
#         dana may decide, dave may not (he is in payments-security: separation of duties)
#   churn-predictor  MEDIUM, owner customer-insights
#     v1  dana approves -> ROLLING_OUT (the policy's 50 % canary step; with no champion to share
#         traffic with, the service serves it alone); CHAMPION after the 10-minute bake
#     v2  auc 0.66, below the policy's 0.70 -> REJECTED by validation, with the reason
#   card-approval    LOW, owner payments-security, governed by the demo policy card-approval-monitoring
#     v1  dana approves -> CHAMPION; a baseline and five healthy days of predictions with their outcomes
#     v2  dana approves -> CHAMPION (v1 superseded); four days of traffic whose inputs drift and whose outcomes no
#         longer follow the scores (AUC ~0.55): within a minute or two the drift and performance verdicts breach,
#         the performance breach rolls v2 back automatically to the healthy v1 and files a retraining request
#         (deploy/local/traffic.sh sends the traffic; see docs/monitoring.md)
#   credit-risk      HIGH, owner risk-analytics
#     v1  passes the high-risk policy -> PENDING_APPROVAL, waiting for two approvals; dana approves once, then
#         an evaluation report on a newer hold-out set re-opens the decision: back in the inbox, her approval
#         stale (bound to the old evidence), the report judged by validation
#
# Safe to run repeatedly: an existing model answers 409, each version is posted with a fixed
# Idempotency-Key (a re-run gets the same version back), and a version is approved only while it is
# still PENDING_APPROVAL. Validation runs asynchronously: the script waits for each version to settle
# (up to DEMO_WAIT_SECONDS, default 60).
#
# Needs: the service on $GOVERNANCE_URL (default http://localhost:8080) and Keycloak on
# $KEYCLOAK_URL (default http://localhost:8180). Uses only bash, curl and sha256sum (python3, or grep
# and sed, to read JSON; jq is not required).
set -euo pipefail

GOVERNANCE_URL="${GOVERNANCE_URL:-http://localhost:8080}"
KEYCLOAK_URL="${KEYCLOAK_URL:-http://localhost:8180}"
TOKEN_URL="${KEYCLOAK_URL}/realms/modelops/protocol/openid-connect/token"
CLIENT_ID="${DEMO_CLIENT_ID:-ci-pipeline}"
CLIENT_SECRET="${DEMO_CLIENT_SECRET:-ci-pipeline-secret}"
USER_CLIENT_ID="${DEMO_USER_CLIENT_ID:-modelops-cli}"
USER_PASSWORD="${DEMO_USER_PASSWORD:-demo}"
WAIT_SECONDS="${DEMO_WAIT_SECONDS:-60}"
# States a version passes through on its own; any other state waits for a person, a timer or nothing.
TRANSIENT_STATES=" REGISTERED VALIDATING CHALLENGING APPROVED "

log() { printf '==> %s\n' "$*" >&2; }
info() { printf '    %s\n' "$*" >&2; }
warn() { printf 'WARNING: %s\n' "$*" >&2; }
die() {
  printf 'ERROR: %s\n' "$*" >&2
  exit 1
}

command -v curl >/dev/null 2>&1 || die "curl is required"
[[ "${WAIT_SECONDS}" =~ ^[0-9]+$ ]] || die "DEMO_WAIT_SECONDS must be a number of seconds"
if command -v python3 >/dev/null 2>&1; then
  HAVE_PYTHON=true
else
  HAVE_PYTHON=false
fi

BODY_FILE="$(mktemp)"
HEADER_FILE="$(mktemp)"
INBOX_FILE="$(mktemp)"
trap 'rm -f "${BODY_FILE}" "${HEADER_FILE}" "${INBOX_FILE}"' EXIT

# --- reading JSON ------------------------------------------------------------------------------
# Without python3 the fallbacks rely on the service's compact JSON, whose fields come in the order of
# its response records (top-level fields first).

# json_field <name>: prints the top-level scalar field <name> of the last response (nothing for null).
json_field() {
  local name="$1"
  if [[ "${HAVE_PYTHON}" == true ]]; then
    python3 -c '
import json, sys
try:
    value = json.load(open(sys.argv[1])).get(sys.argv[2])
except Exception:
    value = None
if value is not None:
    print(str(value).lower() if isinstance(value, bool) else value)
' "${BODY_FILE}" "${name}"
  else
    tr -d '\n' <"${BODY_FILE}" |
      grep -oE "\"${name}\"[[:space:]]*:[[:space:]]*(\"([^\"\\\\]|\\\\.)*\"|[^,}]*)" | head -n 1 |
      sed -E "s/^\"${name}\"[[:space:]]*:[[:space:]]*//; s/^\"(.*)\"\$/\\1/; s/^null\$//"
  fi
}

# awaiting_evaluation: true when the last version response says champion-challenger waits for an
# evaluation report on the champion's dataset (the version then stays CHALLENGING until one comes).
awaiting_evaluation() {
  if [[ "${HAVE_PYTHON}" == true ]]; then
    python3 -c '
import json, sys
challenge = json.load(open(sys.argv[1])).get("challenge") or {}
sys.exit(0 if challenge.get("outcome") == "AWAITING_EVALUATION" else 1)
' "${BODY_FILE}"
  else
    grep -q '"outcome":"AWAITING_EVALUATION"' "${BODY_FILE}"
  fi
}

# task_in_inbox <model> <number>: prints "<task id> <approvals so far> <approvals required>" for the
# open decision on that version in the last GET /api/v1/tasks response (nothing when there is none).
task_in_inbox() {
  local name="$1" number="$2"
  if [[ "${HAVE_PYTHON}" == true ]]; then
    python3 -c '
import json, sys
for task in json.load(open(sys.argv[1])).get("items", []):
    if task.get("model") == sys.argv[2] and str(task.get("version")) == sys.argv[3]:
        print(task["id"], task.get("approvalsSoFar", "?"), task.get("approvalsRequired", "?"))
        break
' "${BODY_FILE}" "${name}" "${number}"
  else
    # The task's own fields, up to its first nested object.
    local task so_far required
    task="$(tr -d '\n' <"${BODY_FILE}" |
      grep -oE "\"id\":\"[^\"]+\",\"name\":\"[^\"]*\",\"model\":\"${name}\",\"version\":${number}[,}][^{}]*" |
      head -n 1)"
    [[ -n "${task}" ]] || return 0
    so_far="$(sed -nE 's/.*"approvalsSoFar":([0-9]+).*/\1/p' <<<"${task}")"
    required="$(sed -nE 's/.*"approvalsRequired":([0-9]+).*/\1/p' <<<"${task}")"
    printf '%s %s %s\n' "$(sed -E 's/^"id":"([^"]+)".*/\1/' <<<"${task}")" "${so_far:-?}" "${required:-?}"
  fi
}

# serving: prints the serving shares of the last GET .../deployment response, e.g. "v1 50%, v2 50%".
serving() {
  local shares
  if [[ "${HAVE_PYTHON}" == true ]]; then
    shares="$(python3 -c '
import json, sys
print(", ".join("v%s %s%%" % (s.get("version"), s.get("percent")) for s in json.load(open(sys.argv[1])).get("serving", [])))
' "${BODY_FILE}")"
  else
    shares="$(grep -oE '"version":[0-9]+,"percent":[0-9]+' "${BODY_FILE}" |
      sed -E 's/"version":([0-9]+),"percent":([0-9]+)/v\1 \2%/' | paste -sd, - | sed 's/,/, /g')"
  fi
  printf '%s\n' "${shares:-nothing}"
}

# sha <text>: a deterministic 64-hex digest standing in for an artifact or dataset digest.
sha() {
  printf '%s' "$1" | sha256sum | cut -d' ' -f1
}

# --- tokens and requests -----------------------------------------------------------------------

declare -A TOKENS=() TOKEN_TIMES=()

# use_token <who>: sets TOKEN to an access token for <who>: `ci` (the ci-pipeline service account) or
# a demo user. Tokens are kept for 4 minutes (the realm issues them for 5).
use_token() {
  local who="$1" now status
  now="$(date +%s)"
  if [[ -n "${TOKENS[${who}]:-}" ]] && ((now - TOKEN_TIMES[${who}] < 240)); then
    TOKEN="${TOKENS[${who}]}"
    return 0
  fi
  if [[ "${who}" == ci ]]; then
    [[ -n "${TOKENS[${who}]:-}" ]] || log "Getting a token for ${CLIENT_ID} from ${TOKEN_URL}"
    status="$(curl -sS -o "${BODY_FILE}" -w '%{http_code}' \
      -u "${CLIENT_ID}:${CLIENT_SECRET}" -d grant_type=client_credentials "${TOKEN_URL}")" ||
      die "cannot reach Keycloak at ${KEYCLOAK_URL}"
  else
    [[ -n "${TOKENS[${who}]:-}" ]] || info "signing in as ${who} (${USER_CLIENT_ID}, password grant)"
    status="$(curl -sS -o "${BODY_FILE}" -w '%{http_code}' -d grant_type=password \
      -d "client_id=${USER_CLIENT_ID}" --data-urlencode "username=${who}" \
      --data-urlencode "password=${USER_PASSWORD}" "${TOKEN_URL}")" ||
      die "cannot reach Keycloak at ${KEYCLOAK_URL}"
  fi
  if [[ "${status}" != "200" ]]; then
    cat "${BODY_FILE}" >&2
    echo >&2
    die "token request for ${who} answered HTTP ${status}"
  fi
  TOKEN="$(json_field access_token)"
  [[ -n "${TOKEN}" ]] || die "no access_token in the token response for ${who}"
  TOKENS[${who}]="${TOKEN}"
  TOKEN_TIMES[${who}]="${now}"
}

# call <who> <method> <path> [json body] [idempotency key]: sends the request with <who>'s token and
# sets STATUS; the response body is in BODY_FILE, its headers in HEADER_FILE.
call() {
  local who="$1" method="$2" path="$3" body="${4:-}" key="${5:-}"
  use_token "${who}"
  local -a args=(-sS -o "${BODY_FILE}" -D "${HEADER_FILE}" -w '%{http_code}' -X "${method}"
    -H "Authorization: Bearer ${TOKEN}" -H 'Accept: application/json')
  [[ -z "${body}" ]] || args+=(-H 'Content-Type: application/json' --data-binary "${body}")
  [[ -z "${key}" ]] || args+=(-H "Idempotency-Key: ${key}")
  STATUS="$(curl "${args[@]}" "${GOVERNANCE_URL}${path}")" ||
    die "cannot reach the service at ${GOVERNANCE_URL}"
}

# expect_status <method> <path> <accepted codes...>: fails, showing the body, on any other STATUS.
expect_status() {
  local method="$1" path="$2" code
  shift 2
  for code in "$@"; do
    [[ "${STATUS}" == "${code}" ]] && return 0
  done
  printf '%s %s answered HTTP %s:\n' "${method}" "${path}" "${STATUS}" >&2
  cat "${BODY_FILE}" >&2
  echo >&2
  die "unexpected status ${STATUS} for ${method} ${path} (expected one of: $*)"
}

# --- demo steps --------------------------------------------------------------------------------

# model <name> <riskTier> <ownerTeam> <domain> <description>
model() {
  local name="$1" tier="$2" team="$3" domain="$4" description="$5"
  call ci POST /api/v1/models "$(
    cat <<JSON
{"name": "${name}",
 "description": "${description}",
 "ownerTeam": "${team}",
 "riskTier": "${tier}",
 "tags": {"domain": "${domain}", "demo": "true"}}
JSON
  )"
  expect_status POST /api/v1/models 200 201 409
  case "${STATUS}" in
    409) info "model ${name}: already exists" ;;
    *) info "model ${name}: created (${tier}, owner ${team})" ;;
  esac
}

# Version number the service gave each demo version, by "<model>/<n>".
declare -A NUMBERS=()

# version <model> <n> <json body>: submits the n-th demo version of <model> with the fixed
# Idempotency-Key demo-<model>-<n>; a re-run gets the version created the first time.
version() {
  local name="$1" n="$2" body="$3" path number state
  path="/api/v1/models/${name}/versions"
  call ci POST "${path}" "${body}" "demo-${name}-${n}"
  expect_status POST "${path}" 200 201
  number="$(json_field version)"
  state="$(json_field state)"
  [[ -n "${number}" ]] || die "POST ${path} answered without a version number"
  NUMBERS["${name}/${n}"]="${number}"
  if grep -qi '^Idempotent-Replayed:[[:space:]]*true' "${HEADER_FILE}"; then
    info "model ${name}: demo version ${n} is version ${number}, already submitted (now ${state:-?})"
  else
    info "model ${name}: demo version ${n} submitted as version ${number} (${state:-?})"
  fi
}

# number_of <model> <n>: the version number of the n-th demo version of <model>.
number_of() {
  printf '%s\n' "${NUMBERS["$1/$2"]:?demo version $2 of $1 was not submitted}"
}

# settle <model> <number>: waits until the version is out of the states the workflow passes through on
# its own (validation runs asynchronously), then sets STATE and REASON.
settle() {
  local name="$1" number="$2" path start elapsed reported=-1
  path="/api/v1/models/${name}/versions/${number}"
  start="$(date +%s)"
  while true; do
    call ci GET "${path}"
    expect_status GET "${path}" 200
    STATE="$(json_field state)"
    REASON="$(json_field stateReason)"
    if [[ "${TRANSIENT_STATES}" != *" ${STATE} "* ]]; then
      return 0
    fi
    if [[ "${STATE}" == CHALLENGING ]] && awaiting_evaluation; then
      warn "${name} version ${number} waits for an evaluation report on its champion's dataset"
      return 0
    fi
    elapsed=$(($(date +%s) - start))
    if ((elapsed >= WAIT_SECONDS)); then
      warn "${name} version ${number} is still ${STATE} after ${WAIT_SECONDS} s (see the service log); moving on"
      return 0
    fi
    if ((reported < 0)); then
      info "waiting for ${name} version ${number} to leave ${STATE} (runs asynchronously; up to ${WAIT_SECONDS} s)"
      reported="${elapsed}"
    elif ((elapsed - reported >= 10)); then
      info "... ${name} version ${number} still ${STATE} after ${elapsed} s"
      reported="${elapsed}"
    fi
    sleep 1
  done
}

# approve <user> <model> <number>: <user> approves the version, but only while it waits for approval;
# a re-run finds it decided and leaves it alone.
approve() {
  local user="$1" name="$2" number="$3" start elapsed task="" reported=false path
  settle "${name}" "${number}"
  if [[ "${STATE}" != PENDING_APPROVAL ]]; then
    info "${name} version ${number} is ${STATE}: no approval needed from ${user}"
    return 0
  fi
  start="$(date +%s)"
  while true; do
    call "${user}" GET "/api/v1/tasks?model=${name}&size=200"
    expect_status GET /api/v1/tasks 200
    task="$(task_in_inbox "${name}" "${number}")"
    [[ -z "${task}" ]] || break
    elapsed=$(($(date +%s) - start))
    if ((elapsed >= WAIT_SECONDS)); then
      warn "no open decision on ${name} version ${number} in ${user}'s inbox after ${WAIT_SECONDS} s; left as it is"
      return 0
    fi
    if [[ "${reported}" == false ]]; then
      info "waiting for the approval task of ${name} version ${number} in ${user}'s inbox (up to ${WAIT_SECONDS} s)"
      reported=true
    fi
    sleep 1
  done
  read -r task _ <<<"${task}"
  path="/api/v1/tasks/${task}/decision"
  call "${user}" POST "${path}" \
    '{"decision": "APPROVE", "comment": "Demo: evidence and policy verdicts reviewed."}'
  case "${STATUS}" in
    200) ;;
    403 | 409)
      warn "${user} may not approve ${name} version ${number} (HTTP ${STATUS}): $(json_field detail)"
      return 0
      ;;
    *) expect_status POST "${path}" 200 ;;
  esac
  settle "${name}" "${number}"
  info "${user} approved ${name} version ${number}: now ${STATE}${REASON:+ (${REASON})}"
}

# summary <model/n>...: one line per demo version with its state (and why), then what each model
# serves. Approval counts come from dana's inbox (she is in no owner team, so she sees every task).
summary() {
  local entry name n number path line approvals so_far required model
  local -a models=()
  call dana GET "/api/v1/tasks?size=200"
  expect_status GET /api/v1/tasks 200
  cp "${BODY_FILE}" "${INBOX_FILE}"
  printf '\nDemo models and versions:\n'
  for entry in "$@"; do
    name="${entry%/*}"
    n="${entry#*/}"
    number="$(number_of "${name}" "${n}")"
    path="/api/v1/models/${name}/versions/${number}"
    call ci GET "${path}"
    expect_status GET "${path}" 200
    STATE="$(json_field state)"
    REASON="$(json_field stateReason)"
    line="$(printf '  %-16s v%-3s %-17s' "${name}" "${number}" "${STATE}")"
    if [[ "${STATE}" == PENDING_APPROVAL ]]; then
      cp "${INBOX_FILE}" "${BODY_FILE}"
      approvals="$(task_in_inbox "${name}" "${number}")"
      if [[ -n "${approvals}" ]]; then
        read -r _ so_far required <<<"${approvals}"
        line+=" approvals ${so_far}/${required}"
      fi
    fi
    [[ -z "${REASON}" ]] || line+=" ${REASON}"
    printf '%s\n' "${line}" | sed 's/[[:space:]]*$//'
    [[ " ${models[*]:-} " == *" ${name} "* ]] || models+=("${name}")
  done
  printf 'Serving:\n'
  for model in "${models[@]}"; do
    path="/api/v1/models/${model}/deployment"
    call ci GET "${path}"
    expect_status GET "${path}" 200
    printf '  %-16s %s\n' "${model}" "$(serving)"
  done
}

# --- production monitoring ---------------------------------------------------------------------------------------

# The demo policy of card-approval: the low-risk gates, and monitoring whose performance breach rolls back and asks
# for retraining. Daily windows; outcomes mature a day after their window (so past days are judged at once).
CARD_POLICY="$(
  cat <<'YAML'
name: card-approval-monitoring
description: Demo - card approvals, monitored in production; a performance breach rolls back and asks for retraining.
appliesTo:
  models: [card-approval]
requiredMetadata: [description]
kpis:
  auc: { min: 0.60 }
championChallenger:
  primaryMetric: auc
  minUplift: 0.0
  guardMetrics: {}
approvals:
  count: 1
  roles: [domain-expert]
  reminderAfter: PT24H
  escalateAfter: PT72H
rollout:
  strategy: DIRECT
monitoring:
  recertifyEvery: P365D
  recertifyDueWithin: P30D
  rollback: { cooldown: PT24H }
  drift:
    window: P1D
    minSample: 500
    psi: { warn: 0.1, breach: 0.25 }
    jensenShannon: { warn: 0.1, breach: 0.2 }
    consecutive: { breaches: 2, of: 3 }
    onBreach: [alert]
  performance:
    window: P1D
    labelDelay: P1D
    minSample: 200
    coverage: 0.5
    kpis:
      auc: { warn: 0.75, breach: 0.65 }
    consecutive: { breaches: 2, of: 3 }
    onBreach: [alert, rollback, retrain]
YAML
)"

# card_version <n> <auc> <commit>: the evidence of card-approval's n-th demo version (same evaluation data each time).
card_version() {
  local n="$1" auc="$2" commit="$3"
  version card-approval "${n}" "$(
    cat <<JSON
{"artifactUri": "s3://models/card-approval/${n}/model.onnx",
 "artifactSha256": "$(sha "card-approval/${n}/model.onnx")",
 "framework": "xgboost",
 "description": "Probability that an approved card application defaults within a year (demo version ${n}).",
 "intendedUse": "Decline or refer card applications above the bank's risk appetite.",
 "trainingData": {"uri": "s3://datasets/cards/train/${n}.parquet", "sha256": "$(sha "cards/train/${n}.parquet")"},
 "evaluationData": {"uri": "s3://datasets/cards/eval/2026-10.parquet", "sha256": "$(sha 'cards/eval/2026-10.parquet')"},
 "code": {"repository": "https://git.example.com/payments/cards", "commit": "${commit}"},
 "metrics": {"auc": ${auc}, "f1": 0.70},
 "tags": {"team": "payments", "demo": "true"}}
JSON
  )"
}

# traffic <args>: deploy/local/traffic.sh against this service and Keycloak, as the ci-pipeline account.
traffic() {
  GOVERNANCE_URL="${GOVERNANCE_URL}" KEYCLOAK_URL="${KEYCLOAK_URL}" DEMO_CLIENT_ID="${CLIENT_ID}" \
    DEMO_CLIENT_SECRET="${CLIENT_SECRET}" "$(dirname "${BASH_SOURCE[0]}")/traffic.sh" "$@"
}

# monitoring_demo: card-approval v1 serves healthily, v2 replaces it, drifts and degrades; monitoring rolls v2 back to
# v1 and files a retraining request. Safe to re-run: the policy text, the versions (Idempotency-Key) and the traffic
# (record ids) are the same each time.
monitoring_demo() {
  local v1 v2 path start elapsed shares requests
  if ! command -v python3 >/dev/null; then
    warn "python3 is missing: the monitoring demo (card-approval) is left out"
    return 0
  fi
  log "Monitoring demo: publishing the policy card-approval-monitoring (as ada, governance-admin)"
  use_token ada
  STATUS="$(curl -sS -o "${BODY_FILE}" -w '%{http_code}' -X POST -H "Authorization: Bearer ${TOKEN}" \
    -H 'Content-Type: application/yaml' -H 'Accept: application/json' --data-binary "${CARD_POLICY}" \
    "${GOVERNANCE_URL}/api/v1/policies")" || die "cannot reach the service at ${GOVERNANCE_URL}"
  expect_status POST /api/v1/policies 200 201
  model card-approval LOW payments-security payments \
    "Scores card applications for default risk (the production monitoring demo)."

  card_version 1 0.90 "4b1e9d2"
  v1="$(number_of card-approval 1)"
  approve dana card-approval "${v1}"
  log "Monitoring demo: card-approval v${v1} serves; its baseline and five healthy days of traffic with outcomes"
  traffic baseline --model card-approval --version "${v1}"
  traffic predictions --model card-approval --version "${v1}" --until "$(date -u -d '-4 days' +%F)T00:00:00Z" \
    --days 5 --per-day 1200 --outcomes

  card_version 2 0.91 "9c3f7a0"
  v2="$(number_of card-approval 2)"
  approve dana card-approval "${v2}"
  log "Monitoring demo: card-approval v${v2} serves; four days of drifting traffic whose outcomes no longer follow it"
  traffic baseline --model card-approval --version "${v2}"
  traffic predictions --model card-approval --version "${v2}" --days 4 --per-day 1200 --drift 1 --degrade 0.5 \
    --outcomes

  if [[ "${DEMO_WAIT_MONITORING:-1}" == 0 ]]; then
    info "not waiting for the monitoring verdicts (DEMO_WAIT_MONITORING=0): they come within a minute or two"
    return 0
  fi
  info "waiting for monitoring to judge v${v2} (every minute): breach, automatic rollback, retraining request"
  path=/api/v1/models/card-approval/deployment
  start="$(date +%s)"
  while true; do
    call ci GET "${path}"
    expect_status GET "${path}" 200
    shares="$(serving)"
    if [[ "${shares}" == "v${v1} 100%" ]]; then
      call ci GET /api/v1/models/card-approval/retraining-requests
      requests="$(grep -o '"status":"OPEN"' "${BODY_FILE}" | wc -l)"
      info "card-approval: v${v2} was rolled back automatically; v${v1} serves again; ${requests} open retraining request(s)"
      return 0
    fi
    elapsed=$(($(date +%s) - start))
    if ((elapsed >= ${DEMO_MONITORING_WAIT_SECONDS:-240})); then
      warn "card-approval still serves ${shares} after ${elapsed} s: see GET /api/v1/models/card-approval/monitoring"
      return 0
    fi
    sleep 5
  done
}

use_token ci

log "Registering demo models at ${GOVERNANCE_URL}"
model credit-risk HIGH risk-analytics lending \
  "Probability of default for consumer loan applications."
model churn-predictor MEDIUM customer-insights retention \
  "Likelihood that a subscriber cancels within 90 days."
model fraud-detector LOW payments-security payments \
  "Scores card transactions for fraud review queues."

log "Submitting demo versions"
CREDIT_EVAL_SHA="$(sha 'credit-risk/eval/2026-09-holdout.parquet')"
CHURN_EVAL_SHA="$(sha 'churn/eval/2026-08.parquet')"

# fraud-detector 1: the first champion (LOW risk: one approval, direct rollout).
version fraud-detector 1 "$(
  cat <<JSON
{"artifactUri": "s3://models/fraud-detector/1/model.onnx",
 "artifactSha256": "$(sha 'fraud-detector/1/model.onnx')",
 "framework": "lightgbm",
 "description": "Gradient-boosted trees on transaction, merchant and device features.",
 "intendedUse": "Route suspicious card transactions to manual fraud review.",
 "trainingData": {"uri": "s3://datasets/fraud/train/2026-09.parquet",
                  "sha256": "$(sha 'fraud/train/2026-09.parquet')"},
 "evaluationData": {"uri": "s3://datasets/fraud/eval/2026-10.parquet",
                    "sha256": "$(sha 'fraud/eval/2026-10.parquet')"},
 "code": {"repository": "https://git.example.com/payments/fraud", "commit": "c7e5f01"},
 "params": {"num_leaves": 63, "learning_rate": 0.05, "n_estimators": 800},
 "metrics": {"auc": 0.96, "f1": 0.71, "precision": 0.83, "recall": 0.62},
 "sliceMetrics": {"channel=online": {"recall": 0.64}, "channel=pos": {"recall": 0.60}},
 "tags": {"team": "payments", "demo": "true"}}
JSON
)"

# churn-predictor 1: passes the medium-risk policy; approved below, then a staged 50 % canary.
version churn-predictor 1 "$(
  cat <<JSON
{"artifactUri": "s3://models/churn-predictor/1/model.pkl",
 "artifactSha256": "$(sha 'churn-predictor/1/model.pkl')",
 "framework": "sklearn",
 "description": "Logistic regression on usage, billing and support-contact features.",
 "intendedUse": "Prioritise retention offers for subscribers likely to cancel.",
 "trainingData": {"uri": "s3://datasets/churn/train/2026-07.parquet",
                  "sha256": "$(sha 'churn/train/2026-07.parquet')"},
 "evaluationData": {"uri": "s3://datasets/churn/eval/2026-08.parquet",
                    "sha256": "$(sha 'churn/eval/2026-08.parquet')"},
 "code": {"repository": "https://git.example.com/insights/churn", "commit": "9e4d7b2"},
 "params": {"C": 0.5, "penalty": "l2", "class_weight": "balanced"},
 "metrics": {"auc": 0.84, "f1": 0.61, "precision": 0.58, "recall": 0.65},
 "sliceMetrics": {"plan=prepaid": {"recall": 0.63}, "plan=contract": {"recall": 0.66}},
 "tags": {"team": "insights", "demo": "true"}}
JSON
)"

# churn-predictor 2: a retrained model whose auc (0.66) is below medium-risk's minimum of 0.70;
# validation rejects it and says why.
version churn-predictor 2 "$(
  cat <<JSON
{"artifactUri": "s3://models/churn-predictor/2/model.pkl",
 "artifactSha256": "$(sha 'churn-predictor/2/model.pkl')",
 "framework": "sklearn",
 "description": "Gradient-boosted trees on the July cohort only; overfits seasonal usage patterns.",
 "intendedUse": "Prioritise retention offers for subscribers likely to cancel.",
 "trainingData": {"uri": "s3://datasets/churn/train/2026-07-cohort.parquet",
                  "sha256": "$(sha 'churn/train/2026-07-cohort.parquet')"},
 "evaluationData": {"uri": "s3://datasets/churn/eval/2026-08.parquet",
                    "sha256": "${CHURN_EVAL_SHA}"},
 "code": {"repository": "https://git.example.com/insights/churn", "commit": "4b1e9c0"},
 "params": {"max_depth": 8, "learning_rate": 0.2, "n_estimators": 300},
 "metrics": {"auc": 0.66, "f1": 0.52, "precision": 0.50, "recall": 0.55},
 "sliceMetrics": {"plan=prepaid": {"recall": 0.53}, "plan=contract": {"recall": 0.57}},
 "tags": {"team": "insights", "demo": "true"}}
JSON
)"

# credit-risk 1: passes the high-risk policy (all metadata, auc >= 0.80, f1 >= 0.70, recall gap
# between slices <= 0.05, max_depth <= 12) and then waits for two approvals; nobody acts on it here.
version credit-risk 1 "$(
  cat <<JSON
{"artifactUri": "s3://models/credit-risk/1/model.onnx",
 "artifactSha256": "$(sha 'credit-risk/1/model.onnx')",
 "framework": "xgboost",
 "description": "Baseline gradient-boosted model on bureau and application features.",
 "intendedUse": "Rank consumer loan applications by probability of default; decisions stay with underwriters.",
 "trainingData": {"uri": "s3://datasets/credit-risk/train/2026-08.parquet",
                  "sha256": "$(sha 'credit-risk/train/2026-08.parquet')"},
 "evaluationData": {"uri": "s3://datasets/credit-risk/eval/2026-09-holdout.parquet",
                    "sha256": "${CREDIT_EVAL_SHA}"},
 "code": {"repository": "https://git.example.com/risk/credit", "commit": "3f9c2a1"},
 "params": {"max_depth": 6, "eta": 0.1, "n_estimators": 400},
 "metrics": {"auc": 0.89, "f1": 0.76, "precision": 0.79, "recall": 0.74},
 "sliceMetrics": {"gender=F": {"recall": 0.73}, "gender=M": {"recall": 0.75},
                  "age<30": {"recall": 0.71}, "age>=30": {"recall": 0.75}},
 "tags": {"team": "risk", "demo": "true"}}
JSON
)"

log "Deciding as the demo domain expert dana"
approve dana fraud-detector "$(number_of fraud-detector 1)"
approve dana churn-predictor "$(number_of churn-predictor 1)"

# credit-risk 1: dana gives the first of its two approvals, then an evaluation report on a newer hold-out set
# arrives. That is new evidence: the decision re-opens, validation judges the report too, dana's approval no longer
# counts (it was bound to the old evidence hash) and the task comes back to the inbox saying why. Done once: a
# re-run finds the report on the version's timeline and leaves it alone.
CREDIT="$(number_of credit-risk 1)"
call ci GET "/api/v1/models/credit-risk/versions/${CREDIT}/timeline"
expect_status GET "/api/v1/models/credit-risk/versions/${CREDIT}/timeline" 200
if ! grep -q '"evaluation.reported"' "${BODY_FILE}"; then
  approve dana credit-risk "${CREDIT}"
  log "Reporting a newer evaluation of credit-risk version ${CREDIT}: its decision re-opens"
  call ci POST "/api/v1/models/credit-risk/versions/${CREDIT}/evaluations" "$(
    cat <<JSON
{"evaluationData": {"uri": "s3://datasets/credit-risk/eval/2026-11-holdout.parquet",
                    "sha256": "$(sha 'credit-risk/eval/2026-11-holdout.parquet')"},
 "metrics": {"auc": 0.88, "f1": 0.75},
 "sliceMetrics": {"gender=F": {"recall": 0.72}, "gender=M": {"recall": 0.74}}}
JSON
  )"
  expect_status POST "/api/v1/models/credit-risk/versions/${CREDIT}/evaluations" 200
fi

# fraud-detector 2: submitted once version 1 serves, on the same evaluation data, so champion-challenger
# compares the two. It then waits for approval: dana may decide; dave may not, being in
# payments-security, the team that owns fraud-detector.
log "Submitting fraud-detector's challenger"
version fraud-detector 2 "$(
  cat <<JSON
{"artifactUri": "s3://models/fraud-detector/2/model.onnx",
 "artifactSha256": "$(sha 'fraud-detector/2/model.onnx')",
 "framework": "lightgbm",
 "description": "Adds merchant-velocity features; retrained on September and October transactions.",
 "intendedUse": "Route suspicious card transactions to manual fraud review.",
 "trainingData": {"uri": "s3://datasets/fraud/train/2026-10.parquet",
                  "sha256": "$(sha 'fraud/train/2026-10.parquet')"},
 "evaluationData": {"uri": "s3://datasets/fraud/eval/2026-10.parquet",
                    "sha256": "$(sha 'fraud/eval/2026-10.parquet')"},
 "code": {"repository": "https://git.example.com/payments/fraud", "commit": "e21d4a8"},
 "params": {"num_leaves": 127, "learning_rate": 0.04, "n_estimators": 1000},
 "metrics": {"auc": 0.97, "f1": 0.74, "precision": 0.85, "recall": 0.66},
 "sliceMetrics": {"channel=online": {"recall": 0.68}, "channel=pos": {"recall": 0.63}},
 "tags": {"team": "payments", "demo": "true"}}
JSON
)"

log "Waiting for the other demo versions to settle"
for entry in fraud-detector/2 churn-predictor/2 credit-risk/1; do
  settle "${entry%/*}" "$(number_of "${entry%/*}" "${entry#*/}")"
done

monitoring_demo

summary fraud-detector/1 fraud-detector/2 churn-predictor/1 churn-predictor/2 credit-risk/1 card-approval/1 \
  card-approval/2
log "Demo data loaded"
