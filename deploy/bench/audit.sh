#!/usr/bin/env bash
# Measures the audit trail on its own (the audit module's JdbcAuditTrail, no service): appends per second and their
# latency at 1, 4 and 16 concurrent writers, verification of the whole chain (events per second, at least 100 000
# events) and the cost of a signed checkpoint. Needs only PostgreSQL (started here if it is not running), not the
# rest of the local stack. Arguments go to the benchmark, e.g.
#   deploy/bench/audit.sh
#   deploy/bench/audit.sh --writers 1,16 --seconds 30 --warmup 5 --verify-events 500000
#   deploy/bench/audit.sh --quick          (a few minutes: 1 writer, 5 s, 200 000 events)
#   deploy/bench/audit.sh --verify-events 1000000
#   deploy/bench/audit.sh --help
# Environment: AUDIT_BENCH_DATABASE (default modelops_bench_audit; its audit tables are dropped), BENCH_JAVA_OPTS (extra JVM
# options, e.g. "-XX:StartFlightRecording=filename=.local/bench/audit.jfr,settings=profile" to profile; read it with
# `jfr print --events jdk.ExecutionSample` or `jfr summary`).
# Each run drops and recreates the audit tables in the scratch database modelops_bench_audit (from the service's
# V2__audit_trail.sql, V3__audit_checkpoints.sql and V95__audit_queue_then_seal.sql); nothing else is touched.
# It measures both the service's path (pending, commit, group seal) and the head locked through the commit (before
# V95); --modes sealed or --modes direct picks one.
# The Markdown report goes to .local/bench/audit-<timestamp>.md. Exit status 2: appends failed, or the chain is
# broken or does not hold exactly the successful appends.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=../local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../local/lib.sh"
# shellcheck source-path=SCRIPTDIR source=bench-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"

MIGRATIONS="${REPO_ROOT}/governance-service/src/main/resources/db/migration"

run_benchmark() {
  # shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of options
  "${JAVA_HOME}/bin/java" -Xms256m -Xmx1g ${BENCH_JAVA_OPTS:-} -cp "${BENCH_JAR}" org.modelops.bench.AuditBenchmark "$@"
}

find_java

for arg in "$@"; do
  if [[ "${arg}" == "-h" || "${arg}" == "--help" ]]; then
    build_bench_jar
    run_benchmark --help
    exit 0
  fi
done

AUDIT_BENCH_DATABASE="${AUDIT_BENCH_DATABASE:-modelops_bench_audit}"
ensure_postgres "${AUDIT_BENCH_DATABASE}"
build_bench_jar
# The service's generated password, from the environment rather than the command line.
export BENCH_DB_PASSWORD="${PG_ROLE_PASSWORD}"

mkdir -p "${BENCH_OUT}"
marker="$(mktemp "${BENCH_OUT}/.started.XXXXXX")"
trap 'rm -f "${marker}"' EXIT

note="$(git_note)"

log "Running the audit trail benchmark $*"
status=0
run_benchmark \
  --jdbc-url "jdbc:postgresql://${PG_HOST}:${PG_PORT}/${AUDIT_BENCH_DATABASE}" \
  --migrations "${MIGRATIONS}" \
  --out-dir "${BENCH_OUT}" --note "${note}" "$@" || status=$?

report="$(find "${BENCH_OUT}" -maxdepth 1 -name 'audit-*.md' -newer "${marker}" -print | sort | tail -n 1)"
if [[ -n "${report}" ]]; then
  log "Markdown report: ${report#"${REPO_ROOT}"/}"
else
  warn "no report was written to ${BENCH_OUT#"${REPO_ROOT}"/}"
fi
if ((status == 2)); then
  warn "THE AUDIT CHAIN CHECK FAILED: appends failed, the chain is broken or its length differs from the"
  warn "successful appends; see the report's Problems section"
fi
exit "${status}"
