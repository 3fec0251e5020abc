#!/usr/bin/env bash
# Sourced by install-pulumi.sh and install-pulumi-yaml.sh: both build Pulumi programs from throwaway wrapper
# modules that must repeat the replace directives of github.com/pulumi/pulumi/pkg/v3 (go build ignores a
# dependency's replaces, and pkg/v3 does not build without them).

# Replace directives of a go.mod that point at other modules (not at sibling folders of the pulumi repo),
# as `old[@version]=new@version` arguments for `go mod edit -replace`; single lines and blocks alike.
module_replaces() {
  awk '
    function emit(line,   sides, old, new) {
      sub(/[[:space:]]*\/\/.*$/, "", line)
      if (split(line, sides, /[[:space:]]*=>[[:space:]]*/) != 2) return
      split(sides[1], old, /[[:space:]]+/)
      split(sides[2], new, /[[:space:]]+/)
      if (new[2] == "") return # a folder, only meaningful inside the pulumi repo
      print old[1] (old[2] != "" ? "@" old[2] : "") "=" new[1] "@" new[2]
    }
    /^replace[[:space:]]*\($/ { block = 1; next }
    block && /^\)/ { block = 0; next }
    block { sub(/^[[:space:]]+/, ""); emit($0); next }
    /^replace[[:space:]]/ { sub(/^replace[[:space:]]+/, ""); emit($0) }
  ' "$1"
}
