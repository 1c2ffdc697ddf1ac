# shellcheck shell=bash
# Shared functions for the local stack scripts (up.sh, down.sh, test.sh).
# Source it; do not execute it. Every path is relative to the repository root, computed from this
# file's location, so the scripts work from any current directory.
#
# What works on this machine (no Docker) is recorded in /work/shared/NOTES.md; this file follows it:
# a JDK >= 21, the Debian PostgreSQL cluster, Keycloak's Quarkus distribution from Maven Central.

if [[ -n "${MODELOPS_LIB_SOURCED:-}" ]]; then
  return 0
fi
MODELOPS_LIB_SOURCED=1

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
LOCAL_DIR="${REPO_ROOT}/.local"
DOWNLOAD_DIR="${LOCAL_DIR}/downloads"
LOG_DIR="${LOCAL_DIR}/logs"
RUN_DIR="${LOCAL_DIR}/run"
# Secrets generated at first start (ensure_secrets), mode 600 in a mode 700 directory; .local/ is git-ignored. The
# database roles belong to the whole PostgreSQL cluster: checkouts that share it should share this directory
# (MODELOPS_SECRETS_DIR), or each start sets the roles' passwords to its own.
SECRETS_DIR="${MODELOPS_SECRETS_DIR:-${LOCAL_DIR}/secrets}"
# The audit checkpoints' witness outside the database (docs/audit.md): one file per stack, appended to by the service.
WITNESS_DIR="${LOCAL_DIR}/witness"

KEYCLOAK_VERSION="26.7.3"
KEYCLOAK_HOME="${LOCAL_DIR}/keycloak-${KEYCLOAK_VERSION}"
KEYCLOAK_PORT=8180
KEYCLOAK_URL="http://localhost:${KEYCLOAK_PORT}"
KEYCLOAK_REALM="modelops"
KEYCLOAK_REALM_FILE="${REPO_ROOT}/deploy/keycloak/modelops-realm.json"
KEYCLOAK_PIDFILE="${RUN_DIR}/keycloak.pid"
KEYCLOAK_LOG="${LOG_DIR}/keycloak.log"
# Checksum of the realm JSON that the current Keycloak dev database was imported from.
KEYCLOAK_REALM_SUM_FILE="${KEYCLOAK_HOME}/.modelops-realm.sha256"

PG_ROLE="modelops"
# Owns the schema and runs the migrations; the service's role (PG_ROLE) gets only the privileges it needs, so that
# it cannot lift the audit trail's protection (docs/audit.md). Both roles' passwords are generated (ensure_secrets).
PG_OWNER="modelops_owner"

MIN_JAVA=21

# ---------------------------------------------------------------------------------------------
# Messages

log() { printf '==> %s\n' "$*" >&2; }
info() { printf '    %s\n' "$*" >&2; }
warn() { printf 'WARNING: %s\n' "$*" >&2; }
die() {
  printf 'ERROR: %s\n' "$*" >&2
  exit 1
}

ensure_local_dirs() {
  mkdir -p "${DOWNLOAD_DIR}" "${LOG_DIR}" "${RUN_DIR}" "${WITNESS_DIR}"
}

# ---------------------------------------------------------------------------------------------
# Secrets

# random_secret: 32 random hexadecimal characters (safe inside SQL, URLs and YAML without quoting).
random_secret() {
  openssl rand -hex 16
}

# secret_file <name> <generator...>: the file .local/secrets/<name>, written once by the generator (mode 600).
secret_file() {
  local name="$1" file="${SECRETS_DIR}/$1" tmp
  shift
  if [[ ! -s "${file}" ]]; then
    tmp="$(mktemp "${SECRETS_DIR}/.${name}.XXXXXX")"
    "$@" >"${tmp}" || {
      rm -f "${tmp}"
      die "could not generate the secret ${name}"
    }
    chmod 600 "${tmp}"
    mv -f "${tmp}" "${file}"
    info "generated ${file#"${REPO_ROOT}"/}"
  fi
  chmod 600 "${file}"
  printf '%s\n' "${file}"
}

