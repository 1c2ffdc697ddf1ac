#!/usr/bin/env bash
# Starts the local stack: PostgreSQL (database modelops), Keycloak (realm modelops), the
# governance service and the portal, then loads demo data. Idempotent: what already runs is left
# alone, a jar is rebuilt only when its sources or POMs are newer than it.
#
#   deploy/local/up.sh        start everything (first run: ~2-3 min, later runs: seconds)
#   deploy/local/down.sh      stop the portal, the service and Keycloak
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SERVICE_PORT=8080
SERVICE_URL="http://localhost:${SERVICE_PORT}"
SERVICE_JAR="${REPO_ROOT}/governance-service/target/governance-service-0.1.0-SNAPSHOT.jar"
SERVICE_PIDFILE="${RUN_DIR}/service.pid"
RUNNING_JAR="${RUN_DIR}/governance-service.jar"
SERVICE_LOG="${LOG_DIR}/service.log"
PORTAL_PORT="${PORTAL_PORT:-8081}"
PORTAL_URL="http://localhost:${PORTAL_PORT}"
PORTAL_JAR="${REPO_ROOT}/portal/target/portal-0.1.0-SNAPSHOT.jar"
PORTAL_PIDFILE="${RUN_DIR}/portal.pid"
PORTAL_RUNNING_JAR="${RUN_DIR}/portal.jar"
PORTAL_LOG="${LOG_DIR}/portal.log"

build_service() {
  if jar_is_stale "${RUNNING_JAR}" "${SERVICE_JAR}" governance-service/src/main audit/src/main workflows policies \
    pom.xml governance-service/pom.xml audit/pom.xml; then
    log "Building the governance service (./mvnw -pl governance-service -am package -DskipTests)"
    (cd "${REPO_ROOT}" && ./mvnw -B -q -pl governance-service -am package -DskipTests) ||
      die "the service build failed"
    [[ -f "${SERVICE_JAR}" ]] || die "the build did not produce ${SERVICE_JAR#"${REPO_ROOT}"/}"
    SERVICE_REBUILT=true
  else
    log "Service jar is up to date (${SERVICE_JAR#"${REPO_ROOT}"/})"
    SERVICE_REBUILT=false
  fi
}

ensure_service() {
  if http_ok "${SERVICE_URL}/health"; then
    if [[ "${SERVICE_REBUILT}" == true ]] && pidfile_alive "${SERVICE_PIDFILE}"; then
      log "Restarting the service to run the new jar"
      stop_pidfile "${SERVICE_PIDFILE}" service
    else
      if [[ "${SERVICE_REBUILT}" == true ]]; then
        warn "a service not started by this script answers on ${SERVICE_URL}; it still runs the old code"
      fi
      log "Service already running at ${SERVICE_URL}"
      return 0
    fi
  fi
  if ! pidfile_alive "${SERVICE_PIDFILE}"; then
    if [[ "$(http_status "${SERVICE_URL}/health")" != "000" ]]; then
      die "port ${SERVICE_PORT} is taken by something that does not answer ${SERVICE_URL}/health with 200"
    fi
    local -a java_opts=()
    read -r -a java_opts <<<"${SERVICE_JAVA_OPTS:-}"
    # Run a copy: a later build rewrites the jar in target/, which would break a JVM still loading classes from it.
    local running_jar="${RUNNING_JAR}"
    cp "${SERVICE_JAR}" "${running_jar}"
    log "Starting the governance service on port ${SERVICE_PORT} (log: ${SERVICE_LOG#"${REPO_ROOT}"/})"
    start_background "${SERVICE_PIDFILE}" "${SERVICE_LOG}" \
      env DATASOURCES_DEFAULT_URL="jdbc:postgresql://${PG_HOST}:${PG_PORT}/modelops" \
      DATASOURCES_DEFAULT_USERNAME=modelops DATASOURCES_DEFAULT_PASSWORD=modelops \
      GOVERNANCE_OIDC_ISSUER="${KEYCLOAK_URL}/realms/${KEYCLOAK_REALM}" \
      "${JAVA_HOME}/bin/java" "${java_opts[@]}" -jar "${running_jar}"
  else
    info "service process $(<"${SERVICE_PIDFILE}") is still starting"
  fi
  wait_http "${SERVICE_URL}/health" 120 "governance service" "${SERVICE_PIDFILE}" "${SERVICE_LOG}"
}

