#!/usr/bin/env bash
# Puts `pulumi`, `pulumi-language-nodejs` and `pulumi-resource-pulumi-nodejs` in .tools/bin (gitignored).
#
# The Pulumi CLI cannot be downloaded on this project's machines, but it is a Go module and the Go module
# proxy is reachable. `go install github.com/pulumi/pulumi/pkg/v3/cmd/pulumi@vX` is refused because pkg's
# go.mod carries replace directives, so the CLI is built from a throwaway wrapper module in a cache folder
# (never in the repo) that requires pkg/v3 and sdk/v3 at one release and repeats their replace directives.
# The Node.js language host is built in the same module from scripts/pulumi-language-nodejs (see the
# comment there for why it is not the upstream module), and `pulumi-resource-pulumi-nodejs`, the
# dynamic-provider host, is copied from the installed @pulumi/pulumi.
#
# A `pulumi` already on PATH (outside .tools/bin) with a `pulumi-language-nodejs` beside it or on PATH is
# linked into .tools/bin instead of building: GitHub CI's test matrix installs the released CLI with
# pulumi/actions, so it runs upstream's host, the one users run. With PULUMI_LANGUAGE_HOST=build (CI's
# stand-in-host job) the CLI on PATH is linked and only the project's language host is built: the end-to-end
# tests in test/e2e/language-host.test.ts hold that host to its contract (exit with the CLI, the
# missing-config message, RunPlugin). Building it compiles sdk/v3 only: about a minute, not the CLI's 13.
#
# Idempotent: binaries whose recorded version and source match are kept, so a warm run takes a fraction of
# a second. Needs: go (1.26+), node_modules installed (npm ci).
# Env: PULUMI_CLI_VERSION (default below; .github/workflows/ci.yml pins the same), PULUMI_CLI_FORCE_BUILD=1
# (ignore a pulumi on PATH), PULUMI_LANGUAGE_HOST=build (see above).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VERSION="${PULUMI_CLI_VERSION:-3.274.1}"
BIN="$ROOT/.tools/bin"
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-atlas-private-endpoint/pulumi-cli-src/v$VERSION"
HOST_SOURCE="$ROOT/scripts/pulumi-language-nodejs/main.go"
HOST_STAMP="$BIN/.pulumi-language-nodejs.built-from"
PKG="github.com/pulumi/pulumi/pkg/v3"
SDK="github.com/pulumi/pulumi/sdk/v3"

# shellcheck source=lib/go-module-replaces.sh
source "$ROOT/scripts/lib/go-module-replaces.sh"

log() { echo "[install-pulumi] $*" >&2; }
die() { log "error: $*"; exit 1; }

mkdir -p "$BIN"

# The dynamic-provider host is a small script shipped by @pulumi/pulumi; copying it keeps it in step with
# the SDK that serializes the providers it runs.
install_dynamic_provider_host() {
  local src="$ROOT/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs"
  [[ -f "$src" ]] || die "$src is missing: run npm ci first"
  if ! cmp -s "$src" "$BIN/pulumi-resource-pulumi-nodejs"; then
    install -m 0755 "$src" "$BIN/pulumi-resource-pulumi-nodejs"
    log "copied pulumi-resource-pulumi-nodejs from @pulumi/pulumi"
  fi
}

# Prints the first executable named $1 on PATH outside .tools/bin.
find_outside_tools() {
  local dir ours
  ours="$(cd "$BIN" && pwd -P)"
  local IFS=:
  for dir in $PATH; do
    [[ -n "$dir" && -d "$dir" && "$(cd "$dir" && pwd -P)" != "$ours" ]] || continue
    if [[ -x "$dir/$1" && ! -d "$dir/$1" ]]; then
      echo "$dir/$1"
      return 0
    fi
  done
  return 1
}

use_cli_on_path() {
  local pulumi_path lang_path
  pulumi_path="$(find_outside_tools pulumi)" || return 1
  if [[ "${PULUMI_LANGUAGE_HOST:-}" == build ]]; then
    ln -sfn "$pulumi_path" "$BIN/pulumi"
    log "using $pulumi_path ($("$pulumi_path" version 2>/dev/null || echo 'version unknown')) with the project's language host"
    [[ "$("$pulumi_path" version 2>/dev/null)" == "v$VERSION" ]] || log "warning: this project pins pulumi v$VERSION"
    return 0
  fi
  lang_path="$(dirname "$pulumi_path")/pulumi-language-nodejs"
  if [[ ! -x "$lang_path" ]]; then
    lang_path="$(find_outside_tools pulumi-language-nodejs)" || {
      log "ignoring $pulumi_path: no pulumi-language-nodejs beside it or on PATH"
      return 1
    }
  fi
  ln -sfn "$pulumi_path" "$BIN/pulumi"
  ln -sfn "$lang_path" "$BIN/pulumi-language-nodejs"
  rm -f "$HOST_STAMP"
  log "using $pulumi_path ($("$pulumi_path" version 2>/dev/null || echo 'version unknown'))"
}

