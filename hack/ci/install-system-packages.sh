#!/usr/bin/env bash
# Installs the system packages Axon's build and tests need on a Debian/Ubuntu machine (CI and
# developers). Idempotent and quick when everything is present; run it as root (CI is root) or
# with sudo. Call it from .ci/run before the Maven build.
#
#   bubblewrap   the sandbox of `axon run --local` (cli: LocalRunnerE2E, LocalRunnerInterruptE2E)
#   git          real repositories in the agent tests; the local runner clones with it
#   nodejs, npm  install the pinned agent CLIs from the npm registry (hack/agent-cli/*.sh)
#   util-linux   setpriv: the entrypoint E2E runs the agent as the image's uid 1000 when CI is root
#   containerd, runc          the real node's container runtime (core: *OnRealNodeE2E)
#   mmdebstrap, umoci         hack/images/build.py: images from Debian packages, packed as OCI
#   gcc, libc6-dev, openssl   the pause image (a static C program); the node's certificates
#   python3                   hack/images/build.py and the node's CNI plugin (hack/node/cni)
#   zsh, fish                 `axon completion zsh|fish` run in the real shells (cli tests)
#
# It then installs the pinned agent CLIs (claude-code, codex, gemini, opencode) into the Axon cache
# (the E2E tests would do it on first use anyway; doing it here keeps that time out of the test
# timings).
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
log() { printf '[install-system-packages] %s\n' "$*" >&2; }

missing=()
command -v bwrap >/dev/null || missing+=(bubblewrap)
command -v git >/dev/null || missing+=(git)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
command -v setpriv >/dev/null || missing+=(util-linux)
# The local-sandbox E2Es probe the sandbox with curl; prlimit is the limits' fallback.
command -v curl >/dev/null || missing+=(curl)
command -v prlimit >/dev/null || missing+=(util-linux)
command -v containerd >/dev/null || missing+=(containerd)
command -v runc >/dev/null || missing+=(runc)
command -v mmdebstrap >/dev/null || missing+=(mmdebstrap)
command -v umoci >/dev/null || missing+=(umoci)
command -v gcc >/dev/null || missing+=(gcc libc6-dev)
command -v openssl >/dev/null || missing+=(openssl)
command -v python3 >/dev/null || missing+=(python3)
command -v zsh >/dev/null || missing+=(zsh)
command -v fish >/dev/null || missing+=(fish)

if ((${#missing[@]})); then
  SUDO=""
  if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
  log "installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

log "bubblewrap: $(bwrap --version)"
"${SCRIPT_DIR}/../agent-cli/install-claude-code.sh" >/dev/null
log "claude-code CLI: $(tr -d '[:space:]' < "${SCRIPT_DIR}/../agent-cli/claude-code.version") installed"
for agent in codex gemini opencode; do
  "${SCRIPT_DIR}/../agent-cli/install-${agent}.sh" >/dev/null
  log "${agent} CLI: $(tr -d '[:space:]' < "${SCRIPT_DIR}/../agent-cli/${agent}.version") installed"
done
