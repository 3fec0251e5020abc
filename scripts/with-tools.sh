#!/usr/bin/env bash
# Usage: bash scripts/with-tools.sh COMMAND [ARG...]
#
# Runs COMMAND (in the current directory) with everything a fresh clone needs: Node (22 unless NODE_VERSION
# names another supported line: 24 or 26), the project's npm dependencies, the Pulumi CLI with its Node.js, Python
# and YAML language hosts, the plugin's SDK generator, actionlint (the workflow lint test) and the Python tools, all
# installed on first use, and the environment that keeps Pulumi offline. The first run on a new machine is slow (the CLI is built from Go
# module sources); later runs only check versions. Progress goes to stderr as "[with-tools] ..." lines.
#
# No Pulumi backend or passphrase is set here: tests and the demo each log in to their own temporary
# file:// backend.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

log() { echo "[with-tools] $*" >&2; }

if [[ $# -eq 0 ]]; then
  echo "usage: bash scripts/with-tools.sh COMMAND [ARG...]" >&2
  exit 2
fi

# Node comes first so that npm ci and everything after it run on the Node the project targets.
# NODE_VERSION=24 or 26 runs on that LTS line instead (installed from the npm registry like 22).
NODE_MAJOR="${NODE_VERSION:-22}"
if [[ ! -x "$ROOT/.tools/node$NODE_MAJOR/node_modules/.bin/node" ]] && ! node --version 2>/dev/null | grep -q "^v$NODE_MAJOR\."; then
  log "Node $NODE_MAJOR: installing (first run only, about half a minute)"
fi
bash "$ROOT/scripts/install-node.sh" ${NODE_VERSION:+"$NODE_VERSION"}
export PATH="$ROOT/.tools/node$NODE_MAJOR/node_modules/.bin:$ROOT/.tools/bin:$PATH"
log "Node $(node --version)"

# npm ci records what it installed in node_modules/.package-lock.json; a newer package-lock.json means
# the dependencies changed since.
if [[ ! -f "$ROOT/node_modules/.package-lock.json" || "$ROOT/package-lock.json" -nt "$ROOT/node_modules/.package-lock.json" ]]; then
  log "npm dependencies: running npm ci"
  (cd "$ROOT" && npm ci --no-audit --no-fund >&2)
fi

if [[ ! -x "$ROOT/.tools/bin/pulumi" ]]; then
  log "Pulumi CLI: not in .tools/bin yet; building it from Go module sources (first run only: about 13 minutes on 2 cores)"
fi
bash "$ROOT/scripts/install-pulumi.sh"
# The provider plugin's tools: the YAML language host (YAML programs in the plugin e2e tests) and the SDK
# generator (atlas-pe-gen-sdk); each a few minutes once, then a version check.
bash "$ROOT/scripts/install-pulumi-yaml.sh"
bash "$ROOT/scripts/install-gen-sdk.sh"
bash "$ROOT/scripts/install-actionlint.sh"
# The Python SDK's tools (a venv with the pinned `pulumi` package, `build`, pypiserver, and their wheelhouse):
# about half a minute once, then a version check.
bash "$ROOT/scripts/install-python.sh"

export PULUMI_SKIP_UPDATE_CHECK=true
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true

exec "$@"
