#!/usr/bin/env bash
# Usage: bash scripts/install-node.sh [MAJOR]
#
# Makes a Node.js of the major line MAJOR available (default 22: @pulumi/pulumi 3.249 and later need 22 or
# newer, and machines here ship Node 20). The project supports the LTS lines 22, 24 and 26; CI runs all three.
#
# Node is taken from the npm registry's `node` package, which carries the official binary, at the version
# pinned below for that line, into .tools/node<MAJOR> (gitignored); its node is
# .tools/node<MAJOR>/node_modules/.bin/node, which scripts/with-tools.sh puts first on PATH. Nothing is
# installed when the node already on PATH is of that line (a CI runner's setup-node), or, with no MAJOR
# given (the default), when it is 22 or newer.
# Idempotent: a warm run only asks the existing binary for its version.
# Env: NODE<MAJOR>_VERSION overrides the pinned version of that line (NODE22_VERSION=22.23.3, ...).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REQUESTED="${1:-}"
MAJOR="${REQUESTED:-22}"

case "$MAJOR" in
  22) PINNED=22.23.3 ;;
  24) PINNED=24.21.0 ;;
  26) PINNED=26.10.0 ;;
  *)
    echo "[install-node] error: Node $MAJOR is not a supported line (22, 24, 26)" >&2
    exit 2
    ;;
esac
override="NODE${MAJOR}_VERSION"
VERSION="${!override:-$PINNED}"
DEST="$ROOT/.tools/node$MAJOR"
OURS="$DEST/node_modules/.bin/node"

log() { echo "[install-node] $*" >&2; }

major_of() { "$1" --version 2>/dev/null | sed -n -E 's/^v([0-9]+)\..*/\1/p'; }

if [[ -x "$OURS" && "$("$OURS" --version 2>/dev/null)" == "v$VERSION" ]]; then
  exit 0
fi

# A node that is not ours is used as it is: of the requested line, or (no line requested) 22 or newer.
if system_node="$(command -v node)" && [[ "$system_node" != "$OURS" ]]; then
  major="$(major_of "$system_node")"
  if [[ -n "$major" ]] && { [[ "$major" == "$MAJOR" ]] || [[ -z "$REQUESTED" && "$major" -ge 22 ]]; }; then
    exit 0
  fi
fi

command -v npm >/dev/null || { log "error: npm is needed to install Node $VERSION"; exit 1; }
log "installing Node $VERSION from the npm registry into .tools/node$MAJOR"
mkdir -p "$DEST"
npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$DEST" "node@$VERSION" >&2
installed="$("$OURS" --version 2>/dev/null || true)"
if [[ "$installed" != "v$VERSION" ]]; then
  log "error: expected $OURS to be v$VERSION, found '${installed:-nothing}'"
  exit 1
fi
log "installed Node $installed"
