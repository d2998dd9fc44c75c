#!/usr/bin/env bash
# Installs a pinned OpenCode CLI into the Axon cache and prints the path of the runnable `opencode`
# executable on the last line of stdout (progress goes to stderr).
#
#   hack/agent-cli/install-opencode.sh   # -> $HOME/.cache/axon/agents/opencode/1.18.33/node_modules/.bin/opencode
#
# Idempotent: when the pinned version is already installed it prints the path at once.
# Installs only from the npm registry (the native binary comes from the optional dependency
# opencode-linux-x64; its postinstall links it); nothing else is downloaded.
# Env: AXON_CACHE_DIR (default $HOME/.cache/axon), NPM (default npm).
set -euo pipefail

OPENCODE_VERSION="1.18.33"   # keep in sync with opencode.version next to this script

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VERSION_FILE="${SCRIPT_DIR}/opencode.version"
CACHE_DIR="${AXON_CACHE_DIR:-$HOME/.cache/axon}"
BASE_DIR="${CACHE_DIR}/agents/opencode"
INSTALL_DIR="${BASE_DIR}/${OPENCODE_VERSION}"
NPM="${NPM:-npm}"
PKG="opencode-ai"

log() { printf '[install-opencode] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

if [[ -f "${VERSION_FILE}" ]]; then
  pinned_in_file="$(tr -d '[:space:]' < "${VERSION_FILE}")"
  [[ "${pinned_in_file}" == "${OPENCODE_VERSION}" ]] \
    || die "${VERSION_FILE} says '${pinned_in_file}' but this script pins '${OPENCODE_VERSION}'"
fi

opencode_bin() { printf '%s/node_modules/.bin/opencode' "$1"; }

# Fast path: already installed (the final directory only ever appears complete, via rename).
if [[ -x "$(opencode_bin "${INSTALL_DIR}")" && -f "${INSTALL_DIR}/.axon-installed" ]]; then
  opencode_bin "${INSTALL_DIR}"; echo
  exit 0
fi

command -v "${NPM}" >/dev/null || die "npm not found"
command -v node >/dev/null || die "node not found"

mkdir -p "${BASE_DIR}"
TMP_DIR="$(mktemp -d "${BASE_DIR}/.tmp-${OPENCODE_VERSION}-XXXXXX")"
chmod 755 "${TMP_DIR}"   # mktemp makes it 0700; the CLI must be usable by other (non-root) users
cleanup() { rm -rf "${TMP_DIR}"; }
trap cleanup EXIT

log "installing ${PKG}@${OPENCODE_VERSION} into ${TMP_DIR}"
start=$(date +%s)
"${NPM}" install --prefix "${TMP_DIR}" --no-audit --no-fund --no-save --include=optional \
  --loglevel=error "${PKG}@${OPENCODE_VERSION}" >&2

version_of() {
  # `opencode --version` prints e.g. "1.18.33"
  "$1" --version 2>/dev/null | head -n1 | awk '{print $1}'
}

BIN="$(opencode_bin "${TMP_DIR}")"
[[ -x "${BIN}" ]] || die "no executable at ${BIN}"
got="$(version_of "${BIN}" || true)"
[[ "${got}" == "${OPENCODE_VERSION}" ]] || die "opencode --version printed '${got}', expected '${OPENCODE_VERSION}'"

touch "${TMP_DIR}/.axon-installed"
if ! mv -T "${TMP_DIR}" "${INSTALL_DIR}" 2>/dev/null; then
  # Lost a race with a concurrent install, or a stale incomplete directory is in the way.
  if [[ -x "$(opencode_bin "${INSTALL_DIR}")" && -f "${INSTALL_DIR}/.axon-installed" ]]; then
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

final="$(opencode_bin "${INSTALL_DIR}")"
log "installed ${PKG}@${OPENCODE_VERSION} in $(( $(date +%s) - start ))s"
echo "${final}"
