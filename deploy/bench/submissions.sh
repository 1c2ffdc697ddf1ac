#!/usr/bin/env bash
# Measures version submissions per second and their latency through the running service's API, next to two raw
# floors for the same work (plain JDBC inserts, bare Flowable process starts) in the scratch database
# modelops_bench. Needs the local stack (deploy/local/up.sh). Arguments go to the benchmark, e.g.
#   deploy/bench/submissions.sh --clients 1,16 --seconds 20 --warmup 5
#   deploy/bench/submissions.sh --only jdbc,flowable --seconds 5 --warmup 2
#   deploy/bench/submissions.sh --help
#   GOVERNANCE_URL=http://localhost:8090 deploy/bench/submissions.sh ...   (another service instance)
# The Markdown report goes to .local/bench/submissions-<timestamp>.md. Exit status 2: some operations failed.
#
# The API rows write to the service's own database: every run leaves its bench-<timestamp>-<n> models, their
# versions, process instances and (append-only, undeletable) audit events there.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=../local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../local/lib.sh"
# shellcheck source-path=SCRIPTDIR source=bench-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"

GOVERNANCE_URL="${GOVERNANCE_URL:-http://localhost:8080}"
SERVICE_JAR="${REPO_ROOT}/governance-service/target/governance-service-0.1.0-SNAPSHOT.jar"
SERVICE_PIDFILE="${RUN_DIR}/service.pid"

# check_service_jar: the service started by up.sh runs a copy of the jar in target/ (.local/run/); a jar in target/
# newer than the running service means the numbers would belong to older code than the tree. Refuse to measure that.
check_service_jar() {
  local pid elapsed started modified
  [[ "${GOVERNANCE_URL}" == "http://localhost:8080" ]] || return 0
  pidfile_alive "${SERVICE_PIDFILE}" || return 0
  [[ -f "${SERVICE_JAR}" ]] || return 0
  pid="$(<"${SERVICE_PIDFILE}")"
  elapsed="$(ps -o etimes= -p "${pid}" | tr -d ' ')"
  [[ "${elapsed}" =~ ^[0-9]+$ ]] || return 0
  started=$(($(date +%s) - elapsed))
  modified="$(stat -c %Y "${SERVICE_JAR}")"
  if ((modified > started + 2)) && [[ -z "${BENCH_ALLOW_STALE_SERVICE:-}" ]]; then
    die "the service (pid ${pid}) started at $(date -d "@${started}" +%T), but ${SERVICE_JAR#"${REPO_ROOT}"/}
       was rebuilt at $(date -d "@${modified}" +%T): the running service is older than the tree.
       Run deploy/local/up.sh first, which restarts it on the new jar
       (BENCH_ALLOW_STALE_SERVICE=1 measures it anyway)"
  fi
}

find_java

for arg in "$@"; do
  if [[ "${arg}" == "-h" || "${arg}" == "--help" ]]; then
    build_bench_jar
    exec "${JAVA_HOME}/bin/java" -jar "${BENCH_JAR}" --help
  fi
done

check_service_jar
if ! http_ok "${GOVERNANCE_URL}/health"; then
  printf 'ERROR: the service does not answer at %s/health. Start the local stack first: deploy/local/up.sh\n' \
    "${GOVERNANCE_URL}" >&2
  exit 1
fi

ensure_postgres modelops_bench
# The floors log in as the service role, with the password the local scripts generated (.local/secrets/).
export BENCH_DB_PASSWORD="${PG_ROLE_PASSWORD}"
build_bench_jar

mkdir -p "${BENCH_OUT}"
marker="$(mktemp "${BENCH_OUT}/.started.XXXXXX")"
trap 'rm -f "${marker}"' EXIT

note="$(git_note)"

log "Running the submission benchmark $*"
status=0
"${JAVA_HOME}/bin/java" -Xms256m -Xmx1g -jar "${BENCH_JAR}" \
  --service-url "${GOVERNANCE_URL}" \
  --jdbc-url "jdbc:postgresql://${PG_HOST}:${PG_PORT}/modelops_bench" \
  --out-dir "${BENCH_OUT}" --note "${note}" "$@" || status=$?

report="$(find "${BENCH_OUT}" -maxdepth 1 -name 'submissions-*.md' -newer "${marker}" -print | sort | tail -n 1)"
if [[ -n "${report}" ]]; then
  log "Markdown report: ${report#"${REPO_ROOT}"/}"
else
  warn "no report was written"
fi
if ((status == 2)); then
  warn "some operations failed or the databases disagree with the counts; see the report's Problems section"
fi
exit "${status}"