# audit_key_pair: a new Ed25519 key pair, as two lines: base64 PKCS#8 (private) and base64 X.509 (public).
audit_key_pair() {
  local pem
  pem="$(openssl genpkey -algorithm ed25519)" || return 1
  printf '%s\n' "${pem}" | openssl pkey -outform DER | base64 -w0 && printf '\n' &&
    printf '%s\n' "${pem}" | openssl pkey -pubout -outform DER | base64 -w0 && printf '\n'
}

audit_key_id() {
  printf 'local-%s\n' "$(date -u +%Y%m%d%H%M%S)"
}

# ensure_secrets: the local stack's secrets, generated at first start into .local/secrets/ (nothing secret is in the
# repository): both database roles' passwords, the audit signing key pair, the Keycloak client secret of the portal
# and Keycloak's bootstrap admin password. Sets PG_ROLE_PASSWORD, PG_OWNER_PASSWORD, AUDIT_KEY_ID, AUDIT_SIGNING_KEY,
# AUDIT_PUBLIC_KEY, PORTAL_CLIENT_SECRET and KEYCLOAK_ADMIN_PASSWORD. (The dev realm's `ci-pipeline` client keeps its
# documented development secret `ci-pipeline-secret`, which the README tour and the product's local contract use.)
# shellcheck disable=SC2034 # the audit key variables are for up.sh
ensure_secrets() {
  local old_umask key_file
  command -v openssl >/dev/null 2>&1 || die "openssl is needed to generate the local stack's secrets"
  old_umask="$(umask)"
  umask 077
  mkdir -p "${SECRETS_DIR}"
  chmod 700 "${SECRETS_DIR}"
  PG_ROLE_PASSWORD="$(<"$(secret_file "postgres-${PG_ROLE}-password" random_secret)")"
  PG_OWNER_PASSWORD="$(<"$(secret_file "postgres-${PG_OWNER}-password" random_secret)")"
  key_file="$(secret_file audit-signing-key-pair audit_key_pair)"
  AUDIT_SIGNING_KEY="$(sed -n 1p "${key_file}")"
  AUDIT_PUBLIC_KEY="$(sed -n 2p "${key_file}")"
  AUDIT_KEY_ID="$(<"$(secret_file audit-key-id audit_key_id)")"
  PORTAL_CLIENT_SECRET="$(<"$(secret_file keycloak-portal-client-secret random_secret)")"
  KEYCLOAK_ADMIN_PASSWORD="$(<"$(secret_file keycloak-admin-password random_secret)")"
  umask "${old_umask}"
  [[ -n "${AUDIT_SIGNING_KEY}" && -n "${AUDIT_PUBLIC_KEY}" ]] ||
    die "${key_file#"${REPO_ROOT}"/} does not hold a key pair (two base64 lines); delete it to generate a new one"
}

# ---------------------------------------------------------------------------------------------
# Java

# java_major <java-home>: prints the feature version (8, 17, 21, 25, ...) of that JDK, or nothing.
java_major() {
  local home="$1" version=""
  if [[ -r "${home}/release" ]]; then
    version="$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "${home}/release")"
  fi
  if [[ -z "${version}" && -x "${home}/bin/java" ]]; then
    version="$("${home}/bin/java" -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/\1/p' | head -n 1)"
  fi
  [[ -n "${version}" ]] || return 0
  version="${version#1.}" # 1.8.0_392 -> 8.0_392
  printf '%s\n' "${version%%[!0-9]*}"
}

# java_home_ok: true when $JAVA_HOME is a JDK >= 21.
java_home_ok() {
  local major
  [[ -n "${JAVA_HOME:-}" && -x "${JAVA_HOME}/bin/javac" ]] || return 1
  major="$(java_major "${JAVA_HOME}")"
  [[ -n "${major}" ]] && ((major >= MIN_JAVA))
}

