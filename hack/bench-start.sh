#!/usr/bin/env bash
# hack/bench-start.sh — the controller's start, from process start to leader, with and without a
# class archive. Each run is a fresh `java ... -jar axon-controller.jar` with the Deployment's
# JAVA_TOOL_OPTIONS and the image's flags, against a real local API server (kube-apiserver + etcd
# from ~/.cache/axon/kubeapitest, Axon's CRDs, 10 Tasks), with leader election on as shipped. A run
# ends when the log says both "became leader" and "Axon controller started"; the controller is
# then stopped with SIGTERM.
#
# Variants, run interleaved RUNS (default 7) times each:
#   jdk17          as shipped: JDK 17, the JDK's own base CDS archive only
#   jdk17-appcds   JDK 17 dynamic AppCDS: -XX:SharedArchiveFile from a -XX:ArchiveClassesAtExit run
#   jdk25          JDK 25, for reference
#   jdk25-aot      JDK 25 -XX:AOTCache from a -XX:AOTCacheOutput training run
#
# Figures: medians of the milestones the controller logs (ms since the JVM started), the wall
# time from fork to the leader line as this script sees it, and the process's CPU (user + system,
# from /proc/PID/stat, the counters /usr/bin/time reads), its JIT compiler threads' part and RSS
# at that moment. CPU is the steadier figure on a shared machine.
#
# Usage: hack/bench-start.sh           (prints a Markdown table; progress goes to stderr)
# Needs: JDK 17 and Temurin 25 under /usr/lib/jvm, the binaries under ~/.cache/axon/kubeapitest.
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
runs="${RUNS:-7}"
java17="${JAVA17:-/usr/lib/jvm/java-17-openjdk-amd64/bin/java}"
java25="${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
work="$(mktemp -d)"
server_pid=""
controller_pid=""
cleanup() {
  [[ -n "$controller_pid" ]] && kill -TERM "$controller_pid" 2>/dev/null || true
  [[ -n "$server_pid" ]] && { exec 3>&-; wait "$server_pid" 2>/dev/null || true; }
  rm -rf "$work"
}
trap cleanup EXIT

cd "$root"
echo "building the controller jar and the CLI's test classes..." >&2
./mvnw -q -B -o -Dspotless.check.skip=true -DskipTests -pl core,cli -am package >&2
./mvnw -q -B -o -pl cli dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$work/cp.txt" >&2
cp="cli/target/test-classes:cli/target/classes:core/target/classes:deploy/target/classes"
cp="$cp:agents-spi/target/classes:$(cat "$work/cp.txt")"
# A copy, so a rebuild of core/target during the runs cannot invalidate the archives (they record
# the jar's size and modification time).
jar="$work/axon-controller.jar"
cp core/target/axon-controller.jar "$jar"

# The Deployment's JVM options and controller settings, as shipped; only the health endpoint moves
# to a free loopback port so that runs do not collide with anything else on the machine.
tool_options="$(sed -n '/name: JAVA_TOOL_OPTIONS/{n;s/^ *value: "\(.*\)"$/\1/p}' deploy/controller/deployment.yaml)"
[[ -n "$tool_options" ]] || { echo "no JAVA_TOOL_OPTIONS in deploy/controller/deployment.yaml" >&2; exit 1; }
health_port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
python3 - "$work/controller.yaml" "$health_port" <<'EOF'
import sys, yaml
config_map = yaml.safe_load(open("deploy/controller/config.yaml"))
settings = yaml.safe_load(config_map["data"]["controller.yaml"])
settings["health"] = {"host": "127.0.0.1", "port": int(sys.argv[2])}
yaml.safe_dump(settings, open(sys.argv[1], "w"))
EOF
lease_ns="$(python3 -c 'import sys, yaml; print(yaml.safe_load(open(sys.argv[1]))["leaderElection"]["leaseNamespace"])' "$work/controller.yaml")"
lease_name="$(python3 -c 'import sys, yaml; print(yaml.safe_load(open(sys.argv[1]))["leaderElection"]["leaseName"])' "$work/controller.yaml")"

echo "starting a local kube-apiserver..." >&2
mkfifo "$work/in"
java -cp "$cp" io.axon.cli.BenchApiServer "$work/kubeconfig" 10 <"$work/in" >"$work/server.out" 2>"$work/server.err" &
server_pid=$!
exec 3>"$work/in"
for _ in $(seq 1 240); do
  grep -q ready "$work/server.out" 2>/dev/null && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.err" >&2; exit 1; }
  sleep 0.5
done
grep -q ready "$work/server.out" || { echo "the API server did not start" >&2; exit 1; }
kubectl_bin="$(ls -d "$HOME"/.cache/axon/kubeapitest/k8s/*/kubectl | sort -V | tail -1)"
kc=("$kubectl_bin" --kubeconfig "$work/kubeconfig")
"${kc[@]}" create namespace "$lease_ns" >/dev/null

tick="$(getconf CLK_TCK)"

# start_controller LOG JAVA [JVM flags...]: forks the controller as the image runs it; sets
# controller_pid and forked_at (ns).
start_controller() {
  local log="$1" java="$2"
  shift 2
  # Every run starts with no Lease, so none waits for another's to expire.
  "${kc[@]}" -n "$lease_ns" delete lease "$lease_name" --ignore-not-found >/dev/null
  forked_at="$(date +%s%N)"
  JAVA_TOOL_OPTIONS="$tool_options" KUBECONFIG="$work/kubeconfig" AXON_CONFIG="$work/controller.yaml" \
    "$java" -server -XX:+UseSerialGC "$@" -jar "$jar" >"$log" 2>&1 &
  controller_pid=$!
}

