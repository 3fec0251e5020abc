#!/usr/bin/env bash
# Puts `atlas-pe-gen-sdk` (scripts/gen-sdk/main.go: the plugin's SDKs from schema.json with Pulumi's code
# generators) in .tools/bin. Built like the Node.js language host in install-pulumi.sh: a wrapper module in a
# cache folder requiring pkg/v3 at the CLI's release with pkg's replace directives, so it reuses the CLI's Go
# build cache and takes seconds once the CLI is built. Idempotent (version + source stamp).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VERSION="${PULUMI_CLI_VERSION:-3.274.1}"
BIN="$ROOT/.tools/bin"
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-atlas-private-endpoint/gen-sdk-src/v$VERSION"
SOURCE="$ROOT/scripts/gen-sdk/main.go"
STAMP="$BIN/.atlas-pe-gen-sdk.built-from"
PKG="github.com/pulumi/pulumi/pkg/v3"
SDK="github.com/pulumi/pulumi/sdk/v3"

# shellcheck source=lib/go-module-replaces.sh
source "$ROOT/scripts/lib/go-module-replaces.sh"

log() { echo "[install-gen-sdk] $*" >&2; }
die() { log "error: $*"; exit 1; }

fingerprint() { echo "v$VERSION $(sha256sum "$SOURCE" | cut -d' ' -f1)"; }

if [[ -x "$BIN/atlas-pe-gen-sdk" && -f "$STAMP" && "$(cat "$STAMP")" == "$(fingerprint)" ]]; then
  exit 0
fi
command -v go >/dev/null || die "go is not on PATH; it is needed to build atlas-pe-gen-sdk"
export GOWORK=off GO111MODULE=on GOFLAGS="-mod=mod -buildvcs=false"
mkdir -p "$BIN" "$CACHE/cmd/atlas-pe-gen-sdk"
# Clones installing at once (parallel CI jobs on one machine) share this folder: one at a time.
exec 9>"$CACHE.lock"
flock 9
cd "$CACHE"
[[ -f go.mod ]] || go mod init pulumi-atlas-private-endpoint/gen-sdk >/dev/null 2>&1
go mod edit -require="$PKG@v$VERSION" -require="$SDK@v$VERSION"
gomod="$(go mod download -json "$PKG@v$VERSION" | sed -n -E 's/^[[:space:]]*"GoMod": "(.*)",?$/\1/p')"
[[ -f "$gomod" ]] || die "could not download $PKG@v$VERSION from the Go module proxy"
for replace in $(module_replaces "$gomod"); do
  go mod edit -replace="$replace"
done
cp "$SOURCE" cmd/atlas-pe-gen-sdk/main.go
started=$SECONDS
log "building atlas-pe-gen-sdk against pkg v$VERSION"
go build -trimpath -ldflags "-s -w" -o "$BIN/atlas-pe-gen-sdk.tmp" ./cmd/atlas-pe-gen-sdk
mv -f "$BIN/atlas-pe-gen-sdk.tmp" "$BIN/atlas-pe-gen-sdk"
fingerprint >"$STAMP"
log "atlas-pe-gen-sdk is in .tools/bin ($((SECONDS - started)) s)"