# find_java: exports JAVA_HOME pointing at a JDK >= 21 and puts its bin/ first on PATH.
find_java() {
  local major candidate best="" best_major=0
  if [[ -n "${JAVA_HOME:-}" && -x "${JAVA_HOME}/bin/javac" ]]; then
    major="$(java_major "${JAVA_HOME}")"
    if [[ -n "${major}" ]] && ((major >= MIN_JAVA)); then
      best="${JAVA_HOME}"
      best_major="${major}"
    else
      info "JAVA_HOME=${JAVA_HOME} is Java ${major:-?}; looking for a JDK ${MIN_JAVA}+ instead"
    fi
  fi
  if [[ -z "${best}" ]]; then
    for candidate in /usr/lib/jvm/*; do
      [[ -x "${candidate}/bin/javac" && ! -L "${candidate}" ]] || continue
      major="$(java_major "${candidate}")"
      [[ -n "${major}" ]] || continue
      if ((major >= MIN_JAVA && major > best_major)); then
        best="${candidate}"
        best_major="${major}"
      fi
    done
  fi
  if [[ -z "${best}" ]]; then
    die "no JDK ${MIN_JAVA}+ found (checked \$JAVA_HOME and /usr/lib/jvm/*). Install a JDK ${MIN_JAVA}+
       (e.g. Eclipse Temurin 21 or 25 under /usr/lib/jvm; Debian 12's apt only has OpenJDK 17)
       or set JAVA_HOME to one."
  fi
  export JAVA_HOME="${best}"
  case ":${PATH}:" in
    ":${JAVA_HOME}/bin:"*) ;;
    *) export PATH="${JAVA_HOME}/bin:${PATH}" ;;
  esac
  # Maven 3.9's Guice warns about sun.misc.Unsafe on JDK 24+; that warning is noise here.
  if ((best_major >= 24)) && [[ "${MAVEN_OPTS:-}" != *--sun-misc-unsafe-memory-access* ]]; then
    export MAVEN_OPTS="${MAVEN_OPTS:+${MAVEN_OPTS} }--sun-misc-unsafe-memory-access=allow"
  fi
  log "Java ${best_major}: ${JAVA_HOME}"
}

# ---------------------------------------------------------------------------------------------
# Processes and HTTP

# pid_alive <pid>
pid_alive() {
  [[ -n "${1:-}" ]] && kill -0 "$1" 2>/dev/null
}

# pidfile_alive <file>: true when the file names a running process.
pidfile_alive() {
  local file="$1" pid
  [[ -s "${file}" ]] || return 1
  pid="$(<"${file}")"
  pid_alive "${pid}"
}

# http_status <url>: prints the HTTP status code (000 when nothing answers).
http_status() {
  curl -s -o /dev/null -w '%{http_code}' --connect-timeout 2 --max-time 5 "$1" 2>/dev/null || true
}

http_ok() {
  [[ "$(http_status "$1")" == "200" ]]
}

# wait_http <url> <seconds> <name> [pidfile]: waits until <url> answers 200. With a pidfile, fails
# early when that process dies (and shows the end of its log when the log path is known).
wait_http() {
  local url="$1" timeout="$2" name="$3" pidfile="${4:-}" logfile="${5:-}"
  local start now elapsed last_report=0
  start="$(date +%s)"
  log "Waiting for ${name} at ${url} (up to ${timeout} s)"
  while true; do
    if http_ok "${url}"; then
      now="$(date +%s)"
      info "${name} is up after $((now - start)) s"
      return 0
    fi
    now="$(date +%s)"
    elapsed=$((now - start))
    if [[ -n "${pidfile}" ]] && ! pidfile_alive "${pidfile}"; then
      [[ -n "${logfile}" && -r "${logfile}" ]] && tail -n 40 "${logfile}" >&2
      die "${name} exited before answering ${url}${logfile:+ (log: ${logfile})}"
    fi
    if ((elapsed >= timeout)); then
      [[ -n "${logfile}" && -r "${logfile}" ]] && tail -n 40 "${logfile}" >&2
      die "${name} did not answer 200 at ${url} within ${timeout} s${logfile:+ (log: ${logfile})}"
    fi
    if ((elapsed - last_report >= 15)); then
      info "still waiting for ${name} (${elapsed} s)"
      last_report="${elapsed}"
    fi
    sleep 2
  done
}

# stop_pidfile <file> [name]: stops the process named in the pid file (TERM, then KILL after
# 30 s), waits for it and removes the file. Does nothing when the file is absent or stale.
stop_pidfile() {
  local file="$1" name="${2:-$(basename "$1" .pid)}" pid i
  if [[ ! -e "${file}" ]]; then
    info "${name}: not running (no ${file#"${REPO_ROOT}"/})"
    return 0
  fi
  pid="$(<"${file}")"
  if ! pid_alive "${pid}"; then
    info "${name}: not running (stale pid file removed)"
    rm -f "${file}"
    return 0
  fi
  log "Stopping ${name} (pid ${pid})"
  kill -TERM "${pid}" 2>/dev/null || true
  for ((i = 0; i < 60; i++)); do
    pid_alive "${pid}" || break
    sleep 0.5
  done
  if pid_alive "${pid}"; then
    warn "${name} (pid ${pid}) still running after 30 s; sending KILL"
    kill -KILL "${pid}" 2>/dev/null || true
    for ((i = 0; i < 20; i++)); do
      pid_alive "${pid}" || break
      sleep 0.5
    done
  fi
  rm -f "${file}"
  info "${name} stopped"
}

# start_background <pidfile> <logfile> <command...>: starts a long-running process detached from
# this shell's session (so Ctrl-C on the calling script does not take it down) and records its pid.
start_background() {
  local pidfile="$1" logfile="$2"
  shift 2
  if [[ -e "${logfile}" ]]; then
    mv -f "${logfile}" "${logfile}.1"
  fi
  # Without job control the background child is not a process-group leader, so setsid does not
  # fork again and $! is the pid of the command itself.
  setsid nohup "$@" >"${logfile}" 2>&1 </dev/null &
  printf '%s\n' "$!" >"${pidfile}"
}

# stack_files <stack-name>: the pid files of a stack's service and portal (SERVICE_PIDFILE, PORTAL_PIDFILE) and the
# prefix of its other files (STACK_PREFIX); the developer's stack has the empty name.
# shellcheck disable=SC2034 # the variables are for the scripts that source this file
stack_files() {
  STACK_PREFIX="${1:+$1-}"
  SERVICE_PIDFILE="${RUN_DIR}/${STACK_PREFIX}service.pid"
  PORTAL_PIDFILE="${RUN_DIR}/${STACK_PREFIX}portal.pid"
}

# jar_is_stale <running-copy> <built-jar> <input...>: true when the jar that runs (the copy in .local/run, else
# the built one) is missing or older than any file under the inputs (paths relative to the repository root).
jar_is_stale() {
  local reference="$1" built="$2" input newer
  local -a inputs=()
  shift 2
  [[ -f "${reference}" ]] || reference="${built}"
  [[ -f "${reference}" ]] || return 0
  for input in "$@"; do
    [[ -e "${REPO_ROOT}/${input}" ]] && inputs+=("${REPO_ROOT}/${input}")
  done
  newer="$(find "${inputs[@]}" -type f -newer "${reference}" -print -quit)"
  [[ -n "${newer}" ]]
}

# build_jar <name> <maven-module> <built-jar> <running-copy> <input...>: builds the module (and what it needs) when
# its jar is stale; true when it built.
build_jar() {
  local name="$1" module="$2" built="$3" running="$4"
  shift 4
  if ! jar_is_stale "${running}" "${built}" "$@"; then
    log "${name^} jar is up to date (${built#"${REPO_ROOT}"/})"
    return 1
  fi
  log "Building the ${name} (./mvnw -pl ${module} -am package -DskipTests)"
  (cd "${REPO_ROOT}" && ./mvnw -B -q -pl "${module}" -am package -DskipTests) || die "the ${name} build failed"
  [[ -f "${built}" ]] || die "the build did not produce ${built#"${REPO_ROOT}"/}"
}

# ensure_jar_running <name> <health-url> <port> <pidfile> <log> <built-jar> <running-copy> <rebuilt> <java-opts>
#                    [VAR=value...]: makes sure the application answers 200 at <health-url>. One this script started
# is restarted when <rebuilt> is true; one it did not start is left alone (with a warning if it runs old code).
# It runs a copy of the jar: a later build rewrites the jar in target/, which would break a JVM still loading
# classes from it.
ensure_jar_running() {
  local name="$1" health="$2" port="$3" pidfile="$4" logfile="$5" built="$6" running="$7" rebuilt="$8"
  local -a java_opts=()
  read -r -a java_opts <<<"$9"
  shift 9
  if http_ok "${health}"; then
    if [[ "${rebuilt}" == true ]] && pidfile_alive "${pidfile}"; then
      log "Restarting the ${name} to run the new jar"
      stop_pidfile "${pidfile}" "${name}"
    else
      [[ "${rebuilt}" == true ]] &&
        warn "a ${name} not started by this script answers on port ${port}; it still runs the old code"
      log "${name^} already running on port ${port}"
      return 0
    fi
  fi
  if pidfile_alive "${pidfile}"; then
    info "${name} process $(<"${pidfile}") is still starting"
  else
    if [[ "$(http_status "${health}")" != "000" ]]; then
      die "port ${port} is taken by something that does not answer ${health} with 200"
    fi
    # -p keeps the jar's time: the JVM's class-data archive (up.sh) stays valid while the jar is unchanged.
    cp -p "${built}" "${running}"
    log "Starting the ${name} on port ${port} (log: ${logfile#"${REPO_ROOT}"/})"
    start_background "${pidfile}" "${logfile}" env "$@" "${JAVA_HOME}/bin/java" "${java_opts[@]}" -jar "${running}"
  fi
  wait_http "${health}" 120 "${name}" "${pidfile}" "${logfile}"
}

# ---------------------------------------------------------------------------------------------
# PostgreSQL (Debian's postgresql-common cluster tools)

as_root() {
  if ((EUID == 0)); then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    die "'$*' needs root (run as root or install sudo)"
  fi
}

# as_postgres <command...>: runs a command as the postgres OS user, from / (so psql does not
# complain that it cannot enter the caller's directory).
as_postgres() {
  if [[ "$(id -un)" == "postgres" ]]; then
    (cd / && "$@")
  elif ((EUID == 0)); then
    if command -v runuser >/dev/null 2>&1; then
      (cd / && runuser -u postgres -- "$@")
    else
      (cd / && su postgres -s /bin/sh -c "$(printf '%q ' "$@")")
    fi
  elif command -v sudo >/dev/null 2>&1; then
    (cd / && sudo -u postgres -- "$@")
  else
    die "running '$*' as the postgres user needs root or sudo"
  fi
}

# pg_version: prints the newest installed PostgreSQL server major version (nothing if none).
pg_version() {
  local bin
  for bin in /usr/lib/postgresql/*/bin/postgres; do
    [[ -x "${bin}" ]] || continue
    bin="${bin#/usr/lib/postgresql/}"
    printf '%s\n' "${bin%%/*}"
  done | sort -V | tail -n 1
}

