#!/usr/bin/env bash
# Puts `pulumi`, its Node.js and Python language hosts (`pulumi-language-nodejs`, `pulumi-language-python` with
# `pulumi-language-python-exec`) and `pulumi-resource-pulumi-nodejs` in .tools/bin (gitignored).
#
# The Pulumi CLI cannot be downloaded on this project's machines, but it is a Go module and the Go module
# proxy is reachable. `go install github.com/pulumi/pulumi/pkg/v3/cmd/pulumi@vX` is refused because pkg's
# go.mod carries replace directives, so the CLI is built from a throwaway wrapper module in a cache folder
# (never in the repo) that requires pkg/v3 and sdk/v3 at one release and repeats their replace directives.
# The language hosts are built in the same module from scripts/pulumi-language-nodejs and
# scripts/pulumi-language-python, with what they share in scripts/langhost (see the comments there for why they are
# not the upstream modules); the Python host's program runner, `pulumi-language-python-exec`, is upstream's script,
# copied from sdk/v3 at the same release. `pulumi-resource-pulumi-nodejs`, the dynamic-provider host, is copied
# from the installed @pulumi/pulumi.
#
# A `pulumi` already on PATH (outside .tools/bin) with a `pulumi-language-nodejs` beside it or on PATH is
# linked into .tools/bin instead of building: GitHub CI's test matrix installs the released CLI with
# pulumi/actions, so it runs upstream's host, the one users run. With PULUMI_LANGUAGE_HOST=build (CI's
# stand-in-host job) the CLI on PATH is linked and only the project's language host is built: the end-to-end
# tests in test/e2e/language-host.test.ts hold that host to its contract (exit with the CLI, the
# missing-config message, RunPlugin). Building it compiles sdk/v3 only: about a minute, not the CLI's 13.
#
# The Python host is chosen by PULUMI_PYTHON_LANGUAGE_HOST: `upstream` links the `pulumi-language-python` (and its
# -exec script) shipped beside a `pulumi` on PATH (the released CLI: GitHub CI), and fails if there is none;
# `build` builds the project's own; unset, upstream's is linked when there is one, else the project's is built.
#
# Idempotent: binaries whose recorded version and source match are kept, so a warm run takes a fraction of
# a second. Needs: go (1.26+), node_modules installed (npm ci).
# Env: PULUMI_CLI_VERSION (default below; .github/workflows/ci.yml pins the same), PULUMI_CLI_FORCE_BUILD=1
# (ignore a pulumi on PATH), PULUMI_LANGUAGE_HOST=build, PULUMI_PYTHON_LANGUAGE_HOST=build|upstream (see above).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VERSION="${PULUMI_CLI_VERSION:-3.274.1}"
BIN="$ROOT/.tools/bin"
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-atlas-private-endpoint/pulumi-cli-src/v$VERSION"
# The language hosts this script builds, as .tools/bin/pulumi-language-<language>.
PYTHON_EXEC="pulumi-language-python-exec"
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
  rm -f "$(host_stamp nodejs)"
  log "using $pulumi_path ($("$pulumi_path" version 2>/dev/null || echo 'version unknown'))"
}

host_stamp() { echo "$BIN/.pulumi-language-$1.built-from"; }

# $1 = nodejs or python: the release and the sources the host is built from.
host_fingerprint() {
  echo "v$VERSION $(cat "$ROOT/scripts/pulumi-language-$1/main.go" "$ROOT"/scripts/langhost/*.go | sha256sum | cut -d' ' -f1)"
}

cli_is_current() {
  [[ -x "$BIN/pulumi" && ! -L "$BIN/pulumi" && "$("$BIN/pulumi" version 2>/dev/null)" == "v$VERSION" ]]
}

host_is_current() {
  local host="$BIN/pulumi-language-$1" stamp
  stamp="$(host_stamp "$1")"
  [[ -x "$host" && ! -L "$host" && -f "$stamp" && "$(cat "$stamp")" == "$(host_fingerprint "$1")" ]] || return 1
  [[ "$1" != python ]] || [[ -f "$BIN/$PYTHON_EXEC" && ! -L "$BIN/$PYTHON_EXEC" ]]
}

# Which Python host to use: upstream (linked from beside a pulumi on PATH) or build (the project's).
python_host_choice() {
  case "${PULUMI_PYTHON_LANGUAGE_HOST:-}" in
    build | upstream) echo "$PULUMI_PYTHON_LANGUAGE_HOST" ;;
    *) if upstream_python_host >/dev/null; then echo upstream; else echo build; fi ;;
  esac
}

# Prints the folder of a released CLI on PATH that ships upstream's Python host and its -exec script.
upstream_python_host() {
  [[ "${PULUMI_CLI_FORCE_BUILD:-}" != 1 ]] || return 1
  local pulumi_path dir
  pulumi_path="$(find_outside_tools pulumi)" || return 1
  dir="$(dirname "$(readlink -f "$pulumi_path")")"
  [[ -x "$dir/pulumi-language-python" && -f "$dir/$PYTHON_EXEC" ]] || return 1
  echo "$dir"
}

link_upstream_python_host() {
  local dir
  dir="$(upstream_python_host)" ||
    die "PULUMI_PYTHON_LANGUAGE_HOST=upstream, but no pulumi on PATH has pulumi-language-python and $PYTHON_EXEC beside it"
  ln -sfn "$dir/pulumi-language-python" "$BIN/pulumi-language-python"
  ln -sfn "$dir/$PYTHON_EXEC" "$BIN/$PYTHON_EXEC"
  rm -f "$(host_stamp python)"
}

