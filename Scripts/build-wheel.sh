#!/usr/bin/env bash
# Builds the Python wheel dist/batt-<version>-py3-none-manylinux_2_35_x86_64.whl from a clone:
# the portable binary first (Scripts/build-release.sh, with its checks), then the wheel with
# hatchling, installed from PyPI into a build-only virtualenv.
#
#   Scripts/build-wheel.sh
#
# Environment: BATT_PORTABLE_BINARY: use this already built and checked binary instead of
# building one; BATT_SCRATCH_PATH as for build-release.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=${BATT_SCRATCH_PATH:-.build}

binary=${BATT_PORTABLE_BINARY:-}
if [ -z "$binary" ]; then
    bash Scripts/build-release.sh
    binary=${BATT_PORTABLE_DIR:-$scratch/portable}/batt
fi
version=$("$binary" --version)
if ! grep -qx "version = \"$version\"" python/pyproject.toml; then
    echo "build-wheel: the binary is batt $version but python/pyproject.toml says" \
         "$(grep -m1 '^version' python/pyproject.toml): make them agree" >&2
    exit 1
fi
if ! grep -qx "__version__ = \"$version\"" python/src/batt/__init__.py; then
    echo "build-wheel: python/src/batt/__init__.py's __version__ is not $version: make them agree" >&2
    exit 1
fi

mkdir -p python/src/batt/bin
install -m 755 "$binary" python/src/batt/bin/batt

venv="$scratch/wheel-build-venv"
if [ ! -x "$venv/bin/python" ]; then python3 -m venv "$venv"; fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "build>=1.0" "hatchling>=1.18"
rm -f "dist/batt-$version-"*.whl
"$venv/bin/python" -m build --wheel --no-isolation --outdir dist python
wheel="dist/batt-$version-py3-none-manylinux_2_35_x86_64.whl"
[ -f "$wheel" ] || { echo "build-wheel: expected $wheel, found: $(ls dist)" >&2; exit 1; }
echo "built $wheel ($(du -m "$wheel" | cut -f1) MB)"
