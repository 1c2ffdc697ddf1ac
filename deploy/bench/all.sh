#!/usr/bin/env bash
# Runs the issue-14 benchmarks one after the other on this machine and writes one report that holds them all:
#   1. audit appends at 1, 4, 16 writers, verification and export of a million events (audit.sh; PostgreSQL only);
#   2. governed submissions on a fresh and on the pre-loaded database, with the floors (submissions.sh; Keycloak for
#      the tokens, its own service instance per database);
#   3. the local stack (deploy/local/up.sh: service and portal with the demo data), started only now so that its
#      idle JVMs do not share the cores with the first two;
#   4. the portal inbox's first paint with 10 000 open decisions (portal.sh, against the local stack).
# Usage: deploy/bench/all.sh [--quick]   (--quick: each benchmark's own --quick, a few minutes each)
# The combined report goes to .local/bench/all-<timestamp>.md; each benchmark's own report stays beside it.
# Run it on an otherwise idle machine: the figures are what docs/benchmarks.md's history table keeps.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=../local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../local/lib.sh"

quick=false
case "${1:-}" in
  --quick) quick=true ;;
  "") ;;
  *) die "usage: deploy/bench/all.sh [--quick]" ;;
esac

bench_dir="${REPO_ROOT}/.local/bench"
mkdir -p "${bench_dir}"
stamp="$(date -u +%Y%m%d-%H%M%S)"
report="${bench_dir}/all-${stamp}.md"
marker="$(mktemp)"
trap 'rm -f "${marker}"' EXIT

newest() { # newest report matching $1 written after the marker
  find "${bench_dir}" -maxdepth 1 -name "$1" -newer "${marker}" -printf '%T@ %p\n' | sort -n | tail -1 | cut -d' ' -f2-
}

find_java
ensure_secrets
ensure_postgres - >/dev/null
if ${quick}; then
  "${REPO_ROOT}/deploy/bench/audit.sh" --quick
else
  "${REPO_ROOT}/deploy/bench/audit.sh" --writers 1,4,16 --seconds 10 --warmup 3 --verify-events 1000000 \
    --top-up-appends 5000
fi
ensure_keycloak
if ${quick}; then
  "${REPO_ROOT}/deploy/bench/submissions.sh" --quick
else
  "${REPO_ROOT}/deploy/bench/submissions.sh" --database-state fresh,preloaded --clients 1,4,16 --seconds 10 \
    --warmup 5 --service-warmup 30
fi
log "Starting the local stack for the portal"
"${REPO_ROOT}/deploy/local/up.sh" >/dev/null
"${REPO_ROOT}/deploy/bench/portal.sh" --inbox-tasks "$(${quick} && echo 1000 || echo 10000)" --first-paint-only

{
  printf '# Benchmarks, one run (deploy/bench/all.sh%s)\n\n' "$(${quick} && echo ' --quick' || true)"
  printf -- '- Started: %s; git %s\n\n' "${stamp}" "$(git -C "${REPO_ROOT}" rev-parse --short HEAD)"
  for part in "submissions-*.md" "audit-*.md"; do
    file="$(newest "${part}")"
    [[ -n "${file}" ]] || die "no ${part} report was written by this run"
    printf '\n---\n\nFrom %s:\n\n' "${file#"${REPO_ROOT}"/}"
    sed 's/^# /## /' "${file}"
  done
  first_paint="${REPO_ROOT}/portal/target/inbox-first-paint.md"
  [[ -f "${first_paint}" && "${first_paint}" -nt "${marker}" ]] || die "no inbox first-paint report was written by this run"
  printf '\n---\n\nFrom %s:\n\n' "${first_paint#"${REPO_ROOT}"/}"
  sed 's/^# /## /' "${first_paint}"
} > "${report}"
log "Combined report: ${report#"${REPO_ROOT}"/}"
