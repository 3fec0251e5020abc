#!/usr/bin/env bash
# Usage: bash scripts/fetch-contract-data.sh DEST       fetch the pinned Atlas contract data into DEST
#        bash scripts/fetch-contract-data.sh --verify DIR   only check DIR against the pinned checksums
#
# The contract tests (OpenAPI contract checks, the recorded-Atlas conformance test, the cluster extract
# checks) read ATLAS_CONTRACT_DIR, by default ../shared next to the repo. A machine without ../shared (a
# GitHub runner) gets the same files here, from the upstream repository at the pinned commit, and runs the
# tests with ATLAS_CONTRACT_DIR=DEST. Every file is checked against scripts/contract-data.sha256, so the
# tests run on exactly the bytes ../shared holds or the script fails.
#
# - atlas-openapi/*.openapi.json: cut out of the Atlas Admin API v2 spec that mongodb/mongodb-atlas-cli
#   vendors (tools/internal/specs/spec.yaml, a verbatim copy of mongodb/openapi openapi/v2.yaml) by
#   scripts/extract-openapi-subset.ts; the spec itself is checked against its git blob id first
#   (../shared/atlas-openapi/README.md names commit and blob).
# - atlas-recordings/**.snaphost: the Atlas CLI's end-to-end recordings (test/e2e/**/testdata/.snapshots,
#   ../shared/atlas-recordings/README.md). ../shared keeps them under its own, shorter names, so each is
#   found upstream by its checksum, not its path.
#
# Needs curl, tar, sha256sum, sha1sum and the project's npm dependencies (npm ci) for the extraction.
# Env: ATLAS_CLI_COMMIT (default below); ATLAS_CLI_SOURCE=DIR uses a checkout of that commit instead of
# downloading it.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MANIFEST="$ROOT/scripts/contract-data.sha256"
REPO="mongodb/mongodb-atlas-cli"
COMMIT="${ATLAS_CLI_COMMIT:-8ddea41a82ec904146d5f1b8d6578acedcc4a3a6}"
SPEC="tools/internal/specs/spec.yaml"
SPEC_BLOB="ce5747c0982c0ecfd2c0901d5d05cf7fd2cfce56"

log() { echo "[fetch-contract-data] $*" >&2; }
die() { log "error: $*"; exit 1; }

# The manifest's entries, comments left out: "SHA256  PATH" per line.
entries() { grep -v '^#' "$MANIFEST"; }

verify() {
  local dir="$1"
  [[ -d "$dir" ]] || die "$dir is not a folder"
  if ! (cd "$dir" && entries | sha256sum --check --strict --quiet -); then
    die "$dir does not hold the pinned contract data (above: the files missing or different)"
  fi
  log "$dir: $(entries | wc -l) files match scripts/contract-data.sha256"
}

git_blob_id() { { printf 'blob %d\0' "$(wc -c <"$1")"; cat "$1"; } | sha1sum | cut -d' ' -f1; }

if [[ "${1:-}" == "--verify" ]]; then
  [[ $# -eq 2 ]] || die "usage: $0 --verify DIR"
  verify "$2"
  exit 0
fi
[[ $# -eq 1 ]] || die "usage: $0 DEST | --verify DIR"
DEST="$(mkdir -p "$1" && cd "$1" && pwd)"

# Already there (a cache hit): nothing to fetch.
if (cd "$DEST" && entries | sha256sum --check --strict --quiet - >/dev/null 2>&1); then
  log "$DEST already holds the pinned contract data"
  exit 0
fi

if [[ -n "${ATLAS_CLI_SOURCE:-}" ]]; then
  SRC="$ATLAS_CLI_SOURCE"
else
  WORK="$(mktemp -d)"
  trap 'rm -rf "$WORK"' EXIT
  log "downloading $REPO at $COMMIT"
  curl --fail --silent --show-error --location --retry 3 \
    "https://codeload.github.com/$REPO/tar.gz/$COMMIT" | tar -xz -C "$WORK"
  SRC="$WORK/$(ls "$WORK")"
fi

[[ -f "$SRC/$SPEC" ]] || die "$REPO@$COMMIT has no $SPEC"
blob="$(git_blob_id "$SRC/$SPEC")"
[[ "$blob" == "$SPEC_BLOB" ]] || die "$SPEC at $COMMIT is blob $blob, expected $SPEC_BLOB"
log "extracting the OpenAPI subsets from $SPEC (blob $blob)"
(cd "$ROOT" && npx --no-install tsx scripts/extract-openapi-subset.ts "$SRC/$SPEC" "$DEST/atlas-openapi")

# The recordings, found by checksum among every snapshot the Atlas CLI's end-to-end tests hold.
declare -A upstream=()
while IFS= read -r -d '' file; do
  upstream["$(sha256sum "$file" | cut -d' ' -f1)"]="$file"
done < <(find "$SRC/test" -path '*/.snapshots/*' -name '*.snaphost' -type f -print0)
log "$REPO@$COMMIT holds ${#upstream[@]} distinct snapshots"
missing=0
while read -r sum path; do
  [[ "$path" == atlas-recordings/* ]] || continue
  if [[ -n "${upstream[$sum]:-}" ]]; then
    mkdir -p "$DEST/$(dirname "$path")"
    cp "${upstream[$sum]}" "$DEST/$path"
  else
    log "no snapshot at $COMMIT has the bytes of $path ($sum)"
    missing=$((missing + 1))
  fi
done < <(entries)
[[ "$missing" -eq 0 ]] || die "$missing recordings not found upstream"

verify "$DEST"
