#!/usr/bin/env python3
"""Prints the side-by-side table of Benchmarks/run.sh from its output folder.

Usage: report.py OUT_DIR ROUNDS SCALE
Each measure is the median over the rounds; the ratios are of the medians.
"""
import json, os, statistics, sys

out, rounds, scale = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
dirs = [os.path.join(out, f"round{r}") for r in range(1, rounds + 1)]


def time_of(name):
    """Median wall seconds and median peak RSS (KB) of NAME over the rounds."""
    rows = [open(os.path.join(d, name + ".time")).read().split("\n")[-2].split() for d in dirs]
    return statistics.median(float(r[0]) for r in rows), statistics.median(int(r[1]) for r in rows)


def json_of(name, d):
    return json.loads(open(os.path.join(d, name + ".out")).read().strip().split("\n")[-1])


def median_of(name, get):
    return statistics.median(get(json_of(name, d)) for d in dirs)


def phase(summary, name):
    return sum(p["seconds"] for p in summary["phases"] if p["phase"] == name)


ref_cold, ref_cold_kb = time_of("ref-cold")
ref_warm, _ = time_of("ref-warm")
batt_cold, batt_cold_kb = time_of("batt-cold")
batt_warm, _ = time_of("batt-warm")
big_cold, big_cold_kb = time_of(f"batt-cold-{scale}x")
big_warm, _ = time_of(f"batt-warm-{scale}x")
ref_inline = median_of("ref-cold", lambda j: j["seconds"]["phase2_inline"])
batt_inline = median_of("batt-inline", lambda j: j["inline_seconds_first"])
batt_run_inline = median_of("batt-cold", lambda j: phase(j, "inline"))

ref, batt, inl = json_of("ref-cold", dirs[0]), json_of("batt-cold", dirs[0]), json_of("batt-inline", dirs[0])
big = json_of(f"batt-cold-{scale}x", dirs[0])
print(f"workload: {ref['candidates']} candidates; reference: {ref['unique_bodies']} unique bodies, "
      f"{ref['unique_inlined']} unique inlined, {ref['tasks_solved']} tasks solved, {ref['timeouts']} time-outs")
print(f"          batt: {batt['unique_bodies']} unique bodies, {batt['unique_solvers']} unique (task, solver), "
      f"{batt['tasks_solved']} tasks solved, outcomes {batt['outcomes']}")
print(f"          batt-bench inline: {inl['unique_bodies']} unique (task, body) -> {inl['unique_inlined']} unique (task, solver)")
print(f"{scale}x workload: {big['candidates']} candidates, {big['unique_solvers']} unique (task, solver), {big['validated']} validated "
      f"(the seeds share the copies and slices of every solver; only the mutants differ)")
print(f"median of {rounds} round(s); wall clock from /usr/bin/time; ratio = reference / batt unless said otherwise")
print()

rows = [
    ("cold run, end to end", f"{ref_cold:.2f} s", f"{batt_cold:.2f} s", ref_cold / batt_cold, ">= 20x", ref_cold / batt_cold >= 20),
    ("warm run, end to end", f"{ref_warm:.2f} s", f"{batt_warm:.2f} s", ref_warm / batt_warm, ">= 20x", ref_warm / batt_warm >= 20),
    ("batt warm / batt cold", "", f"{100 * batt_warm / batt_cold:.1f} %", None, "< 5 %", batt_warm / batt_cold < 0.05),
    ("inline (unique bodies)", f"{ref_inline:.3f} s", f"{batt_inline:.4f} s", ref_inline / batt_inline, ">= 500x", ref_inline / batt_inline >= 500),
    ("  batt run's inline phase", f"{ref_inline:.3f} s", f"{batt_run_inline:.4f} s", ref_inline / batt_run_inline, "", None),
    ("peak memory, cold run", f"{ref_cold_kb / 1024:.0f} MB", f"{batt_cold_kb / 1024:.0f} MB", None, "< 300 MB", batt_cold_kb / 1024 < 300),
    (f"{scale}x workload, cold", "", f"{big_cold:.2f} s", big_cold / batt_cold, f"<= {1.1 * scale:g}x (batt/batt)", big_cold / batt_cold <= 1.1 * scale),
    (f"{scale}x workload, warm", "", f"{big_warm:.2f} s", big_warm / batt_warm, f"<= {1.1 * scale:g}x (batt/batt)", big_warm / batt_warm <= 1.1 * scale),
    (f"{scale}x workload, peak memory", "", f"{big_cold_kb / 1024:.0f} MB", None, "", None),
]
header = ("measure", "reference", "batt", "ratio", "target", "met?")
table = [header] + [(m, r, b, "" if x is None else f"{x:.1f}x", t, "" if ok is None else ("yes" if ok else "NO"))
                    for m, r, b, x, t, ok in rows]
widths = [max(len(row[c]) for row in table) for c in range(len(header))]
for row in table:
    print("  ".join(cell.ljust(w) if c == 0 else cell.rjust(w) for c, (cell, w) in enumerate(zip(row, widths))))

print()


def phases(name):
    """Median seconds of each phase of NAME over the rounds, in the order of round 1."""
    runs = [json_of(name, d) for d in dirs]
    order = [p["phase"] for p in runs[0]["phases"]] if "phases" in runs[0] else list(runs[0]["seconds"])
    get = (lambda j, k: phase(j, k)) if "phases" in runs[0] else (lambda j, k: j["seconds"][k])
    return {k: statistics.median(get(j, k) for j in runs) for k in order}


ref_phases, cold_phases, warm_phases = phases("ref-cold"), phases("batt-cold"), phases("batt-warm")
print(f"{'phases (s, median of ' + str(rounds) + ')':29} {'reference cold':>14}  {'batt cold':>9}  {'batt warm':>9}")
pairs = [("parse", "parse", "parse"), ("hash / body filter", "phase1_filter", "hash"), ("inline", "phase2_inline", "inline"),
         ("lookup", None, "lookup"), ("validate", "phase3_validate", "validate"), ("store", None, "store")]
pairs += [(k, None, k) for k in cold_phases if k not in {b for _, _, b in pairs}]
for label, ref_key, batt_key in pairs:
    ref_cell = f"{ref_phases[ref_key]:14.3f}" if ref_key else " " * 14
    print(f"  {label:27} {ref_cell}  {cold_phases.get(batt_key, 0):9.3f}  {warm_phases.get(batt_key, 0):9.3f}")
print(f"  {'total (in process)':27} {ref_phases['total']:14.3f}  {sum(cold_phases.values()):9.3f}  {sum(warm_phases.values()):9.3f}")
