#!/usr/bin/env bash
# Puts `pulumi-language-yaml` (the language host that runs Pulumi YAML programs) in .tools/bin (gitignored).
#
# Like the CLI (install-pulumi.sh), it cannot be downloaded here but is a Go module: `go install
# github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml@vX` would build it against the pulumi pkg/v3 its go.mod
# names (v3.206.0, not served by the module proxy, and without pkg's replace directives it does not build), so
# it is built from a throwaway wrapper module in a cache folder that requires pulumi-yaml at its release and
# repeats the replace directives of the pkg/v3 its go.mod names (v3.219.0 for v1.28.0; pulumi's Go API changes
# between releases, so the CLI's v3.274.1 does not compile it). The host speaks gRPC to the CLI, so the CLI may be
# newer than the SDK the host is built on. v1.28.0, not the module proxy's "latest" v1.25.0: `pulumi package add`
# in a YAML project ends with the host's Link, which v1.25.0 does not implement.
#
# Idempotent: a binary whose recorded versions match is kept. Needs: go (1.26+). The first build takes several
# minutes (a pulumi pkg/v3 of its own; the Go build cache keeps it).
# Env: PULUMI_YAML_VERSION (default below).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
YAML_VERSION="${PULUMI_YAML_VERSION:-1.28.0}"
BIN="$ROOT/.tools/bin"
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-atlas-private-endpoint/pulumi-yaml-src/v$YAML_VERSION"
STAMP="$BIN/.pulumi-language-yaml.built-from"
YAML="github.com/pulumi/pulumi-yaml"
PKG="github.com/pulumi/pulumi/pkg/v3"
SDK="github.com/pulumi/pulumi/sdk/v3"

# shellcheck source=lib/go-module-replaces.sh
source "$ROOT/scripts/lib/go-module-replaces.sh"

log() { echo "[install-pulumi-yaml] $*" >&2; }
die() { log "error: $*"; exit 1; }

fingerprint() { echo "pulumi-yaml v$YAML_VERSION"; }

if [[ -x "$BIN/pulumi-language-yaml" && -f "$STAMP" && "$(cat "$STAMP")" == "$(fingerprint)" ]]; then
  exit 0
fi

command -v go >/dev/null || die "go is not on PATH; it is needed to build pulumi-language-yaml"
export GOWORK=off GO111MODULE=on GOFLAGS="-mod=mod -buildvcs=false"
mkdir -p "$BIN" "$CACHE"
# Clones installing at once (parallel CI jobs on one machine) share this folder: one at a time.
exec 9>"$CACHE.lock"
flock 9
cd "$CACHE"
[[ -f go.mod ]] || go mod init pulumi-atlas-private-endpoint/pulumi-yaml >/dev/null 2>&1
yaml_gomod="$(go mod download -json "$YAML@v$YAML_VERSION" | sed -n -E 's/^[[:space:]]*"GoMod": "(.*)",?$/\1/p')"
[[ -f "$yaml_gomod" ]] || die "could not download $YAML@v$YAML_VERSION from the Go module proxy"
PULUMI_VERSION="$(awk -v pkg="$PKG" '$1 == pkg { print $2; exit }' "$yaml_gomod")"
[[ -n "$PULUMI_VERSION" ]] || die "$YAML@v$YAML_VERSION's go.mod names no $PKG"
go mod edit -require="$YAML@v$YAML_VERSION" -require="$PKG@$PULUMI_VERSION" -require="$SDK@$PULUMI_VERSION"
for gomod in "$yaml_gomod" "$(go mod download -json "$PKG@$PULUMI_VERSION" | sed -n -E 's/^[[:space:]]*"GoMod": "(.*)",?$/\1/p')"; do
  [[ -f "$gomod" ]] || die "could not download $PKG@$PULUMI_VERSION from the Go module proxy"
  for replace in $(module_replaces "$gomod"); do
    go mod edit -replace="$replace"
  done
done
started=$SECONDS
log "building pulumi-language-yaml v$YAML_VERSION (pulumi sdk $PULUMI_VERSION) in $CACHE (several minutes the first time)"
go build -trimpath -ldflags "-s -w -X $YAML/pkg/version.Version=v$YAML_VERSION" -o "$BIN/pulumi-language-yaml.tmp" "$YAML/cmd/pulumi-language-yaml"
mv -f "$BIN/pulumi-language-yaml.tmp" "$BIN/pulumi-language-yaml"
fingerprint >"$STAMP"
log "pulumi-language-yaml v$YAML_VERSION is in .tools/bin ($((SECONDS - started)) s)"
