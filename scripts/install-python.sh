#!/usr/bin/env bash
# Puts the project's Python tools in .tools/python (gitignored): a virtual environment with the pins of
# scripts/python/requirements.txt (the `pulumi` SDK, `build`, setuptools, pypiserver), and beside it
# .tools/python/wheels, a wheelhouse of every distribution those pins need. Tests make their own venvs and
# install `pulumi` (and the generated SDK) from that wheelhouse with `pip --no-index`: no test reaches PyPI,
# every venv gets the same release, and one download serves them all.
#
# Needs python3 (3.10+, the Pulumi SDK's floor) with the venv module; PyPI is reached on first use only.
# Idempotent: a venv whose stamp (requirements file + interpreter version) matches is kept: a warm run takes a
# fraction of a second.
# Env: ATLAS_PE_PYTHON (the interpreter to build the venv from; default python3 on PATH).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REQUIREMENTS="$ROOT/scripts/python/requirements.txt"
VENV="$ROOT/.tools/python"
STAMP="$VENV/.installed-from"
BASE_PYTHON="${ATLAS_PE_PYTHON:-python3}"

log() { echo "[install-python] $*" >&2; }
die() { log "error: $*"; exit 1; }

command -v "$BASE_PYTHON" >/dev/null || die "$BASE_PYTHON is not on PATH; Python 3.10 or newer is needed for the Python SDK tests"
"$BASE_PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 10))' ||
  die "$("$BASE_PYTHON" --version 2>&1) is too old: the Pulumi Python SDK needs 3.10 or newer"

fingerprint() { echo "$("$BASE_PYTHON" --version 2>&1) $(sha256sum "$REQUIREMENTS" | cut -d' ' -f1)"; }

current() { [[ -x "$VENV/bin/python" && -f "$STAMP" && "$(cat "$STAMP")" == "$(fingerprint)" ]]; }

current && exit 0
# Two runs in one clone (a test run and a with-tools command side by side): one installs, the other then finds it current.
mkdir -p "$ROOT/.tools"
exec 9>"$VENV.lock"
flock 9
current && exit 0

started=$SECONDS
log "making $VENV with $("$BASE_PYTHON" --version 2>&1) and the pins of scripts/python/requirements.txt (first run only)"
# Built beside and swapped in, so a test still running on the old venv keeps a whole one until the swap. Everything
# here runs it as `python -m ...`, which a moved venv still does (its scripts' #! lines would name the old path).
NEW="$VENV.new"
rm -rf "$NEW"
"$BASE_PYTHON" -m venv "$NEW"
# Binary wheels only: nothing is compiled here, and the same files install into every test venv.
"$NEW/bin/python" -m pip download --quiet --disable-pip-version-check --only-binary=:all: \
  --dest "$NEW/wheels" -r "$REQUIREMENTS"
"$NEW/bin/python" -m pip install --quiet --disable-pip-version-check --no-index --find-links "$NEW/wheels" \
  -r "$REQUIREMENTS"
fingerprint >"$NEW/.installed-from"
rm -rf "$VENV.old"
[[ -d "$VENV" ]] && mv "$VENV" "$VENV.old"
mv "$NEW" "$VENV"
rm -rf "$VENV.old"
log "$("$VENV/bin/python" -c 'import importlib.metadata as m; print("pulumi", m.version("pulumi"))') is in .tools/python ($((SECONDS - started)) s)"