# pg_cluster_field <ver> <field>: a column of `pg_lsclusters` for cluster <ver>/main
# (fields: 3 port, 4 status). Prints nothing when the cluster does not exist.
pg_cluster_field() {
  local ver="$1" field="$2"
  pg_lsclusters -h 2>/dev/null | awk -v v="${ver}" -v f="${field}" '$1 == v && $2 == "main" { print $f }'
}

pg_psql() {
  as_postgres psql -X -q -v ON_ERROR_STOP=1 -h /var/run/postgresql -p "${PG_PORT}" "$@"
}

# ensure_postgres <database>: ('-' for none) a running local cluster on 127.0.0.1:5432 with the roles modelops and
# modelops_owner (their passwords from ensure_secrets) and <database> owned by modelops_owner. Exports PG_HOST and
# PG_PORT.
ensure_postgres() {
  local db="${1:?usage: ensure_postgres <database>}" ver port status i
  [[ "${db}" == "-" || "${db}" =~ ^[a-z_][a-z0-9_]*$ ]] || die "invalid database name '${db}' (use lower case, digits, _)"
  export PG_HOST=127.0.0.1 PG_PORT=5432

  ver="$(pg_version)"
  if [[ -z "${ver}" ]]; then
    log "Installing PostgreSQL (apt-get install postgresql)"
    if ! as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2; then
      as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q >&2
      as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2
    fi
    ver="$(pg_version)"
    [[ -n "${ver}" ]] || die "PostgreSQL installation did not provide /usr/lib/postgresql/*/bin/postgres"
  fi

  if [[ -z "$(pg_cluster_field "${ver}" 2)" ]]; then
    log "Creating PostgreSQL cluster ${ver}/main on port ${PG_PORT}"
    as_root pg_createcluster -p "${PG_PORT}" "${ver}" main >&2
  fi
  port="$(pg_cluster_field "${ver}" 3)"
  if [[ "${port}" != "${PG_PORT}" ]]; then
    die "PostgreSQL cluster ${ver}/main is configured for port ${port}, expected ${PG_PORT}
       (set 'port = ${PG_PORT}' in /etc/postgresql/${ver}/main/postgresql.conf)"
  fi

  status="$(pg_cluster_field "${ver}" 4)"
  if [[ "${status}" != "online" ]]; then
    log "Starting PostgreSQL cluster ${ver}/main"
    as_root pg_ctlcluster "${ver}" main start >&2
  fi
  for ((i = 0; i < 60; i++)); do
    pg_isready -q -h "${PG_HOST}" -p "${PG_PORT}" && break
    sleep 0.5
  done
  pg_isready -q -h "${PG_HOST}" -p "${PG_PORT}" ||
    die "PostgreSQL ${ver}/main does not accept connections on ${PG_HOST}:${PG_PORT}
       (log: /var/log/postgresql/postgresql-${ver}-main.log)"

  [[ -n "${PG_ROLE_PASSWORD:-}" && -n "${PG_OWNER_PASSWORD:-}" ]] || ensure_secrets
  ensure_role "${PG_ROLE}" "${PG_ROLE_PASSWORD}"
  ensure_role "${PG_OWNER}" "${PG_OWNER_PASSWORD}"
  [[ "${db}" == "-" ]] && return 0
  if [[ "$(pg_psql -tAc "SELECT 1 FROM pg_database WHERE datname = '${db}'")" != "1" ]]; then
    log "Creating PostgreSQL database ${db} (owner ${PG_OWNER})"
    pg_psql -c "CREATE DATABASE ${db} OWNER ${PG_OWNER}"
  fi
  grant_service_privileges "${db}"
  log "PostgreSQL ${ver}: postgresql://${PG_ROLE}@${PG_HOST}:${PG_PORT}/${db} ready"
}

