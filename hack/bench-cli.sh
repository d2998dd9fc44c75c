#!/usr/bin/env bash
# hack/bench-cli.sh — cold start-up of the axon CLI: the median wall time of RUNS (default 11)
# runs of `axon --help`, of `axon get tasks` against a real local API server (kube-apiserver + etcd
# from ~/.cache/axon/kubeapitest, with Axon's CRDs and 10 Tasks), and of `kubectl get tasks` against
# the same server for reference. Each figure is a fresh process, as a user's command is.
#
# Usage: hack/bench-cli.sh            (prints a Markdown table)
# Needs: the kube-apiserver/etcd/kubectl binaries under ~/.cache/axon/kubeapitest/k8s/<version>/.
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
runs="${RUNS:-11}"
work="$(mktemp -d)"
server_pid=""
cleanup() {
  [[ -n "$server_pid" ]] && { exec 3>&-; wait "$server_pid" 2>/dev/null || true; }
  rm -rf "$work"
}
trap cleanup EXIT

cd "$root"
echo "building (if needed) and warming the CLI's start-up cache..." >&2
./axon version >/dev/null
./mvnw -q -B -o -Dspotless.check.skip=true -DskipTests -pl cli -am test-compile >&2
./mvnw -q -B -o -pl cli dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$work/cp.txt" >&2
# The reactor's own classes first: ~/.m2 may hold other builds of the axon modules.
cp="cli/target/test-classes:cli/target/classes:core/target/classes:deploy/target/classes"
cp="$cp:agents-spi/target/classes:$(cat "$work/cp.txt")"

echo "starting a local kube-apiserver..." >&2
coproc_fifo="$work/in"
mkfifo "$coproc_fifo"
java -cp "$cp" io.axon.cli.BenchApiServer "$work/kubeconfig" 10 <"$coproc_fifo" >"$work/server.out" 2>"$work/server.err" &
server_pid=$!
exec 3>"$coproc_fifo"
for _ in $(seq 1 240); do
  grep -q ready "$work/server.out" 2>/dev/null && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.err" >&2; exit 1; }
  sleep 0.5
done
grep -q ready "$work/server.out" || { echo "the API server did not start" >&2; exit 1; }

# "wall cpu": medians over $runs runs of a command's wall time and CPU time (user + system), in
# seconds. CPU time is the steadier figure on a shared, busy machine.
median() {
  local walls=() cpus=()
  for _ in $(seq 1 "$runs"); do
    /usr/bin/time -f "%e %U %S" -o "$work/time" "$@" >/dev/null 2>&1 \
      || { echo "failed: $*" >&2; "$@" >&2 || true; exit 1; }
    read -r wall user sys <"$work/time"
    walls+=("$wall")
    cpus+=("$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')")
  done
  local mid=$(( (runs + 1) / 2 ))
  printf '%s | %s' \
    "$(printf '%s\n' "${walls[@]}" | sort -n | sed -n "${mid}p")" \
    "$(printf '%s\n' "${cpus[@]}" | sort -n | sed -n "${mid}p")"
}

kubectl_bin="$(ls -d "$HOME"/.cache/axon/kubeapitest/k8s/*/kubectl 2>/dev/null | sort -V | tail -1)"
kc=(--kubeconfig "$work/kubeconfig")

# Warm the launcher's cache once outside the timed runs, and say which JVM it runs (AXON_JAVA,
# JAVA_HOME, PATH: the first Java 21+).
./axon "${kc[@]}" get tasks >/dev/null
jvm="$(./axon --verbose version --client 2>&1 >/dev/null | sed -n 's/^axon: Java \([0-9]*\) at \([^ ]*\).*/Java \1, \2/p')"
echo "before: $(uptime)"
echo
echo "| command | wall, median of $runs (s) | CPU user+sys, median (s) |"
echo "|---|---|---|"
echo "| \`axon --help\` (launcher: $jvm + class-data cache) | $(median ./axon --help) |"
echo "| \`axon get tasks\` (launcher: $jvm + class-data cache) | $(median ./axon "${kc[@]}" get tasks) |"
if [[ -n "$kubectl_bin" ]]; then
  echo "| \`kubectl get tasks\` ($("$kubectl_bin" version --client 2>/dev/null | head -1 | sed 's/Client Version: //')) | $(median "$kubectl_bin" "${kc[@]}" get tasks) |"
fi
if [[ -x /usr/bin/kubectl ]]; then
  echo "| \`kubectl get tasks\` (Debian /usr/bin/kubectl) | $(median /usr/bin/kubectl "${kc[@]}" get tasks) |"
fi
echo
echo "after: $(uptime)"
echo "machine: $(nproc) cores"
