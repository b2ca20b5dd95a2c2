#!/usr/bin/env python3
"""Checks that N shards together did what one run did: the union of the shards' --report lines
equals the single run's (task, solver md5, outcome, per-pair results, demo and test counts of
every candidate), and `batt cache inspect --json` of the merged shard caches has the single
run's totals.

    Scripts/compare-shards.py SINGLE.jsonl SINGLE-INSPECT.json MERGED-INSPECT.json SHARD.jsonl...

Prints what it compared; exit status 1 when anything differs (or the single run is empty).
"""

import json
import sys

TOTALS = ["solvers", "distinct_solvers", "verdicts", "verdicts_by_outcome", "verdicts_by_version",
          "stale_verdicts", "damaged_verdicts"]


def verdicts(paths):
    rows = {}
    for path in paths:
        with open(path, encoding="utf-8") as file:
            for line in file:
                r = json.loads(line)
                key = (r["file"], r["line"], r["function"])
                if key in rows:
                    sys.exit(f"{key} is in two shards")
                rows[key] = (r.get("task"), r.get("solver_md5"), r["outcome"], r.get("pairs"),
                             r.get("demo_correct"), r.get("test_correct"))
    return rows


def main():
    if len(sys.argv) < 5:
        sys.exit(__doc__)
    single_report, single_inspect, merged_inspect, shard_reports = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
    single = verdicts([single_report])
    union = verdicts(shard_reports)
    differ = sorted(k for k in single.keys() | union.keys() if single.get(k) != union.get(k))
    print(f"candidates: single run {len(single)}, union of {len(shard_reports)} shards {len(union)}, "
          f"differing {len(differ)}")
    with open(single_inspect, encoding="utf-8") as file:
        a = json.load(file)
    with open(merged_inspect, encoding="utf-8") as file:
        b = json.load(file)
    for field in TOTALS:
        print(f"  {field}: single {json.dumps(a.get(field))}  merged {json.dumps(b.get(field))}")
    bad = [field for field in TOTALS if a.get(field) != b.get(field)]
    if differ or bad or not single:
        for key in differ[:5]:
            print("  differs:", key, "single", single.get(key), "shards", union.get(key))
        print("FAIL:", len(differ), "candidates and", bad, "differ")
        sys.exit(1)
    print("PASS: the merged shard caches hold what one run holds")


if __name__ == "__main__":
    main()
