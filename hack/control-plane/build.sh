#!/usr/bin/env bash
# Builds a real Kubernetes control plane (kube-apiserver, kube-controller-manager,
# kube-scheduler, kubectl, etcd, kwok) from Go modules, offline except for the Go
# module proxy, into a cache directory outside the repository:
#
#   ${AXON_CACHE_DIR:-$HOME/.cache/axon}/kubeapitest/k8s/<K8S_VERSION>-linux-amd64/
#
# That is the layout fabric8 kube-api-test expects (KUBE_API_TEST_DIR=.../kubeapitest).
# Idempotent: when every binary is already there (built from the pinned versions) it
# prints the directory and exits at once. Progress goes to stderr; the only thing
# printed on stdout is the directory, so callers can do  dir="$(hack/control-plane/build.sh)".
#
# Usage:
#   hack/control-plane/build.sh                  build what is missing, print the directory
#   hack/control-plane/build.sh --kubelet        build the kubelet (same module version) if it is
#                                                missing, print its path: a separate cache entry,
#                                                ${AXON_CACHE_DIR:-$HOME/.cache/axon}/node/kubelet-<K8S_VERSION>/kubelet
#   hack/control-plane/build.sh --update-modules regenerate the tool modules' go.mod/go.sum
#                                                from the pins below (needs the module proxy)
#   hack/control-plane/build.sh --help
#
# See README.md beside this file for versions, timings and how to run the binaries.
set -euo pipefail

# ---- Pinned versions: the one place to change them ------------------------------------
# (after changing one, run  build.sh --update-modules  and commit the go.mod/go.sum files)
K8S_VERSION=1.34.10   # k8s.io/kubernetes v$K8S_VERSION, staging modules v0.${K8S_VERSION#1.}
ETCD_VERSION=3.6.16   # go.etcd.io/etcd/server/v3
KWOK_VERSION=0.8.0    # sigs.k8s.io/kwok
# ----------------------------------------------------------------------------------------

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CACHE_ROOT="${AXON_CACHE_DIR:-$HOME/.cache/axon}"
KUBE_API_TEST_DIR="$CACHE_ROOT/kubeapitest"
OUT="$KUBE_API_TEST_DIR/k8s/${K8S_VERSION}-linux-amd64"
# A first build fills PARTIAL and renames it to OUT only when all binaries are there, so
# kube-api-test (which takes the highest version directory under k8s/) never sees a
# half-filled one. Temp files and PARTIAL live outside k8s/ (same file system: mv is a rename).
PARTIAL="$KUBE_API_TEST_DIR/.partial/${K8S_VERSION}-linux-amd64"
# The kubelet only the real-node tests need: cached apart, so adding it never rebuilds the others.
KUBELET_DIR="$CACHE_ROOT/node/kubelet-${K8S_VERSION}"
KUBELET_STAMP="k8s.io/kubernetes@v$K8S_VERSION"

# binary -> tool module dir, Go package, the version its stamp records
BINARIES=(kube-apiserver kube-controller-manager kube-scheduler kubectl etcd kwok)
declare -A MODDIR=(
  [kube-apiserver]=kubernetes [kube-controller-manager]=kubernetes
  [kube-scheduler]=kubernetes [kubectl]=kubernetes
  [etcd]=etcd [kwok]=kwok)
declare -A PKG=(
  [kube-apiserver]=k8s.io/kubernetes/cmd/kube-apiserver
  [kube-controller-manager]=k8s.io/kubernetes/cmd/kube-controller-manager
  [kube-scheduler]=k8s.io/kubernetes/cmd/kube-scheduler
  [kubectl]=k8s.io/kubernetes/cmd/kubectl
  [etcd]=go.etcd.io/etcd/server/v3
  [kwok]=sigs.k8s.io/kwok/cmd/kwok)
declare -A STAMP=(
  [kube-apiserver]="k8s.io/kubernetes@v$K8S_VERSION"
  [kube-controller-manager]="k8s.io/kubernetes@v$K8S_VERSION"
  [kube-scheduler]="k8s.io/kubernetes@v$K8S_VERSION"
  [kubectl]="k8s.io/kubernetes@v$K8S_VERSION"
  [etcd]="go.etcd.io/etcd/server/v3@v$ETCD_VERSION"
  [kwok]="sigs.k8s.io/kwok@v$KWOK_VERSION")

log() { printf '[control-plane] %s\n' "$*" >&2; }

