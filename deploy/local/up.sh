#!/usr/bin/env bash
# Starts the local stack: PostgreSQL (database modelops), Keycloak (realm modelops), the
# governance service and the portal, then loads demo data. Idempotent: what already runs is left
# alone, a jar is rebuilt only when its sources or POMs are newer than it.
#
#   deploy/local/up.sh        start everything (first run: ~2-3 min, later runs: seconds)
#   deploy/local/down.sh      stop the portal, the service and Keycloak
#
# Environment: SERVICE_PORT (8080), PORTAL_PORT (8081), MODELOPS_DATABASE (modelops), MODELOPS_STACK (a name for
# a second stack beside this one), SERVICE_JAVA_OPTS, PORTAL_JAVA_OPTS, SERVICE_CDS_ARCHIVE (the service's class-data
# archive, written when it stops and used at the next start; empty: none).
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# A second stack beside the developer's (test.sh runs the browser tests on one, stack "e2e") has its own database,
# ports, pid files, logs and jar copies; Keycloak and PostgreSQL are shared.
stack_files "${MODELOPS_STACK:-}"
DATABASE="${MODELOPS_DATABASE:-modelops}"
SERVICE_PORT="${SERVICE_PORT:-8080}"
SERVICE_URL="http://localhost:${SERVICE_PORT}"
SERVICE_JAR="${REPO_ROOT}/governance-service/target/governance-service-0.1.0-SNAPSHOT.jar"
RUNNING_JAR="${RUN_DIR}/${STACK_PREFIX}governance-service.jar"
# Class-data sharing for the service: when it stops, the JVM writes the classes it loaded to this archive and maps them
# at the next start instead of loading and verifying them again (about a third less start-up CPU, docs/benchmarks.md);
# a changed jar makes the JVM ignore the archive and write a new one at the next stop. SERVICE_CDS_ARCHIVE= turns it off.
SERVICE_CDS_ARCHIVE="${SERVICE_CDS_ARCHIVE-${RUN_DIR}/${STACK_PREFIX}governance-service.jsa}"
SERVICE_LOG="${LOG_DIR}/${STACK_PREFIX}service.log"
PORTAL_PORT="${PORTAL_PORT:-8081}"
PORTAL_URL="http://localhost:${PORTAL_PORT}"
PORTAL_JAR="${REPO_ROOT}/portal/target/portal-0.1.0-SNAPSHOT.jar"
PORTAL_RUNNING_JAR="${RUN_DIR}/${STACK_PREFIX}portal.jar"
PORTAL_LOG="${LOG_DIR}/${STACK_PREFIX}portal.log"

# build_service / build_portal: rebuild a jar when its inputs changed; SERVICE_REBUILT / PORTAL_REBUILT tell
# ensure_* whether a running copy must be restarted.
build_service() {
  SERVICE_REBUILT=false
  if build_jar "governance service" governance-service "${SERVICE_JAR}" "${RUNNING_JAR}" \
    governance-service/src/main audit/src/main workflows policies pom.xml governance-service/pom.xml audit/pom.xml; then
    SERVICE_REBUILT=true
  fi
}

build_portal() {
  PORTAL_REBUILT=false
  if build_jar portal portal "${PORTAL_JAR}" "${PORTAL_RUNNING_JAR}" portal/src/main portal/pom.xml pom.xml; then
    PORTAL_REBUILT=true
  fi
}

# service_java_opts: the class-data archive's options (unless SERVICE_CDS_ARCHIVE is empty), a heap of at most 256 MiB
# unless SERVICE_JAVA_OPTS sets one (the JVM's default ceiling is a quarter of the machine's memory; with it the service
# stays under 512 MB resident under load, docs/benchmarks.md), then SERVICE_JAVA_OPTS.
service_java_opts() {
  local opts=""
  [[ -n "${SERVICE_CDS_ARCHIVE}" ]] && opts="-XX:SharedArchiveFile=${SERVICE_CDS_ARCHIVE} -XX:+AutoCreateSharedArchive "
  [[ "${SERVICE_JAVA_OPTS:-}" == *-Xmx* || "${SERVICE_JAVA_OPTS:-}" == *MaxRAM* ]] || opts="${opts}-Xmx256m "
  printf '%s\n' "${opts}${SERVICE_JAVA_OPTS:-}"
}