# ensure_role <role> <password>: a login role with that password (a role from before the generated passwords, with
# its documented default, gets the new one). It is neither superuser nor able to create roles or databases, and the
# service's role is no member of the owner (docs/audit.md).
ensure_role() {
  local role="$1" password="$2"
  [[ "${password}" =~ ^[0-9a-f]{32,}$ ]] || die "the password of ${role} is not a generated secret (${SECRETS_DIR#"${REPO_ROOT}"/})"
  if [[ "$(pg_psql -tAc "SELECT 1 FROM pg_roles WHERE rolname = '${role}'")" != "1" ]]; then
    log "Creating PostgreSQL role ${role}"
    # psql reads the statement from standard input, so that the password is not on a command line.
    pg_psql <<<"CREATE ROLE ${role} LOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB PASSWORD '${password}'"
  else
    pg_psql <<<"ALTER ROLE ${role} LOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB PASSWORD '${password}'"
  fi
  if [[ "${role}" == "${PG_OWNER}" ]]; then
    pg_psql <<<"DO \$\$ BEGIN IF pg_has_role('${PG_ROLE}', '${PG_OWNER}', 'MEMBER') THEN
      REVOKE ${PG_OWNER} FROM ${PG_ROLE}; END IF; END \$\$"
  fi
}