# A binary is complete when it is there, executable, and its stamp (DIR/.stamps/NAME)
# names the pinned version.
is_built() {   # is_built DIR NAME
  local d="$1" b="$2"
  [[ -x "$d/$b" && -f "$d/.stamps/$b" ]] && [[ "$(<"$d/.stamps/$b")" == "${STAMP[$b]}" ]]
}

missing() {    # missing DIR: names of the binaries not (correctly) built in DIR
  local b
  for b in "${BINARIES[@]}"; do is_built "$1" "$b" || printf '%s\n' "$b"; done
}

usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2; }

MODE=build
case "${1:-}" in
  "") ;;
  --update-modules) MODE=update ;;
  --kubelet) MODE=kubelet ;;
  -h|--help) usage; exit 0 ;;
  *) log "unknown argument: $1"; usage; exit 2 ;;
esac

# ---- Fast path: nothing to do (no Go needed, no lock taken) ------------------------------
if [[ "$MODE" == build && -z "$(missing "$OUT")" ]]; then
  printf '%s\n' "$OUT"
  exit 0
fi

if [[ "$MODE" == kubelet && -x "$KUBELET_DIR/kubelet" && -f "$KUBELET_DIR/.stamp" ]] \
    && [[ "$(<"$KUBELET_DIR/.stamp")" == "$KUBELET_STAMP" ]]; then
  printf '%s\n' "$KUBELET_DIR/kubelet"
  exit 0
fi

# ---- Failure reporting -------------------------------------------------------------------
CURRENT_STEP="start-up"
TMPDIR_BUILD=""
on_err() {
  local rc=$?
  log "FAILED during step: $CURRENT_STEP (exit code $rc). The output above says why."
  exit "$rc"
}
cleanup() { if [[ -n "$TMPDIR_BUILD" ]]; then rm -rf "$TMPDIR_BUILD"; fi; }
trap on_err ERR
trap cleanup EXIT
step() { CURRENT_STEP="$*"; log "$*"; }

# ---- Go toolchain ------------------------------------------------------------------------
step "checking the Go toolchain"
GO="$(command -v go || true)"
if [[ -z "$GO" && -x /usr/local/go/bin/go ]]; then GO=/usr/local/go/bin/go; fi
if [[ -z "$GO" ]]; then
  log "FAILED: no 'go' on PATH and none at /usr/local/go/bin/go; install Go >= 1.26"
  exit 1
fi
# Use the installed toolchain, never download another one; everything else (GOPROXY,
# GOMODCACHE, GOCACHE) stays as the user's Go environment has it.
export GOTOOLCHAIN=local
export CGO_ENABLED=0
export GOFLAGS="-buildvcs=false -mod=readonly"
GOVER="$("$GO" env GOVERSION)"
if ! [[ "$GOVER" =~ ^go1\.([0-9]+) ]] || (( BASH_REMATCH[1] < 26 )); then
  log "FAILED: $GO is $GOVER; the pinned etcd and kwok need Go >= 1.26"
  exit 1
fi
log "using $GO ($GOVER), GOMODCACHE=$("$GO" env GOMODCACHE), GOCACHE=$("$GO" env GOCACHE)"

# ---- --update-modules: regenerate the tool modules from the pins ------------------------
update_modules() {
  local minor="${K8S_VERSION#1.}" gomod staging m args=()
  export GOFLAGS="-buildvcs=false -mod=mod"

  step "updating tool module kubernetes/ to k8s.io/kubernetes v$K8S_VERSION"
  gomod="$(cd "$HERE/kubernetes" && "$GO" mod download -json "k8s.io/kubernetes@v$K8S_VERSION" \
            | sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",\{0,1\}$/\1/p')"
  [[ -f "$gomod" ]] || { log "FAILED: could not fetch the go.mod of k8s.io/kubernetes v$K8S_VERSION"; exit 1; }
  # Every staging module that k8s.io/kubernetes requires at v0.0.0 (and points at
  # ./staging with a replace that Go ignores in a dependency) gets a real version.
  staging="$(awk '/^[[:space:]]+k8s\.io\/[a-z0-9-]+ v0\.0\.0$/ {print $1}' "$gomod")"
  for m in $staging; do args+=("-replace=$m=$m@v0.$minor"); done
  cat >"$HERE/kubernetes/go.mod" <<EOF
// Generated by hack/control-plane/build.sh --update-modules. Not part of the product:
// it only pins the sources that build the Kubernetes control plane binaries.
module axon.local/hack/control-plane/kubernetes

go $(awk '$1 == "go" {print $2; exit}' "$gomod")
EOF
  : >"$HERE/kubernetes/go.sum"
  (cd "$HERE/kubernetes" &&
    "$GO" mod edit "${args[@]}" \
      -godebug="$(awk '$1 == "godebug" {print $2; exit}' "$gomod")" \
      -require="k8s.io/kubernetes@v$K8S_VERSION" \
      -tool=k8s.io/kubernetes/cmd/kube-apiserver \
      -tool=k8s.io/kubernetes/cmd/kube-controller-manager \
      -tool=k8s.io/kubernetes/cmd/kube-scheduler \
      -tool=k8s.io/kubernetes/cmd/kubectl \
      -tool=k8s.io/kubernetes/cmd/kubelet &&
    "$GO" mod tidy)

  step "updating tool module etcd/ to go.etcd.io/etcd/server/v3 v$ETCD_VERSION"
  write_simple_module etcd "go.etcd.io/etcd/server/v3@v$ETCD_VERSION" go.etcd.io/etcd/server/v3

  step "updating tool module kwok/ to sigs.k8s.io/kwok v$KWOK_VERSION"
  write_simple_module kwok "sigs.k8s.io/kwok@v$KWOK_VERSION" sigs.k8s.io/kwok/cmd/kwok

  log "done; review and commit hack/control-plane/{kubernetes,etcd,kwok}/go.{mod,sum}"
}

