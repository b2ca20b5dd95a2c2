#!/usr/bin/env bash
# Installs the wheel with `pip install --no-index` into a fresh virtualenv and, with the Swift
# toolchain hidden (Scripts/without-swift.sh), runs `batt run` and `batt submit` on the example
# and the Python module (`batt.run`, `batt.inspect`, `batt.BattError`).
#
#   Scripts/check-wheel.sh [WHEEL]      # default: the newest dist/batt-*.whl
set -euo pipefail
cd "$(dirname "$0")/.."
wheel=$(readlink -f "${1:-$(ls -t dist/batt-*-py3-none-manylinux_2_35_x86_64.whl 2>/dev/null | head -1)}")
[ -f "$wheel" ] || { echo "check-wheel: no wheel: run Scripts/build-wheel.sh first" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check --no-index "$wheel"
echo "installed $(basename "$wheel") into a fresh virtualenv with pip install --no-index"
cp -r Examples "$work/Examples"

cat > "$work/check.sh" <<'INNER'
set -eu
work=$1
export PATH="$work/venv/bin:$PATH"
cd "$work/Examples"
echo "\$ command -v batt"; command -v batt
echo "\$ batt run --tasks tasks --candidates candidates.py --cache cli.sqlite --timeout 200ms --quiet"
batt run --tasks tasks --candidates candidates.py --cache cli.sqlite --timeout 200ms --quiet
echo "\$ batt submit --tasks tasks --cache cli.sqlite --out submission.json"
batt submit --tasks tasks --cache cli.sqlite --out submission.json
echo "\$ python -c 'import batt; ...'"
python - <<'PY'
import batt
summary, report = batt.run(tasks="tasks", candidates="candidates.py", cache="py.sqlite", timeout="200ms")
print(f"batt.run: solved {summary['tasks_solved']} of {summary['tasks_with_candidates']} tasks,",
      f"{len(report)} report rows as {type(report).__name__}, binary {batt.binary()}")
assert summary["tasks_solved"] == 8, summary
print("batt.inspect:", batt.inspect(cache="py.sqlite")["distinct_solvers"], "distinct solvers")
try:
    batt.run(tasks="no-such-folder", candidates="candidates.py", cache="py.sqlite")
    raise SystemExit("batt.run on a missing folder did not raise")
except batt.BattError as error:
    print(f"batt.BattError: status {error.returncode}: {error.message}")
PY
INNER
status=0
bash Scripts/without-swift.sh sh "$work/check.sh" "$work" || status=$?
case $status in
    0) echo "wheel: all checks passed with the Swift toolchain hidden" ;;
    125) echo "SKIP the wheel's checks with the Swift toolchain hidden: no mount namespace can be made here"
         exit 0 ;;
    *) echo "wheel: checks FAILED (exit $status)"; exit 1 ;;
esac