host_fingerprint() { echo "v$VERSION $(sha256sum "$HOST_SOURCE" | cut -d' ' -f1)"; }

cli_is_current() {
  [[ -x "$BIN/pulumi" && ! -L "$BIN/pulumi" && "$("$BIN/pulumi" version 2>/dev/null)" == "v$VERSION" ]]
}

host_is_current() {
  [[ -x "$BIN/pulumi-language-nodejs" && ! -L "$BIN/pulumi-language-nodejs" && -f "$HOST_STAMP" &&
    "$(cat "$HOST_STAMP")" == "$(host_fingerprint)" ]]
}

prepare_wrapper_module() {
  mkdir -p "$CACHE/cmd/pulumi-language-nodejs"
  # Clones installing at once (parallel CI jobs on one machine) share this folder: one at a time.
  exec 9>"$CACHE.lock"
  flock 9
  cd "$CACHE"
  if [[ ! -f go.mod ]]; then
    go mod init pulumi-atlas-private-endpoint/pulumi-cli >/dev/null 2>&1
  fi
  go mod edit -require="$PKG@v$VERSION" -require="$SDK@v$VERSION"
  local mod gomod replace
  for mod in "$PKG" "$SDK"; do
    gomod="$(go mod download -json "$mod@v$VERSION" | sed -n -E 's/^[[:space:]]*"GoMod": "(.*)",?$/\1/p')"
    [[ -f "$gomod" ]] || die "could not download $mod@v$VERSION from the Go module proxy"
    for replace in $(module_replaces "$gomod"); do
      go mod edit -replace="$replace"
    done
  done
  cp "$HOST_SOURCE" cmd/pulumi-language-nodejs/main.go
}

# $1 = cli: the CLI and the host; host: the host alone (the CLI is a linked release).
build() {
  command -v go >/dev/null || die "go is not on PATH; it is needed to build the Pulumi CLI and its language host"
  # Nothing from the caller (a go.work, GOFLAGS=-mod=vendor) may steer this build.
  export GOWORK=off GO111MODULE=on GOFLAGS="-mod=mod -buildvcs=false"
  prepare_wrapper_module
  local ldflags="-s -w -X $SDK/go/common/version.Version=v$VERSION"
  if [[ "$1" == cli ]] && ! cli_is_current; then
    log "building pulumi v$VERSION from Go module sources in $CACHE (about 13 minutes on 2 cores the first time)"
    go build -trimpath -ldflags "$ldflags" -o "$BIN/pulumi.tmp" "$PKG/cmd/pulumi"
    mv -f "$BIN/pulumi.tmp" "$BIN/pulumi"
  fi
  if ! host_is_current; then
    log "building pulumi-language-nodejs against sdk v$VERSION"
    go build -trimpath -ldflags "$ldflags" -o "$BIN/pulumi-language-nodejs.tmp" ./cmd/pulumi-language-nodejs
    mv -f "$BIN/pulumi-language-nodejs.tmp" "$BIN/pulumi-language-nodejs"
    host_fingerprint >"$HOST_STAMP"
  fi
}

install_dynamic_provider_host
if [[ "${PULUMI_CLI_FORCE_BUILD:-}" != 1 ]] && use_cli_on_path; then
  if [[ "${PULUMI_LANGUAGE_HOST:-}" == build ]] && ! host_is_current; then
    [[ -L "$BIN/pulumi-language-nodejs" ]] && rm -f "$BIN/pulumi-language-nodejs"
    started=$SECONDS
    build host
    log "the project's pulumi-language-nodejs is in .tools/bin ($((SECONDS - started)) s)"
  fi
  exit 0
fi
if cli_is_current && host_is_current; then
  exit 0
fi
# Links left by an earlier run whose pulumi has since left PATH.
[[ -L "$BIN/pulumi" ]] && rm -f "$BIN/pulumi"
[[ -L "$BIN/pulumi-language-nodejs" ]] && rm -f "$BIN/pulumi-language-nodejs"
started=$SECONDS
build cli
log "$("$BIN/pulumi" version) and its Node.js language host are in .tools/bin ($((SECONDS - started)) s)"
