#!/usr/bin/env bash
# Usage: bash scripts/on-loaded-core.sh CORE COMMAND...
# Runs COMMAND pinned to one CPU core while a busy loop competes for that same core: the machine the
# suite must hold on (issue 22), where every process gets about half a core and timers fire late.
# Example, the whole suite as CI runs it: bash scripts/on-loaded-core.sh 0 bash .ci/run
set -euo pipefail
core="${1:?usage: on-loaded-core.sh CORE COMMAND...}"
shift
[ $# -gt 0 ] || { echo "usage: on-loaded-core.sh CORE COMMAND..." >&2; exit 2; }
taskset -c "$core" sh -c 'while :; do :; done' &
burner=$!
trap 'kill "$burner" 2>/dev/null || true' EXIT
echo "[on-loaded-core] core $core; a busy loop (pid $burner) shares it; running: $*" >&2
taskset -c "$core" "$@"
