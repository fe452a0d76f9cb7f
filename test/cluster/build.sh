#!/usr/bin/env bash
# Builds kube-apiserver, kubectl (k8s.io/kubernetes, release from go.mod),
# etcd (go.etcd.io/etcd/server/v3), netpol-verdicts (netpol/, the cyclonus
# NetworkPolicy engine) and metallb-controller (metallb/, MetalLB's
# controller) from Go modules, CGO_ENABLED=0, into
#   ${XDG_CACHE_HOME:-~/.cache}/cdk8s-expose/engines/<sha256(go.sums + go version)>/
# and prints that directory (last line of stdout). A cache hit skips the build.
set -euo pipefail
cd "$(dirname "$0")"
command -v go >/dev/null || { echo "build.sh: Go is not installed (needs Go >= $(awk '/^go /{print $2}' go.mod)); see README Development" >&2; exit 127; }
gover="$(go env GOVERSION)"
key="$( (cat go.sum netpol/go.sum metallb/go.sum; echo "$gover") | sha256sum | cut -c1-16)"
out="${XDG_CACHE_HOME:-$HOME/.cache}/cdk8s-expose/engines/${key}"
if [ -x "$out/kube-apiserver" ] && [ -x "$out/kubectl" ] && [ -x "$out/etcd" ] && [ -x "$out/netpol-verdicts" ] && [ -x "$out/metallb-controller" ]; then
  echo "$out"; exit 0
fi
k8s="$(awk '$1 == "k8s.io/kubernetes" { print $2 }' go.mod)"
etcd="$(awk '$1 == "go.etcd.io/etcd/server/v3" && $2 ~ /^v/ { print $2 }' go.mod)"
major="${k8s#v}"; major="${major%%.*}"; minor="${k8s#v*.}"; minor="${minor%%.*}"
kv="-X k8s.io/component-base/version.gitVersion=${k8s} -X k8s.io/component-base/version.gitMajor=${major} -X k8s.io/component-base/version.gitMinor=${minor}"
kv="$kv -X k8s.io/client-go/pkg/version.gitVersion=${k8s} -X k8s.io/client-go/pkg/version.gitMajor=${major} -X k8s.io/client-go/pkg/version.gitMinor=${minor}"
kv="$kv -X k8s.io/component-base/version.gitTreeState=clean -X k8s.io/client-go/pkg/version.gitTreeState=clean"
tmp="$out.tmp.$$"
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT
export CGO_ENABLED=0 GOFLAGS="${GOFLAGS:-} -mod=readonly -trimpath"
echo "build.sh: building kube-apiserver + kubectl ${k8s}, etcd ${etcd} with ${gover} into ${out}" >&2
go build -ldflags "-s -w $kv" -o "$tmp/kube-apiserver" k8s.io/kubernetes/cmd/kube-apiserver >&2
go build -ldflags "-s -w $kv" -o "$tmp/kubectl" k8s.io/kubernetes/cmd/kubectl >&2
go build -ldflags "-s -w -X go.etcd.io/etcd/api/v3/version.GitSHA=${etcd}" -o "$tmp/etcd" go.etcd.io/etcd/server/v3 >&2
(cd netpol && go build -ldflags "-s -w" -o "$tmp/netpol-verdicts" .) >&2
(cd metallb && go build -ldflags "-s -w" -o "$tmp/metallb-controller" go.universe.tf/metallb/controller) >&2
rm -rf "$out"; mv "$tmp" "$out"
echo "$out"
