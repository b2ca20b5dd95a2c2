#!/bin/bash
# Combine the shard caches of a batt job array into one cache.
#
#   merge.sh OUT MERGED [SEED]
#
# OUT is the folder batt-array.sbatch wrote shard-<index>.sqlite into; MERGED is the cache to
# create (or to merge into, when it exists); SEED, when given, is merged first so that MERGED
# also holds what the shards were seeded with. Run it once every shard has finished: as a job
# with --dependency=afterok:<array job id> (see submit.sh), or by hand.
set -euo pipefail
out=${1:?usage: merge.sh OUT MERGED [SEED]}
merged=${2:?usage: merge.sh OUT MERGED [SEED]}
seed=${3:-}
batt=${BATT:-batt}
shopt -s nullglob
shards=("$out"/shard-*.sqlite)
[ ${#shards[@]} -gt 0 ] || { echo "merge.sh: no shard-*.sqlite in '$out': did the array run?" >&2; exit 1; }
sources=()
[ -n "$seed" ] && sources+=("$seed")
sources+=("${shards[@]}")
"$batt" cache merge --cache "$merged" "${sources[@]}"
