#!/usr/bin/env bash
# Makes a Node.js >= 22 available: @pulumi/pulumi 3.249 and later need it, and machines here ship Node 20.
#
# Node is taken from the npm registry's `node` package, which carries the official binary, into
# .tools/node22 (gitignored); its node is .tools/node22/node_modules/.bin/node, which scripts/with-tools.sh
# puts first on PATH. Nothing is installed when the node already on PATH is 22 or newer.
# Idempotent: a warm run only asks the existing binary for its version.
# Env: NODE22_VERSION (default below).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VERSION="${NODE22_VERSION:-22.23.3}"
DEST="$ROOT/.tools/node22"
OURS="$DEST/node_modules/.bin/node"

log() { echo "[install-node22] $*" >&2; }

major_of() { "$1" --version 2>/dev/null | sed -n -E 's/^v([0-9]+)\..*/\1/p'; }

if [[ -x "$OURS" && "$("$OURS" --version 2>/dev/null)" == "v$VERSION" ]]; then
  exit 0
fi

# A node 22+ that is not ours is used as it is.
if system_node="$(command -v node)" && [[ "$system_node" != "$OURS" ]]; then
  major="$(major_of "$system_node")"
  if [[ -n "$major" && "$major" -ge 22 ]]; then
    exit 0
  fi
fi

command -v npm >/dev/null || { log "error: npm is needed to install Node $VERSION"; exit 1; }
log "installing Node $VERSION from the npm registry into .tools/node22"
mkdir -p "$DEST"
npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$DEST" "node@$VERSION" >&2
installed="$("$OURS" --version 2>/dev/null || true)"
if [[ "$installed" != "v$VERSION" ]]; then
  log "error: expected $OURS to be v$VERSION, found '${installed:-nothing}'"
  exit 1
fi
log "installed Node $installed"
