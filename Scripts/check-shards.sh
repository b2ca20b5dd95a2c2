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
    python3 - "$work" "$n" <<'PY' || status=1
import json, sys
work, n = sys.argv[1], int(sys.argv[2])
def verdicts(paths):
    rows = {}
    for path in paths:
        for line in open(path):
            r = json.loads(line)
            key = (r["file"], r["line"], r["function"])
            assert key not in rows, f"{key} is in two shards"
            rows[key] = (r.get("task"), r.get("solver_md5"), r["outcome"], r.get("pairs"), r.get("demo_correct"), r.get("test_correct"))
    return rows
single = verdicts([f"{work}/single.jsonl"])
union = verdicts([f"{work}/{n}/shard-{i}.jsonl" for i in range(n)])
differ = [k for k in single.keys() | union.keys() if single.get(k) != union.get(k)]
totals = ["solvers", "distinct_solvers", "verdicts", "verdicts_by_outcome", "verdicts_by_version", "stale_verdicts", "damaged_verdicts"]
a = json.load(open(f"{work}/single-inspect.json")); b = json.load(open(f"{work}/{n}/merged-inspect.json"))
bad = [f for f in totals if a.get(f) != b.get(f)]
print(f"N={n}: {len(union)} candidates in the union of the shards, {len(single)} in the single run, {len(differ)} differ;",
      f"merged totals: verdicts {b['verdicts']} (single {a['verdicts']}), solvers {b['solvers']} (single {a['solvers']}),",
      f"outcomes {'equal' if a['verdicts_by_outcome'] == b['verdicts_by_outcome'] else 'DIFFER'}",
      "-> PASS" if not differ and not bad and single else f"-> FAIL {bad} {sorted(differ)[:3]}")
sys.exit(1 if differ or bad or not single else 0)
PY
done
exit $status
