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
