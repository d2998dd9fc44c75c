#!/usr/bin/env bash
# Proves the control-plane recipe end to end, on 127.0.0.1 only:
#   etcd + kube-apiserver  -> /readyz, kubectl version, kubectl api-resources
#   + kube-controller-manager + kube-scheduler + kwok (one fake node)
#   -> a Job whose pod is scheduled to the kwok node, goes Pending -> Running -> Succeeded;
#   -> a Job whose pod is told (by label) to fail: Running -> Failed, Job Failed;
#   -> deleting a Job garbage-collects its pods.
# Then stops everything it started and removes its temp dir (KEEP=1 keeps the dir and logs).
#
# Usage: hack/control-plane/smoke.sh          (builds the binaries first if needed)
#        HOLD=60 hack/control-plane/smoke.sh  (idle 60s before stopping; shows idle CPU cost)
#        CONTROLLERS=a,b,c hack/control-plane/smoke.sh  (other kube-controller-manager --controllers)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
log() { printf '[smoke %5.1fs] %s\n' "$(elapsed)" "$*"; }
T0="$EPOCHREALTIME"
elapsed() { awk -v a="$EPOCHREALTIME" -v b="$T0" 'BEGIN { print a - b }'; }

BIN="$("$HERE/build.sh")"
log "binaries: $BIN"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/axon-control-plane-smoke.XXXXXX")"
mkdir -p "$WORK/logs"
PIDS=()
NAMES=()
OK=0

