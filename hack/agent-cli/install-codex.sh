#!/usr/bin/env bash
# Installs a pinned Codex CLI into the Axon cache and prints the path of the runnable `codex`
# executable on the last line of stdout (progress goes to stderr).
#
#   hack/agent-cli/install-codex.sh   # -> $HOME/.cache/axon/agents/codex/0.169.0/node_modules/.bin/codex
#
# Idempotent: when the pinned version is already installed it prints the path at once.
# Installs only from the npm registry (the native binary comes from the optional dependency
# @openai/codex-linux-x64, an alias of @openai/codex@<version>-linux-x64); nothing else is downloaded.
# Env: AXON_CACHE_DIR (default $HOME/.cache/axon), NPM (default npm).
set -euo pipefail

CODEX_VERSION="0.169.0"   # keep in sync with codex.version next to this script

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VERSION_FILE="${SCRIPT_DIR}/codex.version"
CACHE_DIR="${AXON_CACHE_DIR:-$HOME/.cache/axon}"
BASE_DIR="${CACHE_DIR}/agents/codex"
INSTALL_DIR="${BASE_DIR}/${CODEX_VERSION}"
NPM="${NPM:-npm}"
PKG="@openai/codex"

log() { printf '[install-codex] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

if [[ -f "${VERSION_FILE}" ]]; then
  pinned_in_file="$(tr -d '[:space:]' < "${VERSION_FILE}")"
  [[ "${pinned_in_file}" == "${CODEX_VERSION}" ]] \
    || die "${VERSION_FILE} says '${pinned_in_file}' but this script pins '${CODEX_VERSION}'"
fi

codex_bin() { printf '%s/node_modules/.bin/codex' "$1"; }

# Fast path: already installed (the final directory only ever appears complete, via rename).
if [[ -x "$(codex_bin "${INSTALL_DIR}")" && -f "${INSTALL_DIR}/.axon-installed" ]]; then
  codex_bin "${INSTALL_DIR}"; echo
  exit 0
fi

command -v "${NPM}" >/dev/null || die "npm not found"
command -v node >/dev/null || die "node not found"

mkdir -p "${BASE_DIR}"
TMP_DIR="$(mktemp -d "${BASE_DIR}/.tmp-${CODEX_VERSION}-XXXXXX")"
chmod 755 "${TMP_DIR}"   # mktemp makes it 0700; the CLI must be usable by other (non-root) users
cleanup() { rm -rf "${TMP_DIR}"; }
trap cleanup EXIT

log "installing ${PKG}@${CODEX_VERSION} into ${TMP_DIR}"
start=$(date +%s)
"${NPM}" install --prefix "${TMP_DIR}" --no-audit --no-fund --no-save --include=optional \
  --loglevel=error "${PKG}@${CODEX_VERSION}" >&2

version_of() {
  # `codex --version` prints e.g. "codex-cli 0.169.0"
  "$1" --version 2>/dev/null | head -n1 | awk '{print $2}'
}

BIN="$(codex_bin "${TMP_DIR}")"
[[ -x "${BIN}" ]] || die "no executable at ${BIN}"
got="$(version_of "${BIN}" || true)"
[[ "${got}" == "${CODEX_VERSION}" ]] || die "codex --version printed '${got}', expected '${CODEX_VERSION}'"

touch "${TMP_DIR}/.axon-installed"
if ! mv -T "${TMP_DIR}" "${INSTALL_DIR}" 2>/dev/null; then
  # Lost a race with a concurrent install, or a stale incomplete directory is in the way.
  if [[ -x "$(codex_bin "${INSTALL_DIR}")" && -f "${INSTALL_DIR}/.axon-installed" ]]; then
    log "another process finished the install first"
  else
    log "replacing incomplete ${INSTALL_DIR}"
    stale="$(mktemp -d "${BASE_DIR}/.stale-XXXXXX")"
    mv -T "${INSTALL_DIR}" "${stale}/old"
    mv -T "${TMP_DIR}" "${INSTALL_DIR}"
    rm -rf "${stale}"
  fi
fi
trap - EXIT
rm -rf "${TMP_DIR}"

final="$(codex_bin "${INSTALL_DIR}")"
log "installed ${PKG}@${CODEX_VERSION} in $(( $(date +%s) - start ))s"
echo "${final}"
