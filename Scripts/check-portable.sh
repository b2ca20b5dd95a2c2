#!/usr/bin/env bash
# Checks that a batt binary runs where no Swift toolchain is installed (Kaggle's image:
# Ubuntu 22.04, glibc 2.35, libstdc++ of GCC 12):
#   1. no libswift*, libFoundation*, lib_FoundationICU, libdispatch or libBlocksRuntime among
#      its dynamic dependencies (readelf -d);
#   2. no glibc symbol version above 2.35 and no libstdc++ one above GLIBCXX_3.4.30 (objdump -T);
#   3. `batt run` and `batt submit` on the example work with the Swift toolchain's folder
#      hidden behind an empty bind mount in a private mount namespace (unshare -m, as root).
# Check 3 is skipped, saying why, where unshare cannot make a mount namespace.
#
#   Scripts/check-portable.sh [BINARY]     # default .build/portable/batt
set -euo pipefail
cd "$(dirname "$0")/.."
binary=$(readlink -f "${1:-.build/portable/batt}")
max_glibc=2.35
max_glibcxx=3.4.30
failed=0

[ -x "$binary" ] || { echo "check-portable: no executable at '$binary': run Scripts/build-release.sh first" >&2; exit 1; }
echo "checking $binary ($(du -m "$binary" | cut -f1) MB)"

needed=$(readelf -d "$binary" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | sort)
echo "  needs: $(echo $needed)"
swift_libs=$(echo "$needed" | grep -E '^(libswift|libFoundation|lib_Foundation|libdispatch|libBlocksRuntime)' || true)
if [ -n "$swift_libs" ]; then
    echo "FAIL dynamic dependencies include the Swift runtime: $(echo $swift_libs)"
    failed=1
else
    echo "ok   no Swift runtime library among the dynamic dependencies"
fi

newest() { # newest version of symbol prefix $1 that the binary imports
    objdump -T "$binary" | grep -o "$1[0-9.]*" | sed "s/^$1//" | sort -V | tail -1
}
glibc=$(newest GLIBC_)
glibcxx=$(newest GLIBCXX_)
if [ "$(printf '%s\n' "$glibc" "$max_glibc" | sort -V | tail -1)" != "$max_glibc" ]; then
    echo "FAIL needs GLIBC_$glibc, newer than Kaggle's $max_glibc:"
    objdump -T "$binary" | grep -E "GLIBC_[0-9.]+" | awk -v max="$max_glibc" '{print "       " $0}' | sort -u | tail -5
    failed=1
else
    echo "ok   newest glibc symbol version GLIBC_$glibc (at most $max_glibc)"
fi
if [ -n "$glibcxx" ] && [ "$(printf '%s\n' "$glibcxx" "$max_glibcxx" | sort -V | tail -1)" != "$max_glibcxx" ]; then
    echo "FAIL needs GLIBCXX_$glibcxx, newer than Ubuntu 22.04's $max_glibcxx"
    failed=1
else
    echo "ok   newest libstdc++ symbol version GLIBCXX_${glibcxx:-none} (at most $max_glibcxx)"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r Examples "$work/Examples"
cat > "$work/run.sh" <<'INNER'
set -eu
work=$1; binary=$2
if ldd "$binary" | grep -q 'not found'; then echo "unresolved libraries:"; ldd "$binary"; exit 1; fi
cd "$work/Examples"
echo "batt --version: $("$binary" --version)"
"$binary" run --tasks tasks --candidates candidates.py --cache "$work/cache.sqlite" --timeout 200ms --quiet > "$work/run.out"
cat "$work/run.out"
grep -q "solved 8 of 8 tasks" "$work/run.out" || { echo "the example run did not solve its 8 tasks"; exit 1; }
"$binary" submit --tasks tasks --cache "$work/cache.sqlite" --out "$work/submission.json"
[ -s "$work/submission.json" ] || { echo "batt submit wrote no submission"; exit 1; }
INNER
status=0
bash Scripts/without-swift.sh sh "$work/run.sh" "$work" "$binary" > "$work/inner.out" 2>&1 || status=$?
sed 's/^/     | /' "$work/inner.out"
case $status in
    0) echo "ok   batt run and batt submit work on the example with the Swift toolchain hidden" ;;
    125) echo "SKIP the example run with the Swift toolchain hidden: no mount namespace can be made here" ;;
    *) echo "FAIL the example does not run with the Swift toolchain hidden (exit $status)"; failed=1 ;;
esac
[ $failed = 0 ] && echo "portable: all checks passed" || echo "portable: some checks FAILED"
exit $failed