build_portal() {
  if jar_is_stale "${PORTAL_RUNNING_JAR}" "${PORTAL_JAR}" portal/src/main portal/pom.xml pom.xml; then
    log "Building the portal (./mvnw -pl portal package -DskipTests)"
    (cd "${REPO_ROOT}" && ./mvnw -B -q -pl portal package -DskipTests) || die "the portal build failed"
    [[ -f "${PORTAL_JAR}" ]] || die "the build did not produce ${PORTAL_JAR#"${REPO_ROOT}"/}"
    PORTAL_REBUILT=true
  else
    log "Portal jar is up to date (${PORTAL_JAR#"${REPO_ROOT}"/})"
    PORTAL_REBUILT=false
  fi
}

# ensure_portal: the Vaadin portal on PORTAL_PORT, signing users in through Keycloak's client "portal" and calling
# the service with their tokens. Like the service, it runs a copy of the jar and is restarted after a rebuild.
ensure_portal() {
  local health="${PORTAL_URL}/actuator/health"
  if http_ok "${health}"; then
    if [[ "${PORTAL_REBUILT}" == true ]] && pidfile_alive "${PORTAL_PIDFILE}"; then
      log "Restarting the portal to run the new jar"
      stop_pidfile "${PORTAL_PIDFILE}" portal
    else
      [[ "${PORTAL_REBUILT}" == true ]] &&
        warn "a portal not started by this script answers on ${PORTAL_URL}; it still runs the old code"
      log "Portal already running at ${PORTAL_URL}"
      return 0
    fi
  fi
  if ! pidfile_alive "${PORTAL_PIDFILE}"; then
    if [[ "$(http_status "${health}")" != "000" ]]; then
      die "port ${PORTAL_PORT} is taken by something that does not answer ${health} with 200"
    fi
    local -a java_opts=()
    read -r -a java_opts <<<"${PORTAL_JAVA_OPTS:-}"
    cp "${PORTAL_JAR}" "${PORTAL_RUNNING_JAR}"
    log "Starting the portal on port ${PORTAL_PORT} (log: ${PORTAL_LOG#"${REPO_ROOT}"/})"
    start_background "${PORTAL_PIDFILE}" "${PORTAL_LOG}" \
      env PORTAL_PORT="${PORTAL_PORT}" PORTAL_GOVERNANCE_URL="${SERVICE_URL}" \
      PORTAL_OIDC_ISSUER="${KEYCLOAK_URL}/realms/${KEYCLOAK_REALM}" \
      "${JAVA_HOME}/bin/java" "${java_opts[@]}" -jar "${PORTAL_RUNNING_JAR}"
  else
    info "portal process $(<"${PORTAL_PIDFILE}") is still starting"
  fi
  wait_http "${health}" 120 "portal" "${PORTAL_PIDFILE}" "${PORTAL_LOG}"
}

print_summary() {
  cat <<EOF

ModelOps Governance local stack is up.

  Service        ${SERVICE_URL}            (API under /api/v1, health at /health)
  OpenAPI        ${SERVICE_URL}/openapi.yml
  Metrics        ${SERVICE_URL}/prometheus
  Keycloak admin ${KEYCLOAK_URL}/admin/     (admin / admin; realm ${KEYCLOAK_REALM})
  Portal         ${PORTAL_URL}            (sign in as dana, carl, erin or ada)

  Demo logins (password "demo"): erin (ml-engineer), dana and dave (domain-expert),
  carl (compliance-officer), ada (governance-admin).

  Token for the CI pipeline (client credentials):
    curl -s -u ci-pipeline:ci-pipeline-secret -d grant_type=client_credentials \\
      ${KEYCLOAK_URL}/realms/${KEYCLOAK_REALM}/protocol/openid-connect/token
  Token for a demo user (dev only, public client modelops-cli):
    curl -s -d grant_type=password -d client_id=modelops-cli -d username=erin -d password=demo \\
      ${KEYCLOAK_URL}/realms/${KEYCLOAK_REALM}/protocol/openid-connect/token
  Then: curl -H "Authorization: Bearer \$TOKEN" ${SERVICE_URL}/api/v1/models

  Logs: .local/logs/   Stop: deploy/local/down.sh
EOF
}

ensure_local_dirs
find_java
ensure_postgres modelops
ensure_keycloak
build_service
ensure_service

build_portal
ensure_portal

"${REPO_ROOT}/deploy/local/demo-data.sh"
print_summary
