#!/bin/bash
# End-to-end test of the Slurm recipe on a one-node cluster on this machine.
#
#   BATT_SLURM_E2E=1 Scripts/slurm/e2e-test.sh --candidates FILE [--shards 4] [--tasks DIR] [--batt PATH]
#                                               [--timeout 10s]
#
# FILE is, for example, the workload `../shared/bench/make_workload.py` makes from arc-dsl's
# solvers.py (7,771 candidates).
#
# Installs Debian's slurm-wlm and munge packages with apt-get when they are missing (so it needs
# root and a Debian or Ubuntu system), starts munged, slurmctld and slurmd on localhost with a
# throw-away configuration, submits a job array of --shards shards over the candidates
# (submit.sh), waits for the merge job, then checks the merged cache against a single run of
# the same candidates: the same verdicts candidate by candidate (solver md5, task, outcome,
# per-pair results) and the same `batt cache inspect --json` totals. It stops the daemons it
# started when it ends. The time limit is generous (10s) so that no verdict depends on how busy
# the machine is: a candidate near a 1s limit can time out in one run and not in the other. Without BATT_SLURM_E2E=1 it does nothing (for CI). Needs python3 for the
# comparison.
set -euo pipefail

if [ "${BATT_SLURM_E2E:-}" != 1 ]; then
    echo "skipped: set BATT_SLURM_E2E=1 to install Slurm and run the end-to-end test (needs root)"
    exit 0
fi

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
shards=4
timeout=10s
candidates=
tasks="$repo/../shared/data/arc-agi-1/training"
batt="$repo/.build/release/batt"
[ -x "$batt" ] || batt="$repo/.build/debug/batt"
while [ $# -gt 0 ]; do
    case "$1" in
    --shards) shards=$2; shift 2 ;;
    --candidates) candidates=$2; shift 2 ;;
    --tasks) tasks=$2; shift 2 ;;
    --batt) batt=$2; shift 2 ;;
    --timeout) timeout=$2; shift 2 ;;
    *) echo "e2e-test.sh: unknown option '$1'" >&2; exit 2 ;;
    esac
done
[ -n "$candidates" ] || { echo "e2e-test.sh: give --candidates FILE (e.g. the make_workload.py workload)" >&2; exit 2; }
for need in "$batt" "$candidates" "$tasks"; do
    [ -e "$need" ] || { echo "e2e-test.sh: '$need' does not exist (build batt, or pass --batt/--candidates/--tasks)" >&2; exit 2; }
done
batt=$(cd "$(dirname "$batt")" && pwd)/$(basename "$batt")
command -v python3 >/dev/null || { echo "e2e-test.sh: python3 is needed to compare the verdicts" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "e2e-test.sh: run it as root (it installs packages and starts the Slurm daemons)" >&2; exit 2; }

step() { echo "== $(date -u +%H:%M:%S) $*"; }

# 1. Packages.
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v munged >/dev/null; then
    step "installing slurm-wlm and munge with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends slurm-wlm munge
fi
step "$(slurmctld -V), $(munged -V 2>&1 | head -1)"

# 2. A throw-away cluster: one node, this machine.
work=$(mktemp -d /tmp/batt-slurm-e2e.XXXXXX)
chmod 755 "$work"
pids=()
# The daemons stop whatever happens; the work folder stays only when the test failed (or with
# BATT_SLURM_KEEP=1), for its logs.
cleanup() {
    local status=$?
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    if [ "$status" = 0 ] && [ "${BATT_SLURM_KEEP:-}" != 1 ]; then
        rm -rf "$work"
    else
        echo "the cluster's configuration, logs and caches are in $work"
    fi
}
trap cleanup EXIT

if [ ! -s /etc/munge/munge.key ]; then
    step "creating a munge key"
    mkdir -p /etc/munge
    dd if=/dev/urandom bs=1 count=1024 of=/etc/munge/munge.key 2>/dev/null
    chown munge:munge /etc/munge/munge.key
    chmod 400 /etc/munge/munge.key
fi
mkdir -p "$work/munge" /var/log/munge /var/lib/munge
chown munge:munge "$work/munge" /var/log/munge /var/lib/munge
step "starting munged"
runuser -u munge -- munged --foreground --socket="$work/munge/munge.socket" \
    --pid-file="$work/munge/munged.pid" --log-file="$work/munge/munged.log" &
pids+=($!)
for _ in $(seq 50); do [ -S "$work/munge/munge.socket" ] && break; sleep 0.1; done

node=$(hostname -s)
cpus=$(nproc)
mkdir -p "$work/state" "$work/spool" "$work/log"
cat >"$work/slurm.conf" <<CONF
ClusterName=batt-e2e
SlurmctldHost=$node(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$work/munge/munge.socket
CredType=cred/munge
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/log/slurmctld.log
SlurmdLogFile=$work/log/slurmd.log
SlurmctldPort=16817
SlurmdPort=16818
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
ReturnToService=2
NodeName=$node NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=batt Nodes=$node Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF=$work/slurm.conf
step "starting slurmctld and slurmd ($node, $cpus CPUs)"
slurmctld -D -i -f "$SLURM_CONF" &
pids+=($!)
sleep 1
slurmd -D -f "$SLURM_CONF" -N "$node" &
pids+=($!)
for _ in $(seq 60); do
    sinfo -h -o %T 2>/dev/null | grep -Eq '^(idle|mixed|allocated)' && break
    sleep 1
done
sinfo

# 3. The array and the merge (submit.sh), each shard with one core: --jobs 1.
export BATT="$batt" BATT_TASKS="$tasks" BATT_CANDIDATES="$candidates" BATT_RUN_ARGS="--jobs 1 --timeout $timeout"
unset BATT_SEED
step "submitting a $shards-way array over $(grep -c '^def ' "$candidates") candidates of $candidates"
read -r _ array _ merge < <("$here/submit.sh" "$shards" "$work/out" "$work/merged.sqlite")
echo "array job $array, merge job $merge"
for _ in $(seq 3600); do
    [ -z "$(squeue -h -j "$array,$merge" 2>/dev/null)" ] && break
    sleep 1
done
sacct >/dev/null 2>&1 || true
cat "$work"/out/batt-merge-*.out
for i in $(seq 0 $((shards - 1))); do
    [ -s "$work/out/shard-$i.json" ] || { echo "FAIL: shard $i wrote no summary" >&2; cat "$work"/out/*.out >&2; exit 1; }
    python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); print("shard", s["shard"], ":", s["candidates"], "candidates,", s["validated"], "validated,", s["tasks_solved"], "tasks solved")' "$work/out/shard-$i.json"
done
[ -s "$work/merged.sqlite" ] || { echo "FAIL: the merge job wrote no cache" >&2; exit 1; }

# 4. The same candidates in one run, and the comparison.
step "one run of the same candidates, for comparison"
"$batt" run --tasks "$tasks" --candidates "$candidates" --cache "$work/single.sqlite" \
    --timeout "$timeout" --report "$work/single.jsonl" --quiet
"$batt" cache inspect --cache "$work/single.sqlite" --json >"$work/single-inspect.json"
"$batt" cache inspect --cache "$work/merged.sqlite" --json >"$work/merged-inspect.json"
step "comparing"
python3 "$repo/Scripts/compare-shards.py" "$work/single.jsonl" "$work/single-inspect.json" \
    "$work/merged-inspect.json" "$work/out"/shard-*.jsonl
