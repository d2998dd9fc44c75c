#!/usr/bin/env bash
# Installs a pinned Claude Code CLI into the Axon cache and prints the path of the runnable
# `claude` executable on the last line of stdout (progress goes to stderr).
#
#   hack/agent-cli/install-claude-code.sh   # -> $HOME/.cache/axon/agents/claude-code/2.1.330/node_modules/.bin/claude
#
# Idempotent: when the pinned version is already installed it prints the path at once.
# Installs only from the npm registry (the native binary comes from the optional dependency
# @anthropic-ai/claude-code-linux-x64); nothing else is downloaded.
# Env: AXON_CACHE_DIR (default $HOME/.cache/axon), NPM (default npm).
set -euo pipefail

CLAUDE_CODE_VERSION="2.1.330"   # keep in sync with claude-code.version next to this script

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VERSION_FILE="${SCRIPT_DIR}/claude-code.version"
CACHE_DIR="${AXON_CACHE_DIR:-$HOME/.cache/axon}"
BASE_DIR="${CACHE_DIR}/agents/claude-code"
INSTALL_DIR="${BASE_DIR}/${CLAUDE_CODE_VERSION}"
NPM="${NPM:-npm}"
PKG="@anthropic-ai/claude-code"

log() { printf '[install-claude-code] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

if [[ -f "${VERSION_FILE}" ]]; then
  pinned_in_file="$(tr -d '[:space:]' < "${VERSION_FILE}")"
  [[ "${pinned_in_file}" == "${CLAUDE_CODE_VERSION}" ]] \
    || die "${VERSION_FILE} says '${pinned_in_file}' but this script pins '${CLAUDE_CODE_VERSION}'"
fi

# Path of the runnable executable inside an install prefix.
claude_bin() { printf '%s/node_modules/.bin/claude' "$1"; }

# Fast path: already installed (the final directory only ever appears complete, via rename).
if [[ -x "$(claude_bin "${INSTALL_DIR}")" && -f "${INSTALL_DIR}/.axon-installed" ]]; then
  claude_bin "${INSTALL_DIR}"; echo
  exit 0
fi

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) ;;
  *) log "warning: tested only on Linux x86_64; npm will pick the optional dependency for $(uname -s)-$(uname -m)" ;;
esac

command -v "${NPM}" >/dev/null || die "npm not found"
command -v node >/dev/null || die "node not found"

mkdir -p "${BASE_DIR}"
TMP_DIR="$(mktemp -d "${BASE_DIR}/.tmp-${CLAUDE_CODE_VERSION}-XXXXXX")"
chmod 755 "${TMP_DIR}"   # mktemp makes it 0700; the CLI must be usable by other (non-root) users
cleanup() { rm -rf "${TMP_DIR}"; }
trap cleanup EXIT

log "installing ${PKG}@${CLAUDE_CODE_VERSION} into ${TMP_DIR}"
start=$(date +%s)
# --include=optional: the native binary is an optional dependency; make sure a user npmrc cannot drop it.
"${NPM}" install --prefix "${TMP_DIR}" --no-audit --no-fund --no-save --include=optional \
  --loglevel=error "${PKG}@${CLAUDE_CODE_VERSION}" >&2

BIN="$(claude_bin "${TMP_DIR}")"
PKG_DIR="${TMP_DIR}/node_modules/${PKG}"
[[ -d "${PKG_DIR}" ]] || die "npm did not install ${PKG}"

version_of() {
  # `claude --version` prints e.g. "2.1.330 (Claude Code)"
  DISABLE_AUTOUPDATER=1 CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1 DISABLE_TELEMETRY=1 \
    DISABLE_ERROR_REPORTING=1 "$1" --version 2>/dev/null | head -n1 | awk '{print $1}'
}

if [[ ! -x "${BIN}" ]] || [[ "$(version_of "${BIN}" || true)" != "${CLAUDE_CODE_VERSION}" ]]; then
  log "postinstall did not link the native binary; running install.cjs"
  (cd "${TMP_DIR}" && node "node_modules/${PKG}/install.cjs" >&2)
fi

[[ -x "${BIN}" ]] || die "no executable at ${BIN}"
got="$(version_of "${BIN}" || true)"
[[ "${got}" == "${CLAUDE_CODE_VERSION}" ]] || die "claude --version printed '${got}', expected '${CLAUDE_CODE_VERSION}'"

touch "${TMP_DIR}/.axon-installed"
if ! mv -T "${TMP_DIR}" "${INSTALL_DIR}" 2>/dev/null; then
  # Lost a race with a concurrent install, or a stale incomplete directory is in the way.
  if [[ -x "$(claude_bin "${INSTALL_DIR}")" && -f "${INSTALL_DIR}/.axon-installed" ]]; then
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

final="$(claude_bin "${INSTALL_DIR}")"
got="$(version_of "${final}" || true)"
[[ "${got}" == "${CLAUDE_CODE_VERSION}" ]] || die "after move, claude --version printed '${got}'"
log "installed ${PKG}@${CLAUDE_CODE_VERSION} in $(( $(date +%s) - start ))s"
echo "${final}"
