#!/usr/bin/env bash
# Measures version submissions per second and their latency through the service's API, next to two raw floors for
# the same work (plain JDBC on the service's real schema, bare Flowable process starts) in the scratch database
# modelops_bench, and optionally an MLflow-compatible registry's model-versions/create. Arguments not listed here go
# to the benchmark (--help lists them), e.g.
#   deploy/bench/submissions.sh --quick                          the regression guard: fresh and pre-loaded (quick
#                                                                size) databases, clients 1,4,16, floors; 5 s + 2 s
#                                                                per row; a few minutes
#   deploy/bench/submissions.sh --database-state fresh,preloaded the growth run: the API rows on a fresh database and
#                                                                on one pre-loaded with 100 000 versions, 1 000 000
#                                                                audit events, 10 000 open lifecycles (preload.sh)
#   deploy/bench/submissions.sh --clients 1,16 --seconds 20      the running service (GOVERNANCE_URL or --service-url,
#                                                                default http://localhost:8080), as before
#   deploy/bench/submissions.sh --only jdbc,flowable --seconds 5 --warmup 2
#   deploy/bench/submissions.sh --mlflow-url http://127.0.0.1:5000 [--mlflow-token T]
#
# With --database-state (or --quick) the script runs the service itself, one state at a time, on a private port
# (--service-port, default $BENCH_SERVICE_PORT or 28490) against its own databases: --fresh-database (default
# modelops_bench_fresh, recreated every run) and --preload-database (default modelops_bench_preloaded, or
# modelops_bench_preloaded_quick with --quick; loaded once by deploy/bench/preload.sh, kept, reused). Floors:
# --floor-database (default modelops_bench, recreated unless --keep-bench-db). $BENCH_SERVICE_POOL_SIZE sets that
# service's connection pool (the service's default, 20, otherwise).
# The Markdown report goes to .local/bench/submissions-<timestamp>.md. Exit status 2: some operations failed.
#
# The API rows write to the service's database: every run leaves its bench-<timestamp>-<n> models, their versions,
# process instances and (append-only, undeletable) audit events there; the pre-loaded database grows by them.
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

# The state hook the benchmark calls around each database state's rows (internal; see --state-hook).
if [[ "${1:-}" == "__state" ]]; then
  ensure_secrets
  export PG_HOST=127.0.0.1 PG_PORT=5432
  case "$2:$3" in
    start:fresh)
      ensure_postgres - >/dev/null
      recreate_database "${BENCH_FRESH_DB}"
      start_bench_service "${BENCH_FRESH_DB}" "${BENCH_SERVICE_PORT}"
      ;;
    start:preloaded)
      # Every run grows this database (its versions stay open at approval): vacuum and analyse it first, so that
      # autovacuum of its large tables (a million audit events, hundreds of thousands of executions) does not run
      # in the middle of a measured row. It resets the tables' counts of changes since the last vacuum.
      log "Vacuuming and analysing ${BENCH_PRELOAD_DB} before its rows"
      pg_psql -d "${BENCH_PRELOAD_DB}" -c "VACUUM (ANALYZE)"
      start_bench_service "${BENCH_PRELOAD_DB}" "${BENCH_SERVICE_PORT}"
      ;;
    stop:*) stop_bench_service "${BENCH_SERVICE_PORT}" ;;
    *) die "unknown state hook call: $2 $3" ;;
  esac
  exit 0
fi

states=""
quick=false
keep_floor_db=false
fresh_db=modelops_bench_fresh
preload_db=""
floor_db=modelops_bench
service_port="${BENCH_SERVICE_PORT:-28490}"
bench_args=()
while (($#)); do
  case "$1" in
    -h | --help)
      build_bench_jar
      sed -n '2,28p' "$0" | sed 's/^# \{0,1\}//'
      echo
      exec "${JAVA_HOME}/bin/java" -jar "${BENCH_JAR}" --help
      ;;
    --database-state | --database-states) states="${2:?$1 needs fresh, preloaded or both}"; shift 2 ;;
    --quick) quick=true; bench_args+=(--quick); shift ;;
    --fresh-database) fresh_db="${2:?}"; shift 2 ;;
    --preload-database) preload_db="${2:?}"; shift 2 ;;
    --floor-database) floor_db="${2:?}"; shift 2 ;;
    --service-port) service_port="${2:?}"; shift 2 ;;
    --service-url) GOVERNANCE_URL="${2:?}"; shift 2 ;;
    --keep-bench-db) keep_floor_db=true; bench_args+=("$1"); shift ;;
    *) bench_args+=("$1"); shift ;;
  esac
done
if [[ "${quick}" == true && -z "${states}" ]]; then
  states=fresh,preloaded
fi
preload_db="${preload_db:-modelops_bench_preloaded$(if [[ "${quick}" == true ]]; then echo _quick; fi)}"

ensure_postgres "${floor_db}"
# The floors log in as the service role and migrate as the owner, with the passwords the local scripts generated.
export BENCH_DB_PASSWORD="${PG_ROLE_PASSWORD}" BENCH_DB_OWNER_PASSWORD="${PG_OWNER_PASSWORD}"
build_bench_jar

state_args=()
if [[ -n "${states}" ]]; then
  build_bench_service_jar
  list=""
  for state in ${states//,/ }; do
    case "${state}" in
      fresh) ;;
      preloaded)
        preload_args=(--database "${preload_db}" --service-port "${service_port}")
        [[ "${quick}" == true ]] && preload_args+=(--quick)
        "${REPO_ROOT}/deploy/bench/preload.sh" "${preload_args[@]}"
        BENCH_PRELOADED_SUMMARY="${preload_db}: $(pg_psql -d "${preload_db}" -tAc \
          "SELECT value FROM bench_preload WHERE phase = 'complete'")"
        export BENCH_PRELOADED_SUMMARY
        ;;
      *) die "--database-state takes fresh, preloaded or both: ${state}" ;;
    esac
    list="${list:+${list},}${state}=http://127.0.0.1:${service_port}"
  done
  export BENCH_FRESH_DB="${fresh_db}" BENCH_PRELOAD_DB="${preload_db}" BENCH_SERVICE_PORT="${service_port}"
  state_args=(--states "${list}" --state-hook "$(printf '%q' "${BASH_SOURCE[0]}") __state")
else
  check_service_jar
  if ! http_ok "${GOVERNANCE_URL}/health"; then
    printf 'ERROR: the service does not answer at %s/health. Start the local stack first (deploy/local/up.sh),\n' \
      "${GOVERNANCE_URL}" >&2
    printf '       pass --service-url, or measure on services of its own: --database-state fresh,preloaded\n' >&2
    exit 1
  fi
fi
if [[ "${keep_floor_db}" != true ]]; then
  recreate_database "${floor_db}"
fi

mkdir -p "${BENCH_OUT}"
marker="$(mktemp "${BENCH_OUT}/.started.XXXXXX")"
trap 'rm -f "${marker}"' EXIT

note="$(git_note)"

log "Running the submission benchmark ${bench_args[*]} ${state_args[*]}"
status=0
(cd "${REPO_ROOT}" && "${JAVA_HOME}/bin/java" -Xms256m -Xmx1g -jar "${BENCH_JAR}" \
  --service-url "${GOVERNANCE_URL}" \
  --jdbc-url "jdbc:postgresql://${PG_HOST}:${PG_PORT}/${floor_db}" \
  --out-dir "${BENCH_OUT}" --note "${note}" "${state_args[@]}" "${bench_args[@]}") || status=$?

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
