#!/usr/bin/env bash
# Installs or builds, once, what the tests need beyond Maven (which ./mvnw fetches itself):
# a real Kubernetes control plane built from Go modules, the pinned agent CLI from npm, and
# bubblewrap for the local sandbox. Each step is cached and skipped when already done.
set -euo pipefail
cd "$(dirname "$0")/.."

need() { command -v "$1" >/dev/null 2>&1; }

if ! need bwrap; then
  if [ "$(id -u)" = 0 ] && need apt-get; then
    echo "provision: installing bubblewrap (apt)" >&2
    (apt-get install -y -qq bubblewrap >/dev/null 2>&1 || { apt-get update -qq >/dev/null && apt-get install -y -qq bubblewrap >/dev/null; })
  else
    echo "provision: bubblewrap is missing and cannot be installed here: run 'sudo apt-get install bubblewrap'" >&2
    exit 1
  fi
fi

if [ -x hack/control-plane/build.sh ]; then
  hack/control-plane/build.sh >/dev/null
fi
if [ -x hack/agent-cli/install-claude-code.sh ]; then
  hack/agent-cli/install-claude-code.sh >/dev/null
fi
echo "provision: ready" >&2