write_simple_module() {
  local dir="$1" req="$2" tool="$3" gover
  gover="$("$GO" env GOVERSION | sed -E 's/^go([0-9]+\.[0-9]+).*/\1.0/')"
  cat >"$HERE/$dir/go.mod" <<EOF
// Generated by hack/control-plane/build.sh --update-modules. Not part of the product.
module axon.local/hack/control-plane/$dir

go $gover
EOF
  : >"$HERE/$dir/go.sum"
  (cd "$HERE/$dir" && "$GO" mod edit -require="$req" -tool="$tool" && "$GO" mod tidy)
}

if [[ "$MODE" == update ]]; then
  update_modules
  exit 0
fi

# ---- The tool modules must match the pins -------------------------------------------------
step "checking that the tool modules match the pinned versions"
check_pin() {
  local dir="$1" mod="$2" ver="$3"
  if ! grep -Eq "^[[:space:]]*(require[[:space:]]+)?$mod[[:space:]]+$ver([[:space:]]|$)" "$HERE/$dir/go.mod"; then
    log "FAILED: $HERE/$dir/go.mod does not require $mod $ver; run: $0 --update-modules"
    exit 1
  fi
}
check_pin kubernetes k8s.io/kubernetes "v$K8S_VERSION"
check_pin etcd go.etcd.io/etcd/server/v3 "v$ETCD_VERSION"
check_pin kwok sigs.k8s.io/kwok "v$KWOK_VERSION"

# Version strings the official Kubernetes build stamps in (hack/lib/version.sh); without
# them `kubectl version` and the apiserver's /version say v0.0.0-master.
K8S_MINOR="${K8S_VERSION#1.}"; K8S_MINOR="${K8S_MINOR%%.*}"
K8S_LDFLAGS="-s -w"
for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  K8S_LDFLAGS+=" -X $p.gitVersion=v$K8S_VERSION -X $p.gitMajor=1 -X $p.gitMinor=$K8S_MINOR"
  K8S_LDFLAGS+=" -X $p.gitTreeState=clean -X $p.buildDate=1970-01-01T00:00:00Z"
done

# ---- --kubelet: the node agent, from the same k8s.io/kubernetes module -------------------
build_kubelet() {
  local tmp start
  mkdir -p "$KUBELET_DIR" "$CACHE_ROOT/node/.tmp"
  exec 8>"$CACHE_ROOT/node/.kubelet-${K8S_VERSION}.lock"
  flock 8
  if [[ -x "$KUBELET_DIR/kubelet" && -f "$KUBELET_DIR/.stamp" && "$(<"$KUBELET_DIR/.stamp")" == "$KUBELET_STAMP" ]]; then
    return 0   # built by the run we waited for
  fi
  step "downloading Go modules for kubernetes/ ($KUBELET_STAMP)"
  (cd "$HERE/kubernetes" && "$GO" mod download)
  step "building the kubelet from k8s.io/kubernetes/cmd/kubelet ($KUBELET_STAMP)"
  start=$SECONDS
  TMPDIR_BUILD="$(mktemp -d "$CACHE_ROOT/node/.tmp/kubelet.XXXXXX")"
  tmp="$TMPDIR_BUILD/kubelet"
  (cd "$HERE/kubernetes" && "$GO" build -p 2 -trimpath -ldflags="$K8S_LDFLAGS" -o "$tmp" k8s.io/kubernetes/cmd/kubelet)
  "$tmp" --version >/dev/null 2>&1 || { log "FAILED: the freshly built kubelet does not run"; false; }
  rm -f "$KUBELET_DIR/.stamp"
  mv -f "$tmp" "$KUBELET_DIR/kubelet"
  printf '%s\n' "$KUBELET_STAMP" >"$KUBELET_DIR/.stamp"
  log "kubelet done in $((SECONDS - start))s ($(du -h "$KUBELET_DIR/kubelet" | cut -f1))"
}
if [[ "$MODE" == kubelet ]]; then
  build_kubelet
  printf '%s\n' "$KUBELET_DIR/kubelet"
  exit 0
