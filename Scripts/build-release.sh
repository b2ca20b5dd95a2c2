#!/usr/bin/env bash
# Builds the portable batt: a release binary with the Swift runtime and Foundation linked in,
# stripped, then checked by Scripts/check-portable.sh (dynamic dependencies, glibc symbol
# versions, and the example run with the Swift toolchain hidden).
#
#   Scripts/build-release.sh            # writes .build/portable/batt
#
# Environment: BATT_SCRATCH_PATH (default .build) is SwiftPM's build folder; BATT_PORTABLE_DIR
# (default $BATT_SCRATCH_PATH/portable) is where the stripped binary goes.
set -euo pipefail
cd "$(dirname "$0")/.."

scratch=${BATT_SCRATCH_PATH:-.build}
out_dir=${BATT_PORTABLE_DIR:-$scratch/portable}
build=(swift build -c release --static-swift-stdlib --product batt --scratch-path "$scratch")

if ! dpkg -s libsqlite3-dev >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && apt-get install -y -qq libsqlite3-dev
fi

start=$(date +%s)
"${build[@]}"
bin_path=$("${build[@]}" --show-bin-path)
mkdir -p "$out_dir"
strip --strip-all -o "$out_dir/batt" "$bin_path/batt"
echo "built $out_dir/batt in $(( $(date +%s) - start ))s:" \
     "$(du -m "$bin_path/batt" | cut -f1) MB unstripped, $(du -m "$out_dir/batt" | cut -f1) MB stripped"

bash Scripts/check-portable.sh "$out_dir/batt"
