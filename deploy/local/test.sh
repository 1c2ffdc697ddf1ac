#!/usr/bin/env bash
# Runs every test:
#   1. the full build with unit and integration tests (./mvnw -B verify) against a fresh local PostgreSQL
#      database modelops_test (role modelops / password modelops on 127.0.0.1:5432), recreated on every run so
#      that nothing of an earlier run (or of a broken one) is seen;
#   2. the portal's end-to-end tests in headless Chromium against the real local stack (deploy/local/up.sh:
#      Keycloak, the service, the portal, demo data). Chromium and ChromeDriver are installed when missing.
#      What this script started for them it stops again; a stack that was already running is left running.
#
# Extra arguments go to Maven and skip step 2 (MODELOPS_E2E=1 runs it anyway; MODELOPS_E2E=0 always skips it):
#   deploy/local/test.sh -pl audit -am
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

find_java
ensure_postgres -
recreate_database modelops_test

cd "${REPO_ROOT}"
log "Running ./mvnw -B verify $*"
./mvnw -B verify "$@"

e2e="${MODELOPS_E2E:-}"
if [[ "${e2e}" == 0 ]] || { (($# > 0)) && [[ "${e2e}" != 1 ]]; }; then
  log "Skipping the portal's browser tests (MODELOPS_E2E=1 runs them)"
  exit 0
fi

ensure_chromium

# Stop afterwards only what was not running before.
declare -a started_here=()
for component in portal service keycloak; do
  pidfile_alive "${RUN_DIR}/${component}.pid" || started_here+=("${component}")
done
stop_started_here() {
  local component
  for component in "${started_here[@]}"; do
    stop_pidfile "${RUN_DIR}/${component}.pid" "${component}"
  done
}
trap stop_started_here EXIT

log "Starting the local stack for the browser tests (deploy/local/up.sh)"
"${REPO_ROOT}/deploy/local/up.sh" >/dev/null

log "Running the portal's browser tests (./mvnw -B -pl portal -Pe2e verify)"
./mvnw -B -pl portal -Pe2e verify
