#!/usr/bin/env bash
# Measures the governance service's start-up and footprint on a private port with its own database (nothing on the
# shared ports is touched): time from `java -jar` to /health answering 200 (the database already up), the JVM's own
# "Startup completed" figure, resident memory (VmRSS) when ready and at most while --clients clients read the inbox
# and the catalog for --seconds (tokens from Keycloak's password grant for dana), then stops the service it started.
#   deploy/bench/startup.sh --database modelops_h_perf --port 18990
#   deploy/bench/startup.sh --database modelops_h_perf --port 18990 --java-opts "-XX:+UseSerialGC -Xss512k" --runs 3
#   deploy/bench/startup.sh --database modelops_h_perf --port 18990 --no-cds
# As deploy/local/up.sh, the service runs with a class-data archive (--cds FILE, default .local/bench/startup.jsa): the
# JVM writes it when the service stops and maps it at the next start; a run whose archive was missing or older than the
# jar says so in the table (it starts without one and writes it). --no-cds: plain `java -jar`.
# The jar must be built (./mvnw -pl governance-service -am package -DskipTests). Run once first on a fresh database:
# the first start also migrates the schema and creates the engine's tables, which is not "start-up after the
# database is up". The service writes to that database (its policies, signed audit checkpoints with the local key):
# use a scratch database, not one the tests use. Output: a Markdown table on standard output; STARTUP_KEEP_LOGS=DIR keeps the service logs.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=../local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../local/lib.sh"

database=""
port=18990
service_opts="${SERVICE_JAVA_OPTS:-}"
keycloak_url="${KEYCLOAK_URL:-http://localhost:8180}"
clients=8
seconds=20
runs=3
cds_archive="${LOCAL_DIR}/bench/startup.jsa"
while (($#)); do
  case "$1" in
    --database) database="${2:?}"; shift 2 ;;
    --port) port="${2:?}"; shift 2 ;;
    --java-opts) service_opts="${2}"; shift 2 ;;
    --keycloak-url) keycloak_url="${2:?}"; shift 2 ;;
    --clients) clients="${2:?}"; shift 2 ;;
    --seconds) seconds="${2:?}"; shift 2 ;;
    --runs) runs="${2:?}"; shift 2 ;;
    --cds) cds_archive="${2:?}"; shift 2 ;;
    --no-cds) cds_archive=""; shift ;;
    -h | --help) sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $1" ;;
  esac
done
[[ -n "${database}" ]] || die "--database is required (a database of your own; it is migrated)"
case "${port}" in 8080 | 8081 | 8180 | 18080 | 18081) die "port ${port} is a shared one; pick a private port" ;; esac

find_java
ensure_secrets
ensure_postgres "${database}"
jar="${REPO_ROOT}/governance-service/target/governance-service-0.1.0-SNAPSHOT.jar"
[[ -s "${jar}" ]] || die "no ${jar#"${REPO_ROOT}"/}: build it first"
work="$(mktemp -d)"
url="http://127.0.0.1:${port}"

rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
# CPU seconds (user + system) the process has used so far: far less sensitive to other load than wall-clock time.
cpu_seconds() { awk -v tck="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / tck}' "/proc/$1/stat" 2>/dev/null || echo 0; }

token="$(curl -fsS -d grant_type=password -d client_id=modelops-cli -d username=dana -d password=demo \
  "${keycloak_url}/realms/modelops/protocol/openid-connect/token" | sed -E 's/.*"access_token":"([^"]+)".*/\1/')" ||
  die "no token from ${keycloak_url}"

printf '| run | JVM options | CDS archive | ready after (s) | CPU until ready (s) | "Startup completed" (ms) | RSS ready (MiB) | RSS max under load (MiB) | requests under load |\n'
printf '|---:|---|---|---:|---:|---:|---:|---:|---:|\n'
for ((run = 1; run <= runs; run++)); do
  log="${work}/service-${run}.log"
  cds_opts=""
  cds_state="none"
  if [[ -n "${cds_archive}" ]]; then
    mkdir -p "$(dirname "${cds_archive}")"
    cds_opts="-XX:SharedArchiveFile=${cds_archive} -XX:+AutoCreateSharedArchive"
    if [[ -s "${cds_archive}" && "${cds_archive}" -nt "${jar}" ]]; then cds_state="used"; else cds_state="written at stop"; fi
  fi
  # shellcheck disable=SC2086 # cds_opts and service_opts are lists of options
  env DATASOURCES_DEFAULT_PASSWORD="${PG_ROLE_PASSWORD}" GOVERNANCE_MIGRATION_PASSWORD="${PG_OWNER_PASSWORD}" \
    GOVERNANCE_AUDIT_KEY_ID="${AUDIT_KEY_ID}" GOVERNANCE_AUDIT_SIGNING_KEY="${AUDIT_SIGNING_KEY}" \
    GOVERNANCE_AUDIT_PUBLIC_KEY="${AUDIT_PUBLIC_KEY}" GOVERNANCE_PORT="${port}" \
    DATASOURCES_DEFAULT_URL="jdbc:postgresql://${PG_HOST}:${PG_PORT}/${database}" \
    DATASOURCES_DEFAULT_USERNAME="${PG_ROLE}" GOVERNANCE_MIGRATION_USERNAME="${PG_OWNER}" \
    GOVERNANCE_OIDC_ISSUER="${keycloak_url}/realms/modelops" \
    "${JAVA_HOME}/bin/java" ${cds_opts} ${service_opts} -jar "${jar}" >"${log}" 2>&1 &
  pid=$!
  start=$(date +%s%N)
  until curl -fs -o /dev/null "${url}/health"; do
    kill -0 "${pid}" 2>/dev/null || { tail -20 "${log}" >&2; die "the service exited; log above"; }
    (( $(date +%s%N) - start < 120000000000 )) || { kill "${pid}"; die "not ready after 120 s"; }
    sleep 0.05
  done
  ready=$(( ($(date +%s%N) - start) / 1000000 ))
  cpu_ready=$(cpu_seconds "${pid}")
  completed="$(sed -nE 's/.*Startup completed in ([0-9]+)ms.*/\1/p' "${log}" | head -1)"
  rss_ready=$(rss_kib "${pid}")
  end=$(( $(date +%s) + seconds ))
  client_pids=()
  for ((c = 0; c < clients; c++)); do
    (n=0; while (( $(date +%s) < end )); do
      curl -fs -o /dev/null -H "Authorization: Bearer ${token}" "${url}/api/v1/tasks?size=20" && n=$((n + 1))
      curl -fs -o /dev/null -H "Authorization: Bearer ${token}" "${url}/api/v1/models?size=20" && n=$((n + 1))
    done; echo "${n}" >"${work}/client-${run}-${c}") &
    client_pids+=("$!")
  done
  rss_max="${rss_ready}"
  while (( $(date +%s) < end )); do
    rss=$(rss_kib "${pid}"); (( rss > rss_max )) && rss_max="${rss}"
    sleep 0.2
  done
  wait "${client_pids[@]}" 2>/dev/null || true
  requests=$(cat "${work}"/client-"${run}"-* | paste -sd+ | bc)
  kill "${pid}"; wait "${pid}" 2>/dev/null || true
  printf '| %d | `%s` | %s | %.2f | %s | %s | %.0f | %.0f | %d |\n' "${run}" "${service_opts:-(defaults)}" "${cds_state}" \
    "$(echo "${ready} / 1000" | bc -l)" "${cpu_ready}" "${completed:-?}" "$(echo "${rss_ready} / 1024" | bc -l)" \
    "$(echo "${rss_max} / 1024" | bc -l)" "${requests}"
done
if [[ -n "${STARTUP_KEEP_LOGS:-}" ]]; then mkdir -p "${STARTUP_KEEP_LOGS}"; cp "${work}"/service-*.log "${STARTUP_KEEP_LOGS}/"; fi
rm -rf "${work}"
