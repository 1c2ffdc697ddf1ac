#!/usr/bin/env bash
# Runs the full build with tests (./mvnw -B verify) against a fresh local PostgreSQL database
# modelops_test (role modelops / password modelops on 127.0.0.1:5432), recreated on every run so that
# nothing of an earlier run (or of a broken one) is seen. Extra arguments go to Maven:
#   deploy/local/test.sh -pl audit -am
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

find_java
ensure_postgres -
recreate_database modelops_test

# --- browser tests ----------------------------------------------------------------------------
# Placeholder: installing Chromium and ChromeDriver for the portal's browser tests
# (apt-get install -y chromium chromium-driver, see NOTES.md) goes here.
# ---------------------------------------------------------------------------------------------

cd "${REPO_ROOT}"
log "Running ./mvnw -B verify $*"
exec ./mvnw -B verify "$@"
