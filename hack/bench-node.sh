#!/usr/bin/env bash
# hack/bench-node.sh — where a Task's time goes on the real node (docs/benchmarks.md#real-node):
# COUNT (default 20) Tasks with a Workspace, one after another, on a fresh RealNode with the
# controller in this JVM; prints p50/p95 of scheduling, clone, image start, agent and the total,
# with the load average (the figures mean little on a loaded machine).
#
# Usage: hack/bench-node.sh [COUNT]
# Needs: root and what hack/node/README.md lists; takes the real-node lock (one node per machine).
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
count="${1:-20}"
[[ "$count" =~ ^[1-9][0-9]*$ ]] || { echo "usage: hack/bench-node.sh [COUNT]  (a positive number)" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$root"
# The images carry the jars: build them first (the node's harness packs the images).
./mvnw -q -B -o -Dspotless.check.skip=true -DskipTests -pl core -am install >&2
./mvnw -q -B -o -pl core dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$work/cp.txt" >&2
cp="$root/core/target/test-classes:$root/core/target/classes:$root/agents-spi/target/classes:$(cat "$work/cp.txt")"
cd core
exec java -cp "$cp" io.axon.controller.it.RealNodeBenchmark "$count"