# ensure_service: the service with the secrets of .local/secrets/ (ensure_secrets), passed through its environment
# (not its command line), and its checkpoint witness in .local/witness/.
ensure_service() {
  (
    export DATASOURCES_DEFAULT_PASSWORD="${PG_ROLE_PASSWORD}" GOVERNANCE_MIGRATION_PASSWORD="${PG_OWNER_PASSWORD}" \
      GOVERNANCE_AUDIT_KEY_ID="${AUDIT_KEY_ID}" GOVERNANCE_AUDIT_SIGNING_KEY="${AUDIT_SIGNING_KEY}" \
      GOVERNANCE_AUDIT_PUBLIC_KEY="${AUDIT_PUBLIC_KEY}"
    ensure_jar_running "governance service" "${SERVICE_URL}/health" "${SERVICE_PORT}" "${SERVICE_PIDFILE}" \
      "${SERVICE_LOG}" "${SERVICE_JAR}" "${RUNNING_JAR}" "${SERVICE_REBUILT}" "$(service_java_opts)" \
      GOVERNANCE_PORT="${SERVICE_PORT}" DATASOURCES_DEFAULT_URL="jdbc:postgresql://${PG_HOST}:${PG_PORT}/${DATABASE}" \
      DATASOURCES_DEFAULT_USERNAME="${PG_ROLE}" GOVERNANCE_MIGRATION_USERNAME="${PG_OWNER}" \
      GOVERNANCE_AUDIT_WITNESS_FILE="${WITNESS_DIR}/${STACK_PREFIX}${DATABASE}-checkpoints.jsonl" \
      GOVERNANCE_OIDC_ISSUER="${KEYCLOAK_URL}/realms/${KEYCLOAK_REALM}"
  )
}

# ensure_portal: the Vaadin portal, signing users in through Keycloak's client "portal" and calling the service
# with their tokens.
ensure_portal() {
  (
    export PORTAL_OIDC_CLIENT_SECRET="${PORTAL_CLIENT_SECRET}"
    ensure_jar_running portal "${PORTAL_URL}/actuator/health" "${PORTAL_PORT}" "${PORTAL_PIDFILE}" "${PORTAL_LOG}" \
      "${PORTAL_JAR}" "${PORTAL_RUNNING_JAR}" "${PORTAL_REBUILT}" "${PORTAL_JAVA_OPTS:-}" \
      PORTAL_PORT="${PORTAL_PORT}" PORTAL_GOVERNANCE_URL="${SERVICE_URL}" \
      PORTAL_OIDC_ISSUER="${KEYCLOAK_URL}/realms/${KEYCLOAK_REALM}"
  )
}

print_summary() {
  cat <<EOF

ModelOps Governance local stack is up.

  Service        ${SERVICE_URL}            (API under /api/v1, health at /health)
  OpenAPI        ${SERVICE_URL}/openapi.yml
  Metrics        ${SERVICE_URL}/prometheus
  Keycloak admin ${KEYCLOAK_URL}/admin/     (admin, password in ${SECRETS_DIR#"${REPO_ROOT}"/}/keycloak-admin-password; realm ${KEYCLOAK_REALM})
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

  Secrets (generated at first start, mode 600): ${SECRETS_DIR#"${REPO_ROOT}"/}/
  Audit checkpoint witness: .local/witness/   Logs: .local/logs/   Stop: deploy/local/down.sh
EOF
}

ensure_local_dirs
find_java
ensure_secrets
ensure_postgres "${DATABASE}"
ensure_keycloak
build_service
ensure_service

build_portal
ensure_portal

GOVERNANCE_URL="${SERVICE_URL}" KEYCLOAK_URL="${KEYCLOAK_URL}" "${REPO_ROOT}/deploy/local/demo-data.sh"
print_summary
