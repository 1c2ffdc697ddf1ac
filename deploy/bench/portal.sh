#!/usr/bin/env bash
# Measures what portal users cost: sign-in through Keycloak's form plus the landing page, page loads of the main
# views (the server renders them, calling the governance service), and the portal's heap per open session (jcmd on
# the portal's JVM after a full GC). Starts the local stack with deploy/local/up.sh when it is not running. Each run
# adds nothing to the governance data (it only reads). Arguments go to the benchmark, e.g.
#   deploy/bench/portal.sh
#   deploy/bench/portal.sh --sessions 300 --renders 50
#   deploy/bench/portal.sh --help
# The Markdown report goes to .local/bench/portal-<timestamp>.md.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=../local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../local/lib.sh"
# shellcheck source-path=SCRIPTDIR source=bench-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"

PORTAL_PIDFILE="${RUN_DIR}/portal.pid"

run_benchmark() {
  "${JAVA_HOME}/bin/java" -Xms64m -Xmx512m -cp "${BENCH_JAR}" org.modelops.bench.PortalBenchmark "$@"
}

find_java
for arg in "$@"; do
  if [[ "${arg}" == "-h" || "${arg}" == "--help" ]]; then
    build_bench_jar
    run_benchmark --help
    exit 0
  fi
done

"${REPO_ROOT}/deploy/local/up.sh" >/dev/null
pidfile_alive "${PORTAL_PIDFILE}" ||
  die "the portal on :8081 was not started by up.sh (no live ${PORTAL_PIDFILE#"${REPO_ROOT}"/}); its heap cannot be read"
build_bench_jar

note="$(git_note)"
log "Running the portal benchmark $*"
run_benchmark --portal-pid "$(<"${PORTAL_PIDFILE}")" --out-dir "${BENCH_OUT}" --note "${note}" "$@"
