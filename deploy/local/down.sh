#!/usr/bin/env bash
# Stops the portal, the governance service and Keycloak started by up.sh (by their pid files in .local/run/).
# PostgreSQL is left running (other work may use it). Safe to run when nothing runs.
# MODELOPS_STACK=<name> stops that second stack's portal and service only (Keycloak is shared).
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

stack_files "${MODELOPS_STACK:-}"
stop_pidfile "${PORTAL_PIDFILE}" portal
stop_pidfile "${SERVICE_PIDFILE}" service
if [[ -z "${MODELOPS_STACK:-}" ]]; then
  stop_pidfile "${KEYCLOAK_PIDFILE}" keycloak
fi

pg_ver="$(pg_version)"
if [[ -n "${pg_ver}" ]]; then
  log "PostgreSQL is left running; to stop it: pg_ctlcluster ${pg_ver} main stop"
fi
