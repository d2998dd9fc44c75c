#!/usr/bin/env bash
# Installs or builds, once, what the tests need beyond Maven (which ./mvnw fetches itself):
# system packages and the pinned agent CLI (hack/ci/install-system-packages.sh), a real
# Kubernetes control plane and the kubelet built from Go modules (hack/control-plane/build.sh),
# the helm CLI the chart tests use, from its Go module (hack/helm/build.sh).
# Each step is cached under ${AXON_CACHE_DIR:-~/.cache/axon} and skipped when already done. The
# images the real node runs need the jars, so the tests build them (hack/images/build.py, cached).
set -euo pipefail
cd "$(dirname "$0")/.."
hack/ci/install-system-packages.sh
hack/control-plane/build.sh >/dev/null
hack/control-plane/build.sh --kubelet >/dev/null
hack/helm/build.sh >/dev/null
echo "provision: ready" >&2
