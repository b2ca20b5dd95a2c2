#!/usr/bin/env bash
# Benchmarks of batt, run as a command.
#
#   Benchmarks/run.sh [--arc-dsl PATH] [--shared DIR] [--scale N] [--rounds R] [--candidates N] [--out DIR]
#
# Always: batt-bench synthetic — the in-process pipeline, cold and warm, phase by phase, on a
# generated workload (and on one --scale times larger).
# With --arc-dsl PATH (a folder holding arc-dsl's dsl.py, constants.py and solvers.py): batt (native,
# and --dsl PATH/dsl.py through CPython workers) beside the reference pipeline of <shared>/bench on
# the workload make_workload.py builds from solvers.py, in one sitting, repeated --rounds times; the
# medians, ratios and targets; then batt-bench python-pool (the worker pool's own costs).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
arc_dsl="" shared="" scale=10 rounds=1 candidates=20000 out=""
usage() { sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
    case "$1" in
        --arc-dsl) arc_dsl=$2; shift 2 ;;
        --shared) shared=$2; shift 2 ;;
        --scale) scale=$2; shift 2 ;;
        --rounds) rounds=$2; shift 2 ;;
        --candidates) candidates=$2; shift 2 ;;
        --out) out=$2; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "run.sh: unknown option '$1'" >&2; usage >&2; exit 2 ;;
    esac
done

if [ -n "$arc_dsl" ]; then
    for f in dsl.py constants.py solvers.py; do
        [ -f "$arc_dsl/$f" ] || { echo "run.sh: no $f in '$arc_dsl': pass --arc-dsl a checkout of arc-dsl" >&2; exit 2; }
    done
    arc_dsl=$(cd "$arc_dsl" && pwd)
    if [ -z "$shared" ]; then
        # ../shared next to the repository, or next to the folder of worktrees.
        for candidate in "$repo/../shared" "$repo/../../shared"; do
            [ -f "$candidate/bench/ref_pipeline.py" ] && { shared=$candidate; break; }
        done
    fi
    [ -n "$shared" ] && [ -f "$shared/bench/ref_pipeline.py" ] && [ -d "$shared/data/arc-agi-1/training" ] || {
        echo "run.sh: no reference pipeline: pass --shared DIR holding bench/ref_pipeline.py and data/arc-agi-1/training" >&2
        exit 2
    }
    shared=$(cd "$shared" && pwd)
fi

out=${out:-$(mktemp -d "${TMPDIR:-/tmp}/batt-bench.XXXXXX")}
mkdir -p "$out"
out=$(cd "$out" && pwd)

echo "== building batt and batt-bench in release (swift build -c release)"
(cd "$repo" && swift build -c release --product batt >&2 && swift build -c release --product batt-bench >&2)
bin=$(cd "$repo" && swift build -c release --show-bin-path)
echo "machine: $(nproc) cores; $(uptime)"
echo "files in $out"

echo
echo "== synthetic workload, in process (batt-bench synthetic --candidates $candidates --scale $scale --jobs 2)"
"$bin/batt-bench" synthetic --candidates "$candidates" --scale "$scale" --jobs 2 --out "$out/synthetic"

[ -n "$arc_dsl" ] || { echo; echo "(no --arc-dsl: the comparison with the reference pipeline was skipped)"; exit 0; }

tasks="$shared/data/arc-agi-1/training"
bench="$shared/bench"
echo
echo "== workloads: make_workload.py over $arc_dsl/solvers.py (seed 1; and seeds 1..$scale for the ${scale}x workload)"
python3 "$bench/make_workload.py" "$arc_dsl/solvers.py" "$out/W.py"
python3 - "$bench/make_workload.py" "$arc_dsl/solvers.py" "$out/W${scale}x.py" "$scale" <<'EOF'
# Concatenates the workloads of seeds 1..N; names get a seed suffix so that they stay unique.
import re, subprocess, sys, tempfile, os
make, corpus, target, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
with open(target, "w") as out:
    out.write("from dsl import *\nfrom constants import *\n\n")
    for seed in range(1, n + 1):
        with tempfile.NamedTemporaryFile(suffix=".py", delete=False) as part:
            path = part.name
        subprocess.run([sys.executable, make, corpus, path, "--seed", str(seed)], check=True, stderr=subprocess.DEVNULL)
        text = open(path).read().split("\n\n", 1)[1]
        os.unlink(path)
        out.write(re.sub(r"^def solve_([0-9a-f]{8})_(\d+)\(", rf"def solve_\1_s{seed}n\2(", text, flags=re.M))
