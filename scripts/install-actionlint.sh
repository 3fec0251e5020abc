#!/usr/bin/env bash
# Puts `actionlint` (the GitHub Actions workflow linter) in .tools/bin (gitignored); the test suite runs it on
# every workflow in the repo (test/workflows/actionlint.test.ts).
#
# actionlint is a Go module and the Go module proxy is reachable from this project's machines, so it is built
# with `go install` at a pinned release (a few seconds once the module cache is warm).
# Idempotent: a warm run only asks the existing binary for its version.
# Env: ACTIONLINT_VERSION (default below).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VERSION="${ACTIONLINT_VERSION:-1.7.12}"
BIN="$ROOT/.tools/bin"

log() { echo "[install-actionlint] $*" >&2; }

if [[ -x "$BIN/actionlint" && "$("$BIN/actionlint" -version 2>/dev/null | head -n 1)" == "v$VERSION" ]]; then
  exit 0
fi
command -v go >/dev/null || { log "error: go is not on PATH; it is needed to build actionlint"; exit 1; }
mkdir -p "$BIN"
log "building actionlint v$VERSION with go install"
# Nothing from the caller (a go.work, GOFLAGS=-mod=vendor) may steer this build.
GOWORK=off GOFLAGS= GOBIN="$BIN" go install "github.com/rhysd/actionlint/cmd/actionlint@v$VERSION"
log "$("$BIN/actionlint" -version | head -n 1) is in .tools/bin"
