#!/usr/bin/env bash
# Measures what portal users cost, against a portal, service and Keycloak given by URL (nothing is started unless
# --start-local-stack is given; other people's stacks on the shared ports are left alone):
#   1. (--inbox-tasks N) the inbox's first paint with N open decisions: tops dana's inbox up to N through the API
#      (LOW-risk versions waiting for one approval; they stay in that database), then times in headless Chromium
#      (Debian's chromium + chromedriver) from asking for /decisions to the summary and the grid's first row painted.
#      Runs portal/src/test/.../e2e/InboxFirstPaintIT; report in portal/target/inbox-first-paint.md.
#   2. (unless --first-paint-only) sign-in through Keycloak's form plus the landing page, page loads of the main
#      views, and the portal's heap per open session (jcmd on the portal's JVM, --portal-pid). Report in
#      .local/bench/portal-<timestamp>.md.
#   (1.) --portal-seen-as URL: the browser asks for the portal at URL, which Chromium maps to --portal-url (a portal on
#      a port that the realm's redirect URIs do not list signs in under one they do, e.g. http://localhost:18081,
#      without binding that port; the portal builds its redirect URI from the Host header the browser sends).
# Examples:
#   deploy/bench/portal.sh --portal-url http://localhost:28081 --service-url http://localhost:28080 \
#       --keycloak-url http://localhost:8180 --inbox-tasks 10000 --first-paint-only
#   deploy/bench/portal.sh --portal-url http://localhost:28581 --portal-seen-as http://localhost:18081 \
#       --service-url http://localhost:28580 --keycloak-url http://localhost:8180 --inbox-tasks 10000 --first-paint-only
#   deploy/bench/portal.sh --start-local-stack --sessions 300 --renders 50
#   deploy/bench/portal.sh --help
# Environment instead of options: PORTAL_URL, GOVERNANCE_URL, KEYCLOAK_URL.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=../local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../local/lib.sh"
# shellcheck source-path=SCRIPTDIR source=bench-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"

PORTAL_PIDFILE="${RUN_DIR}/portal.pid"
portal_url="${PORTAL_URL:-http://localhost:8081}"
service_url="${GOVERNANCE_URL:-http://localhost:8080}"
keycloak_url="${KEYCLOAK_URL:-http://localhost:8180}"
inbox_tasks=0
portal_seen_as=""
first_paint_only=false
start_stack=false
portal_pid=""
bench_args=()

usage() {
  sed -n '2,21p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  cat <<'USAGE'
Options: --portal-url URL --service-url URL --keycloak-url URL --inbox-tasks N --first-paint-only
         --portal-seen-as URL (the first paint only)
         --start-local-stack (deploy/local/up.sh: the shared ports) --portal-pid PID (for the heap figures);
         anything else goes to the page-load benchmark (--sessions, --renders; see its --help).
USAGE
}

while (($#)); do
  case "$1" in
    --portal-url) portal_url="${2:?}"; shift 2 ;;
    --service-url) service_url="${2:?}"; shift 2 ;;
    --keycloak-url) keycloak_url="${2:?}"; shift 2 ;;
    --inbox-tasks) inbox_tasks="${2:?}"; shift 2 ;;
    --portal-seen-as) portal_seen_as="${2:?}"; shift 2 ;;
    --first-paint-only) first_paint_only=true; shift ;;
    --start-local-stack) start_stack=true; shift ;;
    --portal-pid) portal_pid="${2:?}"; shift 2 ;;
    -h | --help)
      usage
      find_java
      build_bench_jar
      "${JAVA_HOME}/bin/java" -cp "${BENCH_JAR}" org.modelops.bench.PortalBenchmark --help || true
      exit 0
      ;;
    *) bench_args+=("$1"); shift ;;
  esac
done
[[ "${inbox_tasks}" =~ ^[0-9]+$ ]] || die "--inbox-tasks must be a number, was '${inbox_tasks}'"

find_java
if "${start_stack}"; then
  "${REPO_ROOT}/deploy/local/up.sh" >/dev/null
  pidfile_alive "${PORTAL_PIDFILE}" && portal_pid="$(<"${PORTAL_PIDFILE}")"
fi
http_ok "${service_url}/health" || die "the service does not answer at ${service_url}/health"
http_ok "${keycloak_url}/realms/modelops" || die "Keycloak does not answer at ${keycloak_url}/realms/modelops"

http_ok "${portal_url}/actuator/health" || die "the portal does not answer at ${portal_url}/actuator/health"

# host:port of a URL (the default port of its scheme when it names none).
host_port() {
  local rest="${1#*://}" scheme="${1%%://*}"
  rest="${rest%%/*}"
  [[ "${rest}" == *:* ]] || rest="${rest}:$([[ "${scheme}" == https ]] && echo 443 || echo 80)"
  printf '%s\n' "${rest}"
}

browser_url="${portal_url}"
host_rules=""
if [[ -n "${portal_seen_as}" ]]; then
  browser_url="${portal_seen_as%/}"
  seen="$(host_port "${browser_url}")"
  real="$(host_port "${portal_url}")"
  host_rules="MAP ${seen} ${real/#localhost:/127.0.0.1:}"
  info "the browser reaches ${portal_url} as ${browser_url} (${host_rules})"
fi

note="$(git_note)"
if ((inbox_tasks > 0)); then
  log "Inbox first paint with ${inbox_tasks} open decisions (portal ${browser_url}, service ${service_url})"
  (cd "${REPO_ROOT}" && ./mvnw -B -q -pl portal -Pe2e verify -Dit.test=InboxFirstPaintIT -Dtest=none \
    -Dsurefire.failIfNoSpecifiedTests=false -Dinbox.tasks="${inbox_tasks}" -De2e.portal-url="${browser_url}" \
    -De2e.host-resolver-rules="${host_rules}" -De2e.service-url="${service_url}" -De2e.keycloak-url="${keycloak_url}")
  log "Report: portal/target/inbox-first-paint.md (${note})"
fi
"${first_paint_only}" && exit 0

[[ -n "${portal_pid}" ]] || die "the page-load benchmark reads the portal's heap: pass --portal-pid (or --first-paint-only)"
build_bench_jar
log "Running the portal benchmark ${bench_args[*]:-}"
"${JAVA_HOME}/bin/java" -Xms64m -Xmx512m -cp "${BENCH_JAR}" org.modelops.bench.PortalBenchmark \
  --portal "${portal_url}" --portal-pid "${portal_pid}" --out-dir "${BENCH_OUT}" --note "${note}" ${bench_args[@]+"${bench_args[@]}"}
