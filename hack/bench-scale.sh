#!/usr/bin/env bash
# The scale benchmark (docs/benchmarks.md, "Scale"): the controller as it ships (its shaded jar, in
# its own JVM) against a real control plane on 127.0.0.1 with kwok nodes, N Tasks at once.
#
# Usage: hack/bench-scale.sh [--tasks 1000] [--nodes 3] [--pods-per-node 700] [--clients 16] [--workers N]
#                            [--nmt 1] [--jfr 1] [--retention 1 [--ttl 10]]   (see ScaleBenchmark's doc)
# Needs the control-plane binaries (built and cached by hack/control-plane/build.sh) and about
# 3 minutes for 1,000 Tasks on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
hack/control-plane/build.sh >/dev/null
./mvnw -B -q -pl core -am install -DskipTests
exec ./mvnw -B -q -pl core exec:java -Dexec.classpathScope=test \
  -Dexec.mainClass=io.axon.bench.ScaleBenchmark -Dexec.args="$*"