EOF
echo "$(grep -c '^def ' "$out/W.py") candidates in W.py, $(grep -c '^def ' "$out/W${scale}x.py") in W${scale}x.py"

# timed NAME COMMAND...: wall seconds and peak RSS (KB) to NAME.time, stdout to NAME.out.
timed() {
    local name=$1; shift
    /usr/bin/time -f '%e %M' -o "$dir/$name.time" "$@" >"$dir/$name.out" 2>"$dir/$name.err" || {
        local status=$?
        # batt exits 3 when some functions are unreadable: the run still completed.
        [ "$status" -eq 3 ] || { echo "run.sh: '$*' failed ($status), see $dir/$name.err" >&2; exit 1; }
    }
    printf '  %-22s %8ss %8s KB\n' "$name" $(cat "$dir/$name.time" | tail -1)
}
batt=("$bin/batt" run --tasks "$tasks" --timeout 1s --jobs 2 --json)

for round in $(seq 1 "$rounds"); do
    dir="$out/round$round"
    mkdir -p "$dir"
    echo
    echo "== round $round of $rounds ($(uptime | sed 's/.*load/load/'))"
    rm -f "$dir/ref-cache.json" "$dir"/batt*.sqlite*
    timed ref-cold python3 "$bench/ref_pipeline.py" "$out/W.py" "$tasks" "$arc_dsl" --procs 2 --timeout 1 --cache "$dir/ref-cache.json"
    timed ref-warm python3 "$bench/ref_pipeline.py" "$out/W.py" "$tasks" "$arc_dsl" --procs 2 --timeout 1 --cache "$dir/ref-cache.json"
    timed batt-cold "${batt[@]}" --candidates "$out/W.py" --cache "$dir/batt.sqlite"
    timed batt-warm "${batt[@]}" --candidates "$out/W.py" --cache "$dir/batt.sqlite"
    timed batt-inline "$bin/batt-bench" inline "$out/W.py" --json
    timed "batt-cold-${scale}x" "${batt[@]}" --candidates "$out/W${scale}x.py" --cache "$dir/batt${scale}x.sqlite"
    timed "batt-warm-${scale}x" "${batt[@]}" --candidates "$out/W${scale}x.py" --cache "$dir/batt${scale}x.sqlite"
    # arc-dsl's own dsl.py through batt's CPython workers (batt run --dsl), no cache: all validated.
    timed batt-dsl-cold "${batt[@]}" --candidates "$out/W.py" --no-cache --dsl "$arc_dsl/dsl.py"
done

echo
python3 "$repo/Benchmarks/report.py" "$out" "$rounds" "$scale"

echo
echo "== batt run --dsl $arc_dsl/dsl.py (2 CPython workers, 1 s limit) beside ref-cold, per round"
for round in $(seq 1 "$rounds"); do
    ref=$(cut -d' ' -f1 "$out/round$round/ref-cold.time" | tail -1)
    dsl=$(cut -d' ' -f1 "$out/round$round/batt-dsl-cold.time" | tail -1)
    python3 -c "import sys; r, d = float(sys.argv[1]), float(sys.argv[2]); print(f'  round {sys.argv[3]}: ref-cold {r:.2f} s, batt --dsl {d:.2f} s: {r / d:.2f}x (target >= 2x)')" "$ref" "$dsl" "$round"
done
echo
echo "== the worker pool alone (batt-bench python-pool): overhead per candidate (target < 0.5 ms), kill and replace (target < 10 ms)"
"$bin/batt-bench" python-pool
