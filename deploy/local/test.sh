#!/usr/bin/env bash
# Runs every test:
#   1. the full build with unit and integration tests (./mvnw -B verify) against a fresh local PostgreSQL
#      database modelops_test (roles modelops and modelops_owner on 127.0.0.1:5432, with the passwords generated in
#      .local/secrets/), recreated on every run so that nothing of an earlier run (or of a broken one) is seen;
#   2. the portal's end-to-end tests in headless Chromium against a real stack of their own (deploy/local/up.sh
#      with MODELOPS_STACK=e2e: the service and the portal on ports 18080/18081 over a fresh database
#      modelops_e2e with the demo data, and Keycloak), beside the developer's stack, which is left alone.
#      Chromium and ChromeDriver are installed when missing. What this script started it stops again;
#   3. the CLI's end-to-end tests (cli/, profile e2e) against the same stack and the real Keycloak: a pipeline logs in
#      with the ci-pipeline client's credentials, submits with --wait and checks the exit codes (docs/cli.md).
#
# Extra arguments go to Maven and skip steps 2 and 3 (MODELOPS_E2E=1 runs it anyway; MODELOPS_E2E=0 always skips it):
#   deploy/local/test.sh -pl audit -am
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

find_java
ensure_secrets
ensure_postgres -
recreate_database modelops_test
export TEST_DATABASE_PASSWORD="${PG_ROLE_PASSWORD}" TEST_DATABASE_OWNER_PASSWORD="${PG_OWNER_PASSWORD}"

cd "${REPO_ROOT}"
log "Running ./mvnw -B verify $*"
./mvnw -B verify "$@"

e2e="${MODELOPS_E2E:-}"
if [[ "${e2e}" == 0 ]] || { (($# > 0)) && [[ "${e2e}" != 1 ]]; }; then
  log "Skipping the portal's browser tests (MODELOPS_E2E=1 runs them)"
  exit 0
fi

ensure_chromium

# The browser tests get a stack of their own beside the developer's (which is left alone): service and portal on
# E2E_SERVICE_PORT / E2E_PORTAL_PORT over a database recreated for this run, the shared Keycloak. The portal's
# Keycloak client allows both portal ports.
E2E_SERVICE_PORT=18080
E2E_PORTAL_PORT=18081
recreate_database modelops_e2e
# The recreated database starts a new chain: the old one's witnessed checkpoints would (rightly) contradict it.
rm -f "${WITNESS_DIR}/e2e-modelops_e2e-checkpoints.jsonl"
keycloak_was_running=false
pidfile_alive "${KEYCLOAK_PIDFILE}" && keycloak_was_running=true
stop_e2e_stack() {
  MODELOPS_STACK=e2e "${REPO_ROOT}/deploy/local/down.sh" || true
  if [[ "${keycloak_was_running}" == false ]]; then
    stop_pidfile "${KEYCLOAK_PIDFILE}" keycloak
  fi
}
trap stop_e2e_stack EXIT

log "Starting the browser tests' stack (service :${E2E_SERVICE_PORT}, portal :${E2E_PORTAL_PORT}, database modelops_e2e)"
MODELOPS_STACK=e2e MODELOPS_DATABASE=modelops_e2e SERVICE_PORT="${E2E_SERVICE_PORT}" PORTAL_PORT="${E2E_PORTAL_PORT}" \
  "${REPO_ROOT}/deploy/local/up.sh" >/dev/null

log "Running the portal's browser tests (./mvnw -B -pl portal -Pe2e verify)"
./mvnw -B -pl portal -Pe2e verify "-De2e.service-url=http://localhost:${E2E_SERVICE_PORT}" \
  "-De2e.portal-url=http://localhost:${E2E_PORTAL_PORT}"

log "Running the CLI's end-to-end tests (./mvnw -B -pl cli -am -Pe2e verify)"
# -Dtest=NONE: the unit tests ran in step 1; only the CLI's *IT classes run here.
./mvnw -B -pl cli -am -Pe2e verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
  "-De2e.service-url=http://localhost:${E2E_SERVICE_PORT}" "-De2e.keycloak-url=${KEYCLOAK_URL}"
