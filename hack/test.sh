#!/usr/bin/env bash
# The test command (README.md): provisions what the tests need, then runs every tier:
# unit and mock API server tests (*Test), real API server tests (*IT), real agent tests (*E2E),
# among them Tasks in real pods on a real node (*OnRealNodeE2E, root only; -DskipRealNode leaves
# them out).
# What it provisions is cached under ${AXON_CACHE_DIR:-~/.cache/axon} and reused.
set -euo pipefail
cd "$(dirname "$0")/.."
./hack/provision.sh
exec ./mvnw -B verify "$@"
