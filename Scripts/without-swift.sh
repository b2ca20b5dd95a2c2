#!/usr/bin/env bash
# Runs a command where the Swift toolchain cannot be seen: in a private mount namespace
# (unshare -m, as root) with an empty folder bind-mounted over the toolchain folder (the one
# whose bin/ holds swift) and over the folder holding libswiftCore.so.
#
#   Scripts/without-swift.sh COMMAND [ARGUMENTS...]
#
# Exit status: the command's; 125 when no mount namespace can be made here (not root, or no
# CAP_SYS_ADMIN), saying so; 124 when a folder could not be hidden.
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: Scripts/without-swift.sh COMMAND [ARGUMENTS...]" >&2; exit 2; }

toolchain=""
if command -v swift >/dev/null; then
    toolchain=$(dirname "$(dirname "$(readlink -f "$(command -v swift)")")")
fi
runtime=$(find ${toolchain:+"$toolchain"} /usr/lib /usr/local/lib -name libswiftCore.so -printf '%h\n' 2>/dev/null \
    | head -1 || true)
hide=()
[ -n "$toolchain" ] && hide+=("$toolchain")
# The runtime folder is hidden with the toolchain when it lies inside it.
if [ -n "$runtime" ] && { [ -z "$toolchain" ] || [ "${runtime#"$toolchain"/}" = "$runtime" ]; }; then
    hide+=("$runtime")
fi

if ! unshare -m true 2>/dev/null; then
    echo "without-swift: 'unshare -m' cannot make a mount namespace here (needs root or CAP_SYS_ADMIN)" >&2
    exit 125
fi
empty=$(mktemp -d)
trap 'rmdir "$empty"' EXIT
echo "without-swift: hiding ${hide[*]:-nothing (no Swift toolchain here)}" >&2
unshare -m sh -c '
    empty=$1; count=$2; shift 2
    while [ "$count" -gt 0 ]; do
        mount --bind "$empty" "$1" || exit 124
        [ -z "$(ls -A "$1")" ] || { echo "without-swift: $1 is still visible" >&2; exit 124; }
        shift; count=$((count - 1))
    done
    if command -v swift >/dev/null 2>&1; then echo "without-swift: swift is still on PATH" >&2; exit 124; fi
    exec "$@"
' without-swift "$empty" "${#hide[@]}" "${hide[@]}" "$@"
