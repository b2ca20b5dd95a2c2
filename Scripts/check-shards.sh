#!/bin/bash
# Check --shard on this machine, without a scheduler: for each N, run the N shards one after
# the other (each with its own cache), merge their caches, and compare with a single run of the
# same candidates: candidate by candidate (task, solver md5, outcome, per-pair results) and by
# `batt cache inspect --json` totals. Needs python3 for the comparison.
#
#   Scripts/check-shards.sh TASKS CANDIDATES [N ...]      (default N: 1 2 4 7)
#
# BATT (default .build/release/batt) and BATT_RUN_ARGS (default "--timeout 10s": a generous
# limit, so that no verdict depends on how busy the machine is) are taken from the environment.
set -euo pipefail
tasks=${1:?usage: check-shards.sh TASKS CANDIDATES [N ...]}
candidates=${2:?usage: check-shards.sh TASKS CANDIDATES [N ...]}
shift 2
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(1 2 4 7)
repo=$(cd "$(dirname "$0")/.." && pwd)
batt=${BATT:-$repo/.build/release/batt}
read -r -a extra <<<"${BATT_RUN_ARGS:---timeout 10s}"
command -v python3 >/dev/null || { echo "check-shards.sh: python3 is needed to compare the verdicts" >&2; exit 2; }
work=$(mktemp -d /tmp/batt-check-shards.XXXXXX)
trap 'rm -rf "$work"' EXIT

"$batt" run --tasks "$tasks" --candidates "$candidates" --cache "$work/single.sqlite" \
    --report "$work/single.jsonl" --quiet "${extra[@]}"
"$batt" cache inspect --cache "$work/single.sqlite" --json >"$work/single-inspect.json"
status=0
for n in "${counts[@]}"; do
    mkdir -p "$work/$n"
    for ((i = 0; i < n; i++)); do
        "$batt" run --tasks "$tasks" --candidates "$candidates" --shard "$i/$n" --cache "$work/$n/shard-$i.sqlite" \
            --report "$work/$n/shard-$i.jsonl" --quiet "${extra[@]}" >/dev/null
    done
    "$batt" cache merge --into "$work/$n/merged.sqlite" "$work/$n"/shard-*.sqlite >/dev/null
    "$batt" cache inspect --cache "$work/$n/merged.sqlite" --json >"$work/$n/merged-inspect.json"
    echo "N=$n:"
    python3 "$repo/Scripts/compare-shards.py" "$work/single.jsonl" "$work/single-inspect.json" \
        "$work/$n/merged-inspect.json" "$work/$n"/shard-*.jsonl || status=1
done
exit $status
