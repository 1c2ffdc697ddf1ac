#!/usr/bin/env bash
# Loads demo models and versions through the service's REST API, authenticated as the `ci-pipeline`
# service account (client credentials). Safe to run repeatedly: an existing model answers 409, and
# each version is posted with a fixed Idempotency-Key, so a re-run creates nothing new.
#
# Needs: the service on $GOVERNANCE_URL (default http://localhost:8080) and Keycloak on
# $KEYCLOAK_URL (default http://localhost:8180). Uses only bash, curl and sha256sum (python3 or sed
# to read JSON; jq is not required).
set -euo pipefail

GOVERNANCE_URL="${GOVERNANCE_URL:-http://localhost:8080}"
KEYCLOAK_URL="${KEYCLOAK_URL:-http://localhost:8180}"
TOKEN_URL="${KEYCLOAK_URL}/realms/modelops/protocol/openid-connect/token"
CLIENT_ID="${DEMO_CLIENT_ID:-ci-pipeline}"
CLIENT_SECRET="${DEMO_CLIENT_SECRET:-ci-pipeline-secret}"

log() { printf '==> %s\n' "$*" >&2; }
info() { printf '    %s\n' "$*" >&2; }
die() {
  printf 'ERROR: %s\n' "$*" >&2
  exit 1
}

command -v curl >/dev/null 2>&1 || die "curl is required"

BODY_FILE="$(mktemp)"
trap 'rm -f "${BODY_FILE}"' EXIT

# json_field <name>: prints the top-level scalar field <name> of the JSON document on stdin.
json_field() {
  local name="$1" doc
  doc="$(cat)"
  if command -v python3 >/dev/null 2>&1; then
    printf '%s' "${doc}" | python3 -c '
import json, sys
try:
    value = json.load(sys.stdin).get(sys.argv[1])
except Exception:
    value = None
if value is not None:
    print(value if not isinstance(value, bool) else str(value).lower())
' "${name}"
  else
    printf '%s' "${doc}" | tr -d '\n' |
      sed -n "s/.*\"${name}\"[[:space:]]*:[[:space:]]*\"\{0,1\}\([^\",}]*\)\"\{0,1\}.*/\1/p"
  fi
}

# sha <text>: a deterministic 64-hex digest standing in for an artifact or dataset digest.
sha() {
  printf '%s' "$1" | sha256sum | cut -d' ' -f1
}

get_token() {
  local status
  log "Getting a token for ${CLIENT_ID} from ${TOKEN_URL}"
  status="$(curl -sS -o "${BODY_FILE}" -w '%{http_code}' \
    -u "${CLIENT_ID}:${CLIENT_SECRET}" -d grant_type=client_credentials "${TOKEN_URL}")" ||
    die "cannot reach Keycloak at ${KEYCLOAK_URL}"
  if [[ "${status}" != "200" ]]; then
    cat "${BODY_FILE}" >&2
    echo >&2
    die "token request answered HTTP ${status}"
  fi
  TOKEN="$(json_field access_token <"${BODY_FILE}")"
  [[ -n "${TOKEN}" ]] || die "no access_token in the token response"
}

# post <path> <json> <accepted codes, space separated> [idempotency key]: prints the status code;
# fails (printing the body) on any other status.
post() {
  local path="$1" body="$2" accepted="$3" key="${4:-}" status
  local -a headers=(-H "Authorization: Bearer ${TOKEN}" -H 'Content-Type: application/json'
    -H 'Accept: application/json')
  [[ -n "${key}" ]] && headers+=(-H "Idempotency-Key: ${key}")
  status="$(curl -sS -o "${BODY_FILE}" -w '%{http_code}' -X POST "${headers[@]}" \
    --data-binary "${body}" "${GOVERNANCE_URL}${path}")" ||
    die "cannot reach the service at ${GOVERNANCE_URL}"
  if [[ " ${accepted} " != *" ${status} "* ]]; then
    printf 'POST %s answered HTTP %s:\n' "${path}" "${status}" >&2
    cat "${BODY_FILE}" >&2
    echo >&2
    die "unexpected status ${status} for POST ${path} (expected one of: ${accepted})"
  fi
  printf '%s\n' "${status}"
}

# model <name> <riskTier> <ownerTeam> <domain> <description>
model() {
  local name="$1" tier="$2" team="$3" domain="$4" description="$5" status
  status="$(post /api/v1/models "$(
    cat <<JSON
{"name": "${name}",
 "description": "${description}",
 "ownerTeam": "${team}",
 "riskTier": "${tier}",
 "tags": {"domain": "${domain}", "demo": "true"}}
JSON
  )" "200 201 409")"
  case "${status}" in
    409) info "model ${name}: already exists" ;;
    *) info "model ${name}: created (${tier})" ;;
  esac
}

# version <model> <n> <json body>: submits the n-th demo version of <model>.
version() {
  local name="$1" n="$2" body="$3" status number state
  status="$(post "/api/v1/models/${name}/versions" "${body}" "200 201" "demo-${name}-${n}")"
  number="$(json_field version <"${BODY_FILE}")"
  state="$(json_field state <"${BODY_FILE}")"
  info "model ${name}: demo version ${n} -> version ${number:-?}, state ${state:-?} (HTTP ${status})"
}

get_token

log "Registering demo models at ${GOVERNANCE_URL}"
model credit-risk HIGH risk-analytics lending \
  "Probability of default for consumer loan applications."
model churn-predictor MEDIUM customer-insights retention \
  "Likelihood that a subscriber cancels within 90 days."
model fraud-detector LOW payments-security payments \
  "Scores card transactions for fraud review queues."

log "Submitting demo versions"
CREDIT_EVAL_SHA="$(sha 'credit-risk/eval/2026-09-holdout.parquet')"

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

version credit-risk 2 "$(
  cat <<JSON
{"artifactUri": "s3://models/credit-risk/2/model.onnx",
 "artifactSha256": "$(sha 'credit-risk/2/model.onnx')",
 "framework": "xgboost",
 "description": "Adds repayment-history features; tuned depth and learning rate.",
 "intendedUse": "Rank consumer loan applications by probability of default; decisions stay with underwriters.",
 "trainingData": {"uri": "s3://datasets/credit-risk/train/2026-10.parquet",
                  "sha256": "$(sha 'credit-risk/train/2026-10.parquet')"},
 "evaluationData": {"uri": "s3://datasets/credit-risk/eval/2026-09-holdout.parquet",
                    "sha256": "${CREDIT_EVAL_SHA}"},
 "code": {"repository": "https://git.example.com/risk/credit", "commit": "a1b2c3d"},
 "params": {"max_depth": 7, "eta": 0.08, "n_estimators": 550},
 "metrics": {"auc": 0.91, "f1": 0.78, "precision": 0.80, "recall": 0.77},
 "sliceMetrics": {"gender=F": {"recall": 0.76}, "gender=M": {"recall": 0.78},
                  "age<30": {"recall": 0.74}, "age>=30": {"recall": 0.78}},
 "tags": {"team": "risk", "demo": "true"}}
JSON
)"

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

log "Demo data loaded"
