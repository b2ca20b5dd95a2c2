#!/bin/bash
# Submit an N-way batt job array and the merge job that waits for it.
#
#   submit.sh N OUT MERGED        (with BATT_TASKS, BATT_CANDIDATES and optionally BATT, BATT_SEED set)
#
# Prints the two job ids. The merge job runs only when every shard succeeded (afterok).
set -euo pipefail
count=${1:?usage: submit.sh N OUT MERGED}
out=${2:?usage: submit.sh N OUT MERGED}
merged=${3:?usage: submit.sh N OUT MERGED}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"
array=$(sbatch --parsable --array="0-$((count - 1))" --output="$out/batt-shard-%A_%a.out" \
    --export="ALL,BATT_OUT=$out" "$here/batt-array.sbatch")
merge=$(sbatch --parsable --dependency="afterok:$array" --job-name=batt-merge --output="$out/batt-merge-%j.out" \
    --export=ALL --wrap="'$here/merge.sh' '$out' '$merged' ${BATT_SEED:+"'$BATT_SEED'"}")
echo "array $array merge $merge"
