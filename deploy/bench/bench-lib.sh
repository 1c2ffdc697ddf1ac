# shellcheck shell=bash
# Shared by the benchmark scripts (submissions.sh, audit.sh, portal.sh). Source it after deploy/local/lib.sh.

BENCH_JAR="${REPO_ROOT}/bench/target/bench-0.1.0-SNAPSHOT.jar"
# shellcheck disable=SC2034 # used by the scripts that source this file
BENCH_OUT="${LOCAL_DIR}/bench"

# build_bench_jar: rebuilds when the jar is missing or older than anything it is built from (the bench module and
# the audit module it contains).
build_bench_jar() {
  if [[ ! -s "${BENCH_JAR}" ]] ||
    [[ -n "$(find "${REPO_ROOT}/bench/src" "${REPO_ROOT}/bench/pom.xml" "${REPO_ROOT}/audit/src" \
      "${REPO_ROOT}/audit/pom.xml" "${REPO_ROOT}/pom.xml" -newer "${BENCH_JAR}" -print -quit)" ]]; then
    log "Building the bench jar (./mvnw -B -q -pl bench -am package -DskipTests)"
    (cd "${REPO_ROOT}" && ./mvnw -B -q -pl bench -am package -DskipTests) || die "building the bench jar failed"
  fi
}

# git_note: the commit the numbers belong to, for the report header.
git_note() {
  local note
  note="git $(git -C "${REPO_ROOT}" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  if [[ -n "$(git -C "${REPO_ROOT}" status --porcelain 2>/dev/null)" ]]; then
    note="${note} (with uncommitted changes)"
  fi
  printf '%s\n' "${note}"
}

# A service instance of the benchmarks' own, on a private port with its own database, beside (never instead of) the
# developer's stack: it runs a copy of the jar in target/ (built when stale), with the generated secrets, and logs to
# .local/logs/bench-service-<port>.log. It uses the local Keycloak (8180) for its tokens, read-only.
BENCH_SERVICE_JAR="${REPO_ROOT}/governance-service/target/governance-service-0.1.0-SNAPSHOT.jar"

# build_bench_service_jar: rebuilds the service jar when anything it is built from is newer.
build_bench_service_jar() {
  if jar_is_stale "${BENCH_SERVICE_JAR}" "${BENCH_SERVICE_JAR}" governance-service/src/main audit/src/main workflows \
    policies pom.xml governance-service/pom.xml audit/pom.xml; then
    log "Building the service jar (./mvnw -B -q -pl governance-service -am package -DskipTests)"
    (cd "${REPO_ROOT}" && ./mvnw -B -q -pl governance-service -am package -DskipTests) ||
      die "building the service jar failed"
  fi
}

# start_bench_service <database> <port>: starts the service on 127.0.0.1:<port> against <database> (migrating it, as
# at every start) and waits for /health. Refuses a port something already answers on.
start_bench_service() {
  local db="$1" port="$2" pidfile logfile running
  pidfile="${RUN_DIR}/bench-service-${port}.pid"
  logfile="${LOG_DIR}/bench-service-${port}.log"
  running="${RUN_DIR}/bench-service-${port}.jar"
  mkdir -p "${RUN_DIR}" "${LOG_DIR}" "${WITNESS_DIR}"
  [[ "$(http_status "http://127.0.0.1:${port}/health")" == "000" ]] ||
    die "port ${port} is already taken: choose another with --service-port (or BENCH_SERVICE_PORT)"
  [[ -n "${AUDIT_SIGNING_KEY:-}" ]] || ensure_secrets
  cp "${BENCH_SERVICE_JAR}" "${running}"
  log "Starting a benchmark service on port ${port} against database ${db} (log: ${logfile#"${REPO_ROOT}"/})"
  (
    export DATASOURCES_DEFAULT_PASSWORD="${PG_ROLE_PASSWORD}" GOVERNANCE_MIGRATION_PASSWORD="${PG_OWNER_PASSWORD}" \
      GOVERNANCE_AUDIT_KEY_ID="${AUDIT_KEY_ID}" GOVERNANCE_AUDIT_SIGNING_KEY="${AUDIT_SIGNING_KEY}" \
      GOVERNANCE_AUDIT_PUBLIC_KEY="${AUDIT_PUBLIC_KEY}"
    # shellcheck disable=SC2086 # BENCH_SERVICE_JAVA_OPTS is a list of options
    # BENCH_SERVICE_POOL_SIZE: its connection pool (the service's default is 20); on a PostgreSQL shared with others,
    # mind max_connections.
    start_background "${pidfile}" "${logfile}" env GOVERNANCE_PORT="${port}" \
      ${BENCH_SERVICE_POOL_SIZE:+DATASOURCES_DEFAULT_MAXIMUM_POOL_SIZE="${BENCH_SERVICE_POOL_SIZE}"} \
      DATASOURCES_DEFAULT_URL="jdbc:postgresql://${PG_HOST}:${PG_PORT}/${db}" \
      DATASOURCES_DEFAULT_USERNAME="${PG_ROLE}" GOVERNANCE_MIGRATION_USERNAME="${PG_OWNER}" \
      GOVERNANCE_AUDIT_WITNESS_FILE="${WITNESS_DIR}/bench-${db}-checkpoints.jsonl" \
      GOVERNANCE_OIDC_ISSUER="${KEYCLOAK_URL:-http://localhost:8180}/realms/${KEYCLOAK_REALM:-modelops}" \
      "${JAVA_HOME}/bin/java" ${BENCH_SERVICE_JAVA_OPTS:--Xms256m -Xmx1g} -jar "${running}"
  )
  wait_http "http://127.0.0.1:${port}/health" 180 "the benchmark service on port ${port}" "${pidfile}" "${logfile}"
}

# stop_bench_service <port>: stops the instance start_bench_service started on <port> (by its pid file only).
stop_bench_service() {
  stop_pidfile "${RUN_DIR}/bench-service-$1.pid" "the benchmark service on port $1"
}
