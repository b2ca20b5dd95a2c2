"""The batt module: what a notebook gets back from the binary, and how failures surface."""

import json
import os
import subprocess
import sys

import pytest

import batt


def test_options_become_batt_flags():
    assert batt._options({"timeout": "1s", "jobs": 2, "no_cache": True, "seed": None, "quiet": False}) == [
        "--timeout", "1s", "--jobs", "2", "--no-cache",
    ]


def test_run_returns_the_json_summary_and_one_report_row_per_candidate(batt_binary, example, tmp_path):
    tasks, candidates, functions = example
    summary, report = batt.run(tasks=tasks, candidates=candidates, cache=tmp_path / "cache.sqlite", timeout="200ms")

    assert summary["candidates"] == functions
    assert summary["tasks_solved"] == 8
    assert summary["cache_mode"] == "read-write"
    rows = report.to_dict("records") if hasattr(report, "to_dict") else report
    assert len(rows) == functions
    assert {"task", "function", "solver_md5", "outcome"} <= set(rows[0])


def test_report_is_a_list_of_dicts_without_pandas(batt_binary, example, tmp_path, monkeypatch):
    tasks, candidates, functions = example
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas now raises ImportError
    _, report = batt.run(tasks=tasks, candidates=candidates, cache=tmp_path / "cache.sqlite", timeout="200ms")
    assert isinstance(report, list) and len(report) == functions
    assert all(isinstance(row, dict) for row in report)


def test_report_is_a_dataframe_with_pandas(batt_binary, example, tmp_path):
    pandas = pytest.importorskip("pandas", reason="pandas is not installed")
    tasks, candidates, functions = example
    _, report = batt.run(tasks=tasks, candidates=candidates, cache=tmp_path / "cache.sqlite", timeout="200ms")
    assert isinstance(report, pandas.DataFrame) and len(report) == functions


def test_a_failing_run_raises_with_batts_message_and_exit_status(batt_binary, example, tmp_path):
    _, candidates, _ = example
    missing = tmp_path / "no-such-tasks"
    with pytest.raises(batt.BattError) as raised:
        batt.run(tasks=missing, candidates=candidates, cache=tmp_path / "cache.sqlite")
    assert raised.value.returncode == 1
    assert str(missing) in raised.value.message
    assert "status 1" in str(raised.value)


def test_inspect_reads_what_the_run_stored(batt_binary, example, tmp_path):
    tasks, candidates, _ = example
    cache = tmp_path / "cache.sqlite"
    summary, _ = batt.run(tasks=tasks, candidates=candidates, cache=cache, timeout="200ms")
    inspected = batt.inspect(cache=cache)
    assert inspected["distinct_solvers"] == summary["unique_solvers"]
    assert inspected["runs"]["recorded"] == 1


def test_submit_writes_the_submission_and_returns_its_counts(batt_binary, example, tmp_path):
    tasks, candidates, _ = example
    out = tmp_path / "submission.json"
    counts = batt.submit(tasks=tasks, candidates=candidates, cache=tmp_path / "cache.sqlite", out=out, timeout="200ms")
    assert counts["tasks"] == 8
    with open(out, encoding="utf-8") as file:
        submission = json.load(file)
    assert len(submission) == 8
    assert all("attempt_1" in entry and "attempt_2" in entry for entries in submission.values() for entry in entries)


def test_the_batt_command_hands_over_to_the_binary(batt_binary):
    process = subprocess.run(
        [sys.executable, "-c", "import sys; from batt.__main__ import main; sys.argv[0] = 'batt'; main()", "--version"],
        capture_output=True, text=True, env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    assert process.returncode == 0, process.stderr
    assert process.stdout.strip() == batt.__version__


def test_a_missing_binary_raises_saying_what_to_do(monkeypatch, tmp_path):
    monkeypatch.setenv("BATT_BINARY", str(tmp_path / "absent"))
    with pytest.raises(batt.BattError) as raised:
        batt.inspect()
    assert "reinstall" in raised.value.message