# grant_service_privileges <database>: the service's role may use the schema (the workflow engine creates its own
# tables) and read and write the tables the owner creates; migrations then take UPDATE, DELETE and TRUNCATE on the
# audit tables away from every role.
grant_service_privileges() {
  local db="$1" owner
  owner="$(pg_psql -tAc "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = '${db}'")"
  if [[ "${owner}" != "${PG_OWNER}" ]]; then
    warn "database ${db} is owned by ${owner}, not ${PG_OWNER}: it predates the separate owner role.
       Recreate it to get the audit trail's full protection (its data is lost):
       runuser -u postgres -- psql -c 'DROP DATABASE ${db} WITH (FORCE)' and run this script again."
    return 0
  fi
  pg_psql -d "${db}" >&2 <<SQL
GRANT USAGE, CREATE ON SCHEMA public TO ${PG_ROLE};
ALTER DEFAULT PRIVILEGES FOR ROLE ${PG_OWNER} IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${PG_ROLE};
ALTER DEFAULT PRIVILEGES FOR ROLE ${PG_OWNER} IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${PG_ROLE};
SQL
}

# ---------------------------------------------------------------------------------------------
# Keycloak (Quarkus distribution, dev mode with its embedded H2 database)

# recreate_database <database>: drops and recreates it (tests start from an empty schema every run).
recreate_database() {
  local db="${1:?usage: recreate_database <database>}"
  [[ "${db}" =~ ^[a-z_][a-z0-9_]*$ ]] || die "invalid database name '${db}'"
  log "Recreating PostgreSQL database ${db} (owner ${PG_OWNER})"
  pg_psql -c "DROP DATABASE IF EXISTS ${db} WITH (FORCE)" >&2
  pg_psql -c "CREATE DATABASE ${db} OWNER ${PG_OWNER}" >&2
  grant_service_privileges "${db}"
}

