#!/usr/bin/env bash
# Installs or builds, once, what the tests need beyond Maven (which ./mvnw fetches itself):
# system packages and the pinned agent CLI (hack/ci/install-system-packages.sh), and a real
# Kubernetes control plane built from Go modules (hack/control-plane/build.sh). Each step is
# cached under ${AXON_CACHE_DIR:-~/.cache/axon} and skipped when already done.
set -euo pipefail
cd "$(dirname "$0")/.."
hack/ci/install-system-packages.sh
hack/control-plane/build.sh >/dev/null
echo "provision: ready" >&2
