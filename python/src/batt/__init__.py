"""batt from Python: runs the batt binary this package carries and returns what it reports.

Every function calls the binary; none re-implements any of it. A non-zero exit status (other
than 3 from ``run``, see there) raises ``BattError`` with batt's message and the status.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import tempfile
import warnings
from typing import Any, Dict, List, NamedTuple, Optional, Sequence, Union

__version__ = "0.1.0"
__all__ = ["BattError", "RunResult", "binary", "call", "run", "inspect", "submit"]

# `batt run` completed but some candidate functions could not be read.
SOME_CANDIDATES_UNREADABLE = 3


class BattError(Exception):
    """The batt binary failed: ``message`` is what it said, ``returncode`` its exit status."""

    def __init__(self, message: str, returncode: int, command: Sequence[str], stderr: str = ""):
        super().__init__(message)
        self.message = message
        self.returncode = returncode
        self.command = list(command)
        self.stderr = stderr

    def __str__(self) -> str:
        return f"{self.message} (batt exited with status {self.returncode})"


class RunResult(NamedTuple):
    """What ``run`` returns: the run's JSON summary and one report row per candidate."""

    summary: Dict[str, Any]
    report: Any  # pandas.DataFrame when pandas is importable, else a list of dicts


def binary() -> str:
    """The batt executable: ``$BATT_BINARY`` when set, else the one inside this package."""
    configured = os.environ.get("BATT_BINARY")
    path = configured or os.path.join(os.path.dirname(os.path.abspath(__file__)), "bin", "batt")
    if not os.path.isfile(path):
        where = "$BATT_BINARY" if configured else "this package"
        raise BattError(f"no batt binary at {path} (from {where}): reinstall the batt wheel", 127, [path])
    if not os.access(path, os.X_OK):
        try:  # an unpacker that dropped the executable bit
            os.chmod(path, os.stat(path).st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
        except OSError as error:
            raise BattError(f"the batt binary {path} is not executable: {error}", 126, [path]) from error
    return path


def call(*arguments: str, accept: Sequence[int] = (0,)) -> subprocess.CompletedProcess:
    """Runs ``batt ARGUMENTS...`` and returns the finished process (text stdout and stderr).

    Raises ``BattError`` when the exit status is not in ``accept``.
    """
    command = [binary(), *map(str, arguments)]
    process = subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True, text=True)
    if process.returncode not in accept:
        lines = [line.removeprefix("batt: ") for line in process.stderr.strip().splitlines()]
        message = "\n".join(lines) or process.stdout.strip() or "batt failed without a message"
        raise BattError(message, process.returncode, command, process.stderr)
    return process


def _options(options: Dict[str, Any]) -> List[str]:
    """``timeout="1s", no_cache=True`` -> ``--timeout 1s --no-cache``; False and None are left out."""
    arguments: List[str] = []
    for name, value in options.items():
        flag = "--" + name.replace("_", "-")
        if value is None or value is False:
            continue
        if value is True:
            arguments.append(flag)
        else:
            arguments += [flag, os.fspath(value) if isinstance(value, os.PathLike) else str(value)]
    return arguments


def _paths(**paths: Optional[Union[str, os.PathLike]]) -> Dict[str, Any]:
    return {name: value for name, value in paths.items() if value is not None}


def _table(rows: List[Dict[str, Any]]) -> Any:
    try:
        import pandas
    except ImportError:
        return rows
    return pandas.DataFrame(rows)


def _json(process: subprocess.CompletedProcess) -> Dict[str, Any]:
    try:
        return json.loads(process.stdout)
    except json.JSONDecodeError as error:
        raise BattError(
            f"batt printed no JSON summary ({error}): {process.stdout[:200]!r}",
            process.returncode, process.args, process.stderr,
        ) from error


def run(tasks=None, candidates=None, cache=None, **options) -> RunResult:
    """``batt run``: validates candidates, serving known verdicts from the cache.

    ``options`` are batt run's options with ``_`` for ``-``: ``timeout="1s"``, ``jobs=2``,
    ``seed=PATH``, ``task=ID``, ``solver_version=TAG``, ``budget=N``, ``no_cache=True``,
    ``emit=DIR``, ``report=PATH`` (kept; otherwise a temporary file is used).
    Exit status 3 (some candidate functions could not be read) returns normally with a
    warning: the summary's ``unreadable`` count and the report say which.
    """
    report_path = options.pop("report", None)
    options.pop("json", None)
    with tempfile.TemporaryDirectory(prefix="batt-") as folder:
        report = os.fspath(report_path) if report_path is not None else os.path.join(folder, "report.jsonl")
        arguments = _options({**_paths(tasks=tasks, candidates=candidates, cache=cache), **options})
        process = call("run", *arguments, "--json", "--report", report, accept=(0, SOME_CANDIDATES_UNREADABLE))
        summary = _json(process)
        with open(report, encoding="utf-8") as lines:
            rows = [json.loads(line) for line in lines if line.strip()]
    if process.returncode == SOME_CANDIDATES_UNREADABLE:
        warnings.warn(f"batt: {summary.get('unreadable')} candidate function(s) could not be read: see the report")
    return RunResult(summary, _table(rows))


def inspect(cache=None, task: Optional[str] = None, solver: Optional[str] = None, **options) -> Dict[str, Any]:
    """``batt cache inspect --json``: what the cache holds (a task's solvers, one solver's verdicts)."""
    arguments = _options({**_paths(cache=cache, task=task, solver=solver), **options})
    return _json(call("cache", "inspect", *arguments, "--json"))


def submit(tasks, cache=None, out="submission.json", candidates=None, **options) -> Dict[str, Any]:
    """``batt submit --json``: writes the Kaggle ``submission.json`` and returns its counts."""
    arguments = _options({**_paths(tasks=tasks, cache=cache, out=out, candidates=candidates), **options})
    return _json(call("submit", *arguments, "--json"))