keycloak_well_known_url() {
  printf '%s/realms/%s/.well-known/openid-configuration\n' "${KEYCLOAK_URL}" "${KEYCLOAK_REALM}"
}

# keycloak_install: downloads (through Maven, from Maven Central) and unpacks Keycloak once.
keycloak_install() {
  local zip="${DOWNLOAD_DIR}/keycloak-quarkus-dist-${KEYCLOAK_VERSION}.zip" tmp
  [[ -x "${KEYCLOAK_HOME}/bin/kc.sh" ]] && return 0
  ensure_local_dirs
  if [[ ! -s "${zip}" ]]; then
    log "Downloading Keycloak ${KEYCLOAK_VERSION} (~177 MB, through Maven)"
    # -N: only the root project, so the service modules (and their build) are not involved.
    (cd "${REPO_ROOT}" && ./mvnw -q -B -N dependency:copy \
      "-Dartifact=org.keycloak:keycloak-quarkus-dist:${KEYCLOAK_VERSION}:zip" \
      "-DoutputDirectory=${DOWNLOAD_DIR}") ||
      die "downloading org.keycloak:keycloak-quarkus-dist:${KEYCLOAK_VERSION}:zip failed"
    [[ -s "${zip}" ]] || die "Maven did not produce ${zip}"
  fi
  log "Unpacking Keycloak into ${KEYCLOAK_HOME#"${REPO_ROOT}"/}"
  tmp="$(mktemp -d "${LOCAL_DIR}/keycloak-unzip.XXXXXX")"
  if ! unzip -q "${zip}" -d "${tmp}"; then
    rm -rf "${tmp}" "${zip}"
    die "could not unpack ${zip} (deleted it; run again to download it anew)"
  fi
  [[ -x "${tmp}/keycloak-${KEYCLOAK_VERSION}/bin/kc.sh" ]] || {
    rm -rf "${tmp}"
    die "unexpected layout in ${zip} (no keycloak-${KEYCLOAK_VERSION}/bin/kc.sh)"
  }
  rm -rf "${KEYCLOAK_HOME}"
  mv "${tmp}/keycloak-${KEYCLOAK_VERSION}" "${KEYCLOAK_HOME}"
  rmdir "${tmp}"
}