# await_leader LOG FORKED_AT: waits for both the leader line and the started line (either may come
# first); prints "wall_ms cpu_s jit_cpu_s rss_mib" at that moment.
await_leader() {
  local log="$1" started="$2"
  for _ in $(seq 1 3000); do
    if grep -q "became leader" "$log" && grep -q "Axon controller started" "$log"; then
      local now cpu
      now="$(date +%s%N)"
      cpu="$(sed 's/.*) //' "/proc/$controller_pid/stat" | awk -v t="$tick" '{ printf "%.2f", ($12 + $13) / t }')"
      # The JIT compiler threads' share ("C1 CompilerThre", "C2 CompilerThre"; only live threads).
      jit="$(cat /proc/"$controller_pid"/task/*/stat 2>/dev/null | awk -v t="$tick" '
        /\(C[12] CompilerThre/ { sub(/.*\) /, ""); s += $12 + $13 } END { printf "%.2f", s / t }')"
      rss="$(awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$controller_pid/status")"
      echo "$(( (now - started) / 1000000 )) $cpu $jit $rss"
      return 0
    fi
    kill -0 "$controller_pid" 2>/dev/null || break
    sleep 0.05
  done
  echo "the controller did not become leader; its log:" >&2
  cat "$log" >&2
  exit 1
}

stop_controller() {
  kill -TERM "$controller_pid"
  wait "$controller_pid" || true
  controller_pid=""
}

# milestone LOG PATTERN: the "N ms after the JVM started" figure of the first matching line.
milestone() {
  sed -n "/$2/{s/.*(\([0-9]*\) ms after the JVM started).*/\1/p;q}" "$1"
}

# train NAME JAVA FLAGS...: one run to leader, then SIGTERM so the JVM writes its archive at exit.
train() {
  local name="$1" java="$2"
  shift 2
  echo "training run: $name" >&2
  start_controller "$work/train-$name.log" "$java" "$@"
  await_leader "$work/train-$name.log" "$forked_at" >/dev/null
  stop_controller
}

train jdk17 "$java17" "-XX:ArchiveClassesAtExit=$work/app17.jsa"
[[ -s "$work/app17.jsa" ]] || { echo "no archive written:" >&2; cat "$work/train-jdk17.log" >&2; exit 1; }
train jdk25 "$java25" "-XX:AOTCacheOutput=$work/app25.aot"
[[ -s "$work/app25.aot" ]] || { echo "no AOT cache written:" >&2; cat "$work/train-jdk25.log" >&2; exit 1; }

variants=(jdk17 jdk17-appcds jdk25 jdk25-aot)
declare -A java_of=([jdk17]="$java17" [jdk17-appcds]="$java17" [jdk25]="$java25" [jdk25-aot]="$java25")
declare -A flags_of=(
  [jdk17]=""
  [jdk17-appcds]="-XX:SharedArchiveFile=$work/app17.jsa"
  [jdk25]=""
  [jdk25-aot]="-XX:AOTCache=$work/app25.aot"
)

# One run per variant with class loading logged: how many classes came from an archive.
declare -A classes_of
for v in "${variants[@]}"; do
  # shellcheck disable=SC2086
  start_controller "$work/classes-$v.log" "${java_of[$v]}" ${flags_of[$v]} "-Xlog:class+load=info:file=$work/load-$v.txt"
  await_leader "$work/classes-$v.log" "$forked_at" >/dev/null
  total="$(grep -c 'source:' "$work/load-$v.txt" || true)"
  shared="$(grep -c 'source: shared objects file' "$work/load-$v.txt" || true)"
  stop_controller
  classes_of[$v]="$shared of $total"
done

echo "before: $(uptime)"
for i in $(seq 1 "$runs"); do
  for v in "${variants[@]}"; do
    log="$work/run-$v-$i.log"
    # shellcheck disable=SC2086
    start_controller "$log" "${java_of[$v]}" ${flags_of[$v]}
    read -r wall cpu jit rss < <(await_leader "$log" "$forked_at")
    stop_controller
    printf '%s %s %s %s %s %s %s %s\n' \
      "$(milestone "$log" 'Settings read')" "$(milestone "$log" 'caches synced')" \
      "$(milestone "$log" 'controller started')" "$(milestone "$log" 'became leader')" \
      "$wall" "$cpu" "$jit" "$rss" >>"$work/figures-$v.txt"
    echo "run $i $v: $(tail -1 "$work/figures-$v.txt")" >&2
  done
done
echo "after: $(uptime)"

# median FILE COLUMN
median() {
  awk -v c="$2" '{ print $c }' "$1" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}

echo
echo "Medians of $runs interleaved runs; milestones in ms after the JVM started, CPU = user + system at the leader line."
echo
echo "| variant | classes from an archive | settings read (ms) | caches synced (ms) | started (ms) | leader (ms) | wall to leader (ms) | CPU to leader (s) | of which JIT threads (s) | RSS at leader (MiB) |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for v in "${variants[@]}"; do
  f="$work/figures-$v.txt"
  echo "| $v | ${classes_of[$v]} | $(median "$f" 1) | $(median "$f" 2) | $(median "$f" 3) | $(median "$f" 4) | $(median "$f" 5) | $(median "$f" 6) | $(median "$f" 7) | $(median "$f" 8) |"
done
echo
echo "Archives: app17.jsa $(du -h "$work/app17.jsa" | cut -f1), app25.aot $(du -h "$work/app25.aot" | cut -f1)."