stop_all() {
  local i pid
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
    pid="${PIDS[$i]}"
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
      log "stopped ${NAMES[$i]} (pid $pid)"
    fi
  done
  PIDS=()
}
on_exit() {
  local rc=$?
  if ((OK == 0)); then
    echo "------ smoke FAILED (exit $rc); last lines of each component's log:" >&2
    for f in "$WORK"/logs/*.log; do
      [[ -f "$f" ]] || continue
      echo "=== $f" >&2
      tail -n 15 "$f" >&2
    done
  fi
  stop_all
  if [[ "${KEEP:-0}" == 1 ]]; then log "kept $WORK"; else rm -rf "$WORK"; fi
}
trap on_exit EXIT

start() {   # start NAME BINARY ARGS... : runs it in the background, logs to $WORK/logs/NAME.log
  local name="$1"; shift
  "$@" >"$WORK/logs/$name.log" 2>&1 &
  PIDS+=("$!"); NAMES+=("$name")
  log "started $name (pid $!)"
}

usage_report() {   # CPU seconds used and resident memory of each component so far
  local i pid tck; tck="$(getconf CLK_TCK)"
  for ((i = 0; i < ${#PIDS[@]}; i++)); do
    pid="${PIDS[$i]}"
    [[ -r "/proc/$pid/stat" ]] || continue
    awk -v n="${NAMES[$i]}" -v t="$tck" -v rss="$(awk '/^VmRSS/ {print int($2/1024)}' "/proc/$pid/status")" \
      '{ sub(/^.*\) /, ""); printf "[usage] %-24s cpu %6.1fs  rss %4d MiB\n", n, ($12 + $13) / t, rss }' "/proc/$pid/stat"
  done
}

listen_report() {   # every listening TCP socket of the components: all must be on 127.0.0.1
  local i pid line bad=0
  command -v ss >/dev/null 2>&1 || { log "(ss not installed: listening sockets not checked)"; return 0; }
  for ((i = 0; i < ${#PIDS[@]}; i++)); do
    pid="${PIDS[$i]}"
    while read -r line; do
      [[ -n "$line" ]] || continue
      echo "[listen] ${NAMES[$i]}: $line"
      [[ "$line" == 127.0.0.1:* ]] || bad=1
    done < <(ss -Hltnp 2>/dev/null | awk -v p="pid=$pid," 'index($0, p) {print $4}')
  done
  if ((bad)); then log "a component listens on a non-loopback address"; return 1; fi
  log "all listening sockets are on 127.0.0.1"
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

wait_for() {   # wait_for SECONDS DESCRIPTION COMMAND...
  local secs="$1" what="$2"; shift 2
  local deadline=$((SECONDS + secs))
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS >= deadline)); then log "TIMEOUT after ${secs}s waiting for: $what"; return 1; fi
    local i; for ((i = 0; i < ${#PIDS[@]}; i++)); do
      kill -0 "${PIDS[$i]}" 2>/dev/null || { log "${NAMES[$i]} died while waiting for: $what"; return 1; }
    done
    sleep 0.2
  done
}

ETCD_PORT="$(free_port)"; ETCD_PEER_PORT="$(free_port)"; API_PORT="$(free_port)"

# ---- etcd ------------------------------------------------------------------------------
start etcd "$BIN/etcd" \
  --name=smoke --data-dir="$WORK/etcd" \
  --listen-client-urls="http://127.0.0.1:$ETCD_PORT" --advertise-client-urls="http://127.0.0.1:$ETCD_PORT" \
  --listen-peer-urls="http://127.0.0.1:$ETCD_PEER_PORT" --initial-advertise-peer-urls="http://127.0.0.1:$ETCD_PEER_PORT" \
  --initial-cluster="smoke=http://127.0.0.1:$ETCD_PEER_PORT" \
  --unsafe-no-fsync --log-level=warn
wait_for 30 "etcd /health" curl -fsS "http://127.0.0.1:$ETCD_PORT/health"
log "etcd healthy on 127.0.0.1:$ETCD_PORT"

# ---- kube-apiserver --------------------------------------------------------------------
# Service-account signing key (required); serving certificate: the apiserver's own
# self-signed mode (--cert-dir); clients authenticate with a static token (system:masters).
openssl genrsa -out "$WORK/sa.key" 2048 2>/dev/null
openssl rsa -in "$WORK/sa.key" -pubout -out "$WORK/sa.pub" 2>/dev/null
TOKEN="$(openssl rand -hex 16)"
echo "$TOKEN,smoke-admin,smoke-admin,system:masters" >"$WORK/tokens.csv"

start kube-apiserver "$BIN/kube-apiserver" \
  --bind-address=127.0.0.1 --advertise-address=127.0.0.1 --secure-port="$API_PORT" \
  --etcd-servers="http://127.0.0.1:$ETCD_PORT" \
  --cert-dir="$WORK/apiserver-certs" \
  --token-auth-file="$WORK/tokens.csv" \
  --authorization-mode=RBAC \
  --service-account-issuer=https://kubernetes.default.svc.cluster.local \
  --service-account-key-file="$WORK/sa.pub" \
  --service-account-signing-key-file="$WORK/sa.key" \
  --service-cluster-ip-range=10.96.0.0/16 \
  --endpoint-reconciler-type=none
wait_for 90 "kube-apiserver /readyz" curl -fsSk "https://127.0.0.1:$API_PORT/readyz"
log "kube-apiserver ready on https://127.0.0.1:$API_PORT"

KC="$WORK/kubeconfig"
cat >"$KC" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: smoke
  cluster:
    server: https://127.0.0.1:$API_PORT
    certificate-authority: $WORK/apiserver-certs/apiserver.crt
users:
- name: smoke-admin
  user:
    token: $TOKEN
contexts:
- name: smoke
  context: {cluster: smoke, user: smoke-admin}
current-context: smoke
EOF
k() { "$BIN/kubectl" --kubeconfig="$KC" "$@"; }

echo "---- kubectl version"
k version
echo "---- kubectl api-resources | head"
k api-resources >"$WORK/api-resources.txt"   # (not piped into head: SIGPIPE + pipefail)
head "$WORK/api-resources.txt"
log "$(($(wc -l <"$WORK/api-resources.txt") - 1)) API resources served"
echo "----"

# ---- controller-manager, scheduler, kwok -------------------------------------------------
# The four controllers the Job lifecycle needs (see README.md), plus three that tidy up.
CONTROLLERS="${CONTROLLERS:-job-controller,garbage-collector-controller,serviceaccount-controller,node-lifecycle-controller,namespace-controller,ttl-after-finished-controller,pod-garbage-collector-controller}"
start kube-controller-manager "$BIN/kube-controller-manager" \
  --kubeconfig="$KC" --leader-elect=false --secure-port=0 \
  --controllers="$CONTROLLERS"
start kube-scheduler "$BIN/kube-scheduler" \
  --kubeconfig="$KC" --leader-elect=false --secure-port=0
start kwok "$BIN/kwok" \
  --kubeconfig="$KC" --config="$HERE/kwok-stages.yaml" \
  --manage-all-nodes=false --manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake \
  --node-lease-duration-seconds=40

k apply -f - >/dev/null <<'EOF'
apiVersion: v1
kind: Node
metadata:
  name: kwok-node-0
  annotations:
    kwok.x-k8s.io/node: fake
  labels:
    kubernetes.io/hostname: kwok-node-0
    kubernetes.io/os: linux
    kubernetes.io/arch: amd64
    type: kwok
EOF
wait_for 60 "node kwok-node-0 Ready" \
  k wait --for=condition=Ready node/kwok-node-0 --timeout=1s
log "node kwok-node-0 is Ready (kwok)"
wait_for 60 "service account default/default" k get serviceaccount default -n default
log "service account default/default exists (controller-manager)"

# ---- a Job that succeeds, one that fails, one that keeps running -------------------------
k apply -f - >/dev/null <<'EOF'
apiVersion: batch/v1
kind: Job
metadata: {name: smoke-ok}
spec:
  backoffLimit: 0
  template:
    metadata:
      annotations:
        pod-ready.stage.kwok.x-k8s.io/delay: "1s"
        pod-complete.stage.kwok.x-k8s.io/delay: "3s"
    spec:
      restartPolicy: Never
      containers: [{name: main, image: registry.invalid/never-pulled:1}]
---
apiVersion: batch/v1
kind: Job
metadata: {name: smoke-fail}
spec:
  backoffLimit: 0
  template:
    metadata:
      labels:
        pod-container-running-failed.stage.kwok.x-k8s.io: "true"
      annotations:
        pod-container-running-failed.stage.kwok.x-k8s.io/delay: "2s"
        pod-container-running-failed.stage.kwok.x-k8s.io/exit-code: "42"
        pod-container-running-failed.stage.kwok.x-k8s.io/reason: "Error"
    spec:
      restartPolicy: Never
      containers: [{name: main, image: registry.invalid/never-pulled:1}]
---
apiVersion: batch/v1
kind: Job
metadata: {name: smoke-long}
spec:
  backoffLimit: 0
  template:
    metadata:
      annotations:
        pod-complete.stage.kwok.x-k8s.io/delay: "87600h"
    spec:
      restartPolicy: Never
      containers: [{name: main, image: registry.invalid/never-pulled:1}]
EOF
log "created Jobs smoke-ok, smoke-fail and smoke-long"

# Follow the pods' phases until both Jobs are finished.
declare -A LAST=()
deadline=$((SECONDS + 90))
while :; do
  while read -r job pod node phase; do
    [[ -n "$pod" ]] || continue
    if [[ "$node" == - ]]; then state="$phase, not scheduled yet"; else state="$phase on $node"; fi
    if [[ "${LAST[$pod]:-}" != "$state" ]]; then
      log "pod $pod (job $job): $state"
      LAST[$pod]="$state"
    fi
  done < <(k get pods -o 'jsonpath={range .items[*]}{.metadata.labels.job-name}{" "}{.metadata.name}{" "}{.spec.nodeName}{" "}{.status.phase}{"\n"}{end}' 2>/dev/null | awk 'NF == 3 {print $1, $2, "-", $3; next} {print}')
  ok="$(k get job smoke-ok -o 'jsonpath={.status.conditions[?(@.type=="Complete")].status}')"
  fail="$(k get job smoke-fail -o 'jsonpath={.status.conditions[?(@.type=="Failed")].status}')"
  long="$(k get pods -l job-name=smoke-long -o 'jsonpath={.items[*].status.phase}')"
  [[ "$ok" == True && "$fail" == True && "$long" == Running ]] && break
  if ((SECONDS >= deadline)); then log "TIMEOUT: Jobs not finished (Complete=$ok Failed=$fail smoke-long pod=$long)"; k get jobs,pods -o wide; exit 1; fi
  sleep 0.2
done
log "Job smoke-ok: Complete; Job smoke-fail: Failed; Job smoke-long: pod still Running"
echo "---- kubectl get jobs,pods -o wide"
k get jobs,pods -o wide
echo "---- failed pod's container status"
k get pods -l job-name=smoke-fail \
  -o 'jsonpath={range .items[*]}{.metadata.name}: {.status.phase} {.status.containerStatuses[0].state.terminated}{"\n"}{end}'
echo "---- Job smoke-fail condition"
k get job smoke-fail -o 'jsonpath={range .status.conditions[?(@.type=="Failed")]}{.type}={.status} reason={.reason} message={.message}{"\n"}{end}'
echo "----"

# ---- garbage collection of owned pods -------------------------------------------------
k delete job smoke-ok smoke-fail smoke-long --cascade=background >/dev/null
no_pods() { [[ -z "$(k get pods -o name)" ]]; }
wait_for 60 "pods of deleted Jobs garbage-collected" no_pods
log "Jobs deleted; their pods (finished and running) were garbage-collected"

if [[ -n "${HOLD:-}" ]]; then log "HOLD=$HOLD: idling ${HOLD}s before stopping"; sleep "$HOLD"; fi
usage_report
listen_report

OK=1
stop_all
log "SMOKE OK"