# ensure_keycloak: Keycloak on http://localhost:8180 with the realm from
# deploy/keycloak/modelops-realm.json. Re-imports (fresh dev database) when that file changed.
ensure_keycloak() {
  local sum old_sum="" realm_changed=false
  [[ -r "${KEYCLOAK_REALM_FILE}" ]] || die "missing ${KEYCLOAK_REALM_FILE}"
  ensure_local_dirs
  keycloak_install

  [[ -n "${PORTAL_CLIENT_SECRET:-}" && -n "${KEYCLOAK_ADMIN_PASSWORD:-}" ]] || ensure_secrets
  # The realm is imported with the generated secrets (placeholders in the realm file): a new secret re-imports it.
  sum="$({
    cat "${KEYCLOAK_REALM_FILE}"
    printf '%s\n' "${PORTAL_CLIENT_SECRET}" "${KEYCLOAK_ADMIN_PASSWORD}"
  } | sha256sum | cut -d' ' -f1)"
  if [[ -r "${KEYCLOAK_REALM_SUM_FILE}" ]]; then
    old_sum="$(<"${KEYCLOAK_REALM_SUM_FILE}")"
  fi
  if [[ "${sum}" != "${old_sum}" ]]; then
    realm_changed=true
  fi

  if http_ok "$(keycloak_well_known_url)"; then
    if [[ "${realm_changed}" == false ]]; then
      log "Keycloak already running at ${KEYCLOAK_URL} (realm ${KEYCLOAK_REALM})"
      return 0
    fi
    if ! pidfile_alive "${KEYCLOAK_PIDFILE}"; then
      warn "Keycloak at ${KEYCLOAK_URL} was not started by this script (no live ${KEYCLOAK_PIDFILE#"${REPO_ROOT}"/});
         ${KEYCLOAK_REALM_FILE#"${REPO_ROOT}"/} changed but cannot be re-imported. Stop that Keycloak and run again."
      return 0
    fi
  fi

  if [[ "${realm_changed}" == true ]]; then
    if pidfile_alive "${KEYCLOAK_PIDFILE}"; then
      log "Realm file changed: restarting Keycloak with a fresh dev database"
      stop_pidfile "${KEYCLOAK_PIDFILE}" keycloak
    fi
    if [[ -d "${KEYCLOAK_HOME}/data/h2" ]]; then
      info "removing Keycloak's dev database (${KEYCLOAK_HOME#"${REPO_ROOT}"/}/data/h2) so the realm is imported again"
      rm -rf "${KEYCLOAK_HOME}/data/h2"
    fi
  fi

  mkdir -p "${KEYCLOAK_HOME}/data/import"
  cmp -s "${KEYCLOAK_REALM_FILE}" "${KEYCLOAK_HOME}/data/import/modelops-realm.json" ||
    cp "${KEYCLOAK_REALM_FILE}" "${KEYCLOAK_HOME}/data/import/modelops-realm.json"

  if pidfile_alive "${KEYCLOAK_PIDFILE}"; then
    info "Keycloak process $(<"${KEYCLOAK_PIDFILE}") is still starting"
  else
    if [[ "$(http_status "${KEYCLOAK_URL}/")" != "000" ]]; then
      die "port ${KEYCLOAK_PORT} is taken by something that is not this stack's Keycloak"
    fi
    java_home_ok || find_java
    log "Starting Keycloak ${KEYCLOAK_VERSION} on port ${KEYCLOAK_PORT} (log: ${KEYCLOAK_LOG#"${REPO_ROOT}"/})"
    # Secrets through the environment, not the command line.
    (
      export JAVA_HOME KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD="${KEYCLOAK_ADMIN_PASSWORD}" \
        MODELOPS_PORTAL_CLIENT_SECRET="${PORTAL_CLIENT_SECRET}"
      start_background "${KEYCLOAK_PIDFILE}" "${KEYCLOAK_LOG}" \
        "${KEYCLOAK_HOME}/bin/kc.sh" start-dev "--http-port=${KEYCLOAK_PORT}" --import-realm
    )
  fi
  wait_http "$(keycloak_well_known_url)" 180 "Keycloak realm ${KEYCLOAK_REALM}" \
    "${KEYCLOAK_PIDFILE}" "${KEYCLOAK_LOG}"
  printf '%s\n' "${sum}" >"${KEYCLOAK_REALM_SUM_FILE}"
}

# ---------------------------------------------------------------------------------------------
# Browser tests

# ensure_chromium: Debian's Chromium and the matching ChromeDriver for the portal's end-to-end tests.
ensure_chromium() {
  if [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]]; then
    return 0
  fi
  command -v apt-get >/dev/null 2>&1 || die "the browser tests need /usr/bin/chromium and /usr/bin/chromedriver"
  log "Installing Chromium and ChromeDriver (apt-get install chromium chromium-driver)"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null ||
    warn "apt-get update failed; trying the install with the package lists at hand"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null ||
    die "installing chromium and chromium-driver failed"
}