fi

# ---- One build at a time per cache directory ----------------------------------------------
mkdir -p "$KUBE_API_TEST_DIR/k8s" "$KUBE_API_TEST_DIR/.tmp"
LOCK="$KUBE_API_TEST_DIR/.build-${K8S_VERSION}.lock"
if command -v flock >/dev/null 2>&1; then
  exec 9>"$LOCK"
  if ! flock -n 9; then
    log "another build.sh is building into $OUT; waiting for it"
    flock 9
  fi
fi

if [[ -z "$(missing "$OUT")" ]]; then   # built by the build we waited for
  printf '%s\n' "$OUT"
  exit 0
fi
# OUT exists (complete before, now a pin changed): replace binaries in it one by one, each
# by an atomic rename. Otherwise build into PARTIAL (keeping what a killed run finished).
if [[ -d "$OUT" ]]; then DEST="$OUT"; else DEST="$PARTIAL"; fi
mkdir -p "$DEST/.stamps"
TODO=()
while IFS= read -r b; do [[ -n "$b" ]] && TODO+=("$b"); done < <(missing "$DEST")
log "target: $OUT"
if [[ "$DEST" != "$OUT" ]]; then log "building into $DEST first"; fi
log "to build: ${TODO[*]:-nothing}"

TMPDIR_BUILD="$(mktemp -d "$KUBE_API_TEST_DIR/.tmp/build.XXXXXX")"

declare -A DOWNLOADED=()
i=0
for b in "${TODO[@]}"; do
  i=$((i + 1))
  dir="${MODDIR[$b]}"
  if [[ -z "${DOWNLOADED[$dir]:-}" ]]; then
    step "[$i/${#TODO[@]}] downloading Go modules for $dir/ (${STAMP[$b]}) via $("$GO" env GOPROXY)"
    (cd "$HERE/$dir" && "$GO" mod download)
    DOWNLOADED[$dir]=1
  fi
  ldflags="-s -w"
  if [[ "$dir" == kubernetes ]]; then ldflags="$K8S_LDFLAGS"; fi
  step "[$i/${#TODO[@]}] building $b from ${PKG[$b]} (${STAMP[$b]})"
  start=$SECONDS
  (cd "$HERE/$dir" && "$GO" build -p 2 -trimpath -ldflags="$ldflags" -o "$TMPDIR_BUILD/$b" "${PKG[$b]}")
  step "[$i/${#TODO[@]}] installing $b"
  if [[ "$b" == kubectl ]]; then check=(version --client); else check=(--version); fi
  "$TMPDIR_BUILD/$b" "${check[@]}" >/dev/null 2>&1 \
    || { log "FAILED: the freshly built $b does not run ($b ${check[*]} failed)"; false; }
  rm -f "$DEST/.stamps/$b"                 # stamp goes last: no stamp, no "complete" binary
  mv -f "$TMPDIR_BUILD/$b" "$DEST/$b"
  printf '%s\n' "${STAMP[$b]}" >"$DEST/.stamps/$b.tmp" && mv -f "$DEST/.stamps/$b.tmp" "$DEST/.stamps/$b"
  log "[$i/${#TODO[@]}] $b done in $((SECONDS - start))s ($(du -h "$DEST/$b" | cut -f1))"
done

CURRENT_STEP="final check"
if [[ -n "$(missing "$DEST")" ]]; then
  log "FAILED: still missing after the build: $(missing "$DEST" | tr '\n' ' ')"
  exit 1
fi
if [[ "$DEST" != "$OUT" ]]; then
  CURRENT_STEP="moving $DEST to $OUT"
  mv -T "$DEST" "$OUT"
fi
log "all binaries ready (KUBE_API_TEST_DIR=$KUBE_API_TEST_DIR)"
printf '%s\n' "$OUT"