prepare_wrapper_module() {
  mkdir -p "$CACHE/cmd/pulumi-language-nodejs" "$CACHE/cmd/pulumi-language-python" "$CACHE/langhost"
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
  cp "$ROOT/scripts/pulumi-language-nodejs/main.go" cmd/pulumi-language-nodejs/main.go
  cp "$ROOT/scripts/pulumi-language-python/main.go" cmd/pulumi-language-python/main.go
  rm -f langhost/*.go
  cp "$ROOT"/scripts/langhost/*.go langhost/
}

# $1 = nodejs or python, in the prepared wrapper module.
build_host() {
  local host="$BIN/pulumi-language-$1"
  log "building pulumi-language-$1 against sdk v$VERSION"
  [[ -L "$host" ]] && rm -f "$host"
  go build -trimpath -ldflags "$ldflags" -o "$host.tmp" "./cmd/pulumi-language-$1"
  mv -f "$host.tmp" "$host"
  if [[ "$1" == python ]]; then
    local sdk_dir
    sdk_dir="$(go mod download -json "$SDK@v$VERSION" | sed -n -E 's/^[[:space:]]*"Dir": "(.*)",?$/\1/p')"
    [[ -f "$sdk_dir/python/cmd/$PYTHON_EXEC" ]] || die "$SDK@v$VERSION has no python/cmd/$PYTHON_EXEC"
    rm -f "$BIN/$PYTHON_EXEC"
    install -m 0755 "$sdk_dir/python/cmd/$PYTHON_EXEC" "$BIN/$PYTHON_EXEC"
  fi
  host_fingerprint "$1" >"$(host_stamp "$1")"
}

# $1 = cli (also build the CLI) or hosts (the CLI is a linked release); then the hosts to build, if stale.
build() {
  local what="$1"
  shift
  command -v go >/dev/null || die "go is not on PATH; it is needed to build the Pulumi CLI and its language hosts"
  # Nothing from the caller (a go.work, GOFLAGS=-mod=vendor) may steer this build.
  export GOWORK=off GO111MODULE=on GOFLAGS="-mod=mod -buildvcs=false"
  prepare_wrapper_module
  ldflags="-s -w -X $SDK/go/common/version.Version=v$VERSION"
  if [[ "$what" == cli ]] && ! cli_is_current; then
    log "building pulumi v$VERSION from Go module sources in $CACHE (about 13 minutes on 2 cores the first time)"
    go build -trimpath -ldflags "$ldflags" -o "$BIN/pulumi.tmp" "$PKG/cmd/pulumi"
    mv -f "$BIN/pulumi.tmp" "$BIN/pulumi"
  fi
  local language
  for language in "$@"; do
    host_is_current "$language" || build_host "$language"
  done
}

# The hosts to build: Node.js unless a linked upstream one is used, Python unless upstream's is chosen.
# $1 = the Node.js choice (build or linked).
hosts_to_build() {
  local hosts=()
  [[ "$1" == build ]] && hosts+=(nodejs)
  [[ "$(python_host_choice)" == build ]] && hosts+=(python)
  echo "${hosts[@]}"
}

case "${PULUMI_PYTHON_LANGUAGE_HOST:-}" in
  "" | build | upstream) ;;
  *) die "PULUMI_PYTHON_LANGUAGE_HOST=$PULUMI_PYTHON_LANGUAGE_HOST: expected build or upstream" ;;
esac
install_dynamic_provider_host
if [[ "${PULUMI_CLI_FORCE_BUILD:-}" != 1 ]] && use_cli_on_path; then
  node_choice=linked
  [[ "${PULUMI_LANGUAGE_HOST:-}" == build ]] && node_choice=build
  [[ "$(python_host_choice)" == upstream ]] && link_upstream_python_host
  # shellcheck disable=SC2207 # host names have no spaces
  hosts=($(hosts_to_build "$node_choice"))
  stale=()
  for language in "${hosts[@]}"; do host_is_current "$language" || stale+=("$language"); done
  if [[ ${#stale[@]} -gt 0 ]]; then
    started=$SECONDS
    build hosts "${stale[@]}"
    log "the project's ${stale[*]} language host(s) are in .tools/bin ($((SECONDS - started)) s)"
  fi
  exit 0
fi
python_choice="$(python_host_choice)"
# A forced build, or no CLI on PATH: a linked upstream Python host could only come from a CLI on PATH.
[[ "$python_choice" == upstream ]] &&
  die "PULUMI_PYTHON_LANGUAGE_HOST=upstream needs a released pulumi on PATH (and not PULUMI_CLI_FORCE_BUILD=1)"
if cli_is_current && host_is_current nodejs && host_is_current python; then
  exit 0
fi
# Links left by an earlier run whose pulumi has since left PATH.
for link in pulumi pulumi-language-nodejs pulumi-language-python "$PYTHON_EXEC"; do
  [[ -L "$BIN/$link" ]] && rm -f "$BIN/$link"
done
started=$SECONDS
build cli nodejs python
log "$("$BIN/pulumi" version) and its Node.js and Python language hosts are in .tools/bin ($((SECONDS - started)) s)"
