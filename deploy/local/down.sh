#!/usr/bin/env bash
# Stops the portal, the governance service and Keycloak started by up.sh (by their pid files in .local/run/).
# PostgreSQL is left running (other work may use it). Safe to run when nothing runs.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

stop_pidfile "${RUN_DIR}/portal.pid" portal
stop_pidfile "${RUN_DIR}/service.pid" service
stop_pidfile "${KEYCLOAK_PIDFILE}" keycloak

pg_ver="$(pg_version)"
if [[ -n "${pg_ver}" ]]; then
  log "PostgreSQL is left running; to stop it: pg_ctlcluster ${pg_ver} main stop"
fi
