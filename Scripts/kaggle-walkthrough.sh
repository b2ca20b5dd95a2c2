#!/usr/bin/env bash
# Rehearses Documentation/Kaggle.md end to end in a chroot laid out like a Kaggle session, with
# Python (the host's /usr, read-only) and no Swift toolchain: /kaggle/input/* read-only bind
# mounts, /kaggle/working writable, no network use. Three sessions: 1 installs the wheel offline,
# runs the first candidates and exports the cache; 2 seeds from session 1's output (now a
# read-only input dataset) and runs more candidates; 3 writes submission.json from Python.
# Between sessions, /kaggle/working becomes the next input dataset, as saving a notebook
# version does. Needs root (unshare -m, chroot, mount).
#
#   Scripts/kaggle-walkthrough.sh WHEEL CHALLENGES.json CANDIDATES_1.py CANDIDATES_2.py [WORKDIR]
#
# Prints the transcript; leaves WORKDIR (default: a new temporary folder) with each session's
# output under datasets/.
set -euo pipefail
[ $# -ge 4 ] || { sed -n 2,13p "$0" >&2; exit 2; }
wheel=$(readlink -f "$1"); challenges=$(readlink -f "$2")
candidates1=$(readlink -f "$3"); candidates2=$(readlink -f "$4")
work=${5:-$(mktemp -d)}
mkdir -p "$work/root" "$work/datasets"/{batt-wheel,arc-prize,candidates}
cp "$wheel" "$work/datasets/batt-wheel/"
cp "$challenges" "$work/datasets/arc-prize/arc-agi_test_challenges.json"
cp "$candidates1" "$work/datasets/candidates/candidates_1.py"
cp "$candidates2" "$work/datasets/candidates/candidates_2.py"

# session NAME INPUT_DATASETS... -- SCRIPT: runs SCRIPT (sh) in the chroot with those datasets.
session() {
    local name=$1; shift
    local inputs=()
    while [ "$1" != "--" ]; do inputs+=("$1"); shift; done
    shift
    local script=$1
    rm -rf "$work/working"; mkdir -p "$work/working"
    echo "================ $name (inputs: ${inputs[*]}) ================"
    unshare -m sh -s "$work" "$script" "${inputs[@]}" <<'CHROOT'
set -eu
work=$1; script=$2; shift 2
root=$work/root
mount -t tmpfs tmpfs "$root"
for folder in usr etc; do mkdir "$root/$folder"; mount --bind -o ro "/$folder" "$root/$folder"; mount -o remount,bind,ro "$root/$folder"; done
for link in bin sbin lib lib64; do [ -L "/$link" ] && ln -s "$(readlink "/$link")" "$root/$link"; done
mkdir -p "$root/dev" "$root/proc" "$root/tmp" "$root/root" "$root/kaggle/input" "$root/kaggle/working"
mount --rbind /dev "$root/dev"; mount -t proc proc "$root/proc"
mount --bind "$work/working" "$root/kaggle/working"
for dataset in "$@"; do
    mkdir "$root/kaggle/input/$dataset"
    mount --bind "$work/datasets/$dataset" "$root/kaggle/input/$dataset"
    mount -o remount,bind,ro "$root/kaggle/input/$dataset"
done
cp "$script" "$root/tmp/session.sh"
exec chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8 \
    /bin/sh -c 'cd /kaggle/working && sh -v /tmp/session.sh 2>&1'
CHROOT
}

cat > "$work/session1.sh" <<'S1'
ls /opt/swift 2>&1 | head -1; command -v swift || echo "no swift here"
touch /kaggle/input/arc-prize/probe 2>&1 | sed 's/^/touch: /' || true
python3 -m venv /kaggle/working/venv
/kaggle/working/venv/bin/pip install --quiet --no-index /kaggle/input/batt-wheel/batt-*.whl
export PATH=/kaggle/working/venv/bin:$PATH
batt --version
batt run --tasks /kaggle/input/arc-prize/arc-agi_test_challenges.json --candidates /kaggle/input/candidates/candidates_1.py --cache /kaggle/working/batt-cache.sqlite --quiet
batt cache export --cache /kaggle/working/batt-cache.sqlite --out /kaggle/working/batt-cache-snapshot.sqlite
rm -rf /kaggle/working/batt-cache.sqlite* /kaggle/working/venv
ls /kaggle/working
S1

cat > "$work/session2.sh" <<'S2'
python3 -m venv /tmp/venv
/tmp/venv/bin/pip install --quiet --no-index /kaggle/input/batt-wheel/batt-*.whl
export PATH=/tmp/venv/bin:$PATH
batt cache verify --cache /kaggle/input/batt-cache-v1/batt-cache-snapshot.sqlite
batt run --tasks /kaggle/input/arc-prize/arc-agi_test_challenges.json --candidates /kaggle/input/candidates/candidates_1.py --cache /kaggle/working/batt-cache.sqlite --seed /kaggle/input/batt-cache-v1/batt-cache-snapshot.sqlite --quiet
batt run --tasks /kaggle/input/arc-prize/arc-agi_test_challenges.json --candidates /kaggle/input/candidates/candidates_2.py --cache /kaggle/working/batt-cache.sqlite --quiet
batt cache export --cache /kaggle/working/batt-cache.sqlite --out /kaggle/working/batt-cache-snapshot.sqlite
rm -f /kaggle/working/batt-cache.sqlite*
ls /kaggle/working
S2

cat > "$work/session3.sh" <<'S3'
python3 -m venv /tmp/venv
/tmp/venv/bin/pip install --quiet --no-index /kaggle/input/batt-wheel/batt-*.whl
/tmp/venv/bin/python - <<'PY'
import batt
counts = batt.submit(
    tasks="/kaggle/input/arc-prize/arc-agi_test_challenges.json",
    cache="/kaggle/working/batt-cache.sqlite",
    seed="/kaggle/input/batt-cache-v2/batt-cache-snapshot.sqlite",
    candidates="/kaggle/input/candidates/candidates_2.py",
    out="/kaggle/working/submission.json",
    prefer_agreement=True,
)
print({key: counts[key] for key in ("tasks", "test_inputs", "tasks_by_distinct_attempts", "tasks_without_solver", "tasks_without_full_solver")})
print("cache lookups of the seeded run:", counts["run"]["verdict_hits"], "hits,", counts["run"]["verdict_misses"], "misses")
try:
    batt.submit(tasks="/kaggle/input/arc-prize/missing.json", cache="/kaggle/working/batt-cache.sqlite")
except batt.BattError as error:
    print("BattError:", error.returncode, error.message)
PY
ls -la /kaggle/working/submission.json
S3

session "Session 1" batt-wheel arc-prize candidates -- "$work/session1.sh"
rm -rf "$work/datasets/batt-cache-v1"; mv "$work/working" "$work/datasets/batt-cache-v1"
session "Session 2" batt-wheel arc-prize candidates batt-cache-v1 -- "$work/session2.sh"
rm -rf "$work/datasets/batt-cache-v2"; mv "$work/working" "$work/datasets/batt-cache-v2"
session "Session 3" batt-wheel arc-prize candidates batt-cache-v2 -- "$work/session3.sh"
rm -rf "$work/datasets/final"; mv "$work/working" "$work/datasets/final"
echo "submission: $work/datasets/final/submission.json"
