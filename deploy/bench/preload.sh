#!/usr/bin/env bash
# Grows a database to the size the growth benchmarks measure on (docs/benchmarks.md, "The pre-loaded database"):
# 100 000 versions of 2 000 models, 1 000 000 chained audit events and 10 000 open lifecycles waiting at their
# approval with their reminder and escalation timers (--quick: a tenth of each). The database is created when
# missing; one already loaded at these sizes is left as it is (a marker table, bench_preload), so a second call
# returns at once, and a call stopped half-way resumes.
#
#   deploy/bench/preload.sh --database modelops_bench_preloaded
#   deploy/bench/preload.sh --database modelops_bench_preloaded_quick --quick
#   deploy/bench/preload.sh --database NAME --service-url http://127.0.0.1:8090   (a service already on NAME)
#   deploy/bench/preload.sh --database NAME -- --lifecycles 2000 ...               (options of the loader)
#
# Without --service-url it starts the service jar on a private port (--service-port, default $BENCH_SERVICE_PORT or
# 28490) against the database, which migrates it and creates the open lifecycles through its API, and stops it at the
# end. Needs PostgreSQL and the local Keycloak (8180) for the ci-pipeline token; touches no other database or port.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=../local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../local/lib.sh"
# shellcheck source-path=SCRIPTDIR source=bench-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"

database=""
size=full
service_url=""
service_port="${BENCH_SERVICE_PORT:-28490}"
loader_args=()
while (($#)); do
  case "$1" in
    --database) database="${2:?--database needs a name}"; shift 2 ;;
    --quick) size=quick; shift ;;
    --service-url) service_url="${2:?--service-url needs a URL}"; shift 2 ;;
    --service-port) service_port="${2:?--service-port needs a number}"; shift 2 ;;
    --) shift; loader_args=("$@"); break ;;
    -h | --help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done
[[ -n "${database}" ]] || die "--database NAME is required"

find_java
ensure_secrets
ensure_postgres "${database}"
export BENCH_DB_PASSWORD="${PG_ROLE_PASSWORD}" BENCH_DB_OWNER_PASSWORD="${PG_OWNER_PASSWORD}"
build_bench_jar

loader() {
  (cd "${REPO_ROOT}" && "${JAVA_HOME}/bin/java" -Xms256m -Xmx2g -cp "${BENCH_JAR}" org.modelops.bench.Preloader \
    --jdbc-url "jdbc:postgresql://${PG_HOST}:${PG_PORT}/${database}" --size "${size}" "$@")
}

# Loaded already? (exit 3: not yet; 1: the schema is not there yet, or other sizes - the full run says which)
status=0
loader --check "${loader_args[@]}" 2>/dev/null || status=$?
if ((status == 0)); then
  log "Database ${database} is already pre-loaded (${size}); nothing to do"
  exit 0
fi

started_here=false
if [[ -z "${service_url}" ]]; then
  build_bench_service_jar
  start_bench_service "${database}" "${service_port}"
  started_here=true
  service_url="http://127.0.0.1:${service_port}"
  trap 'stop_bench_service "${service_port}"' EXIT
fi

log "Pre-loading ${database} (${size}) through ${service_url}"
start="$(date +%s)"
loader --service-url "${service_url}" --verify-as "${BENCH_VERIFIER:-carl:demo}" "${loader_args[@]}"
log "Pre-load of ${database} took $(($(date +%s) - start)) s$([[ "${started_here}" == true ]] && echo ' (service start not included)')"
