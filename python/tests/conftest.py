"""Test the module in src/ (or, with BATT_TEST_INSTALLED=1, the installed wheel) against a real
batt binary: $BATT_BINARY, else the repository's portable or debug build; tests that need one
skip when there is none."""

import os
import sys

import pytest

REPOSITORY = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

if not os.environ.get("BATT_TEST_INSTALLED"):
    sys.path.insert(0, os.path.join(REPOSITORY, "python", "src"))


def built_binary():
    if os.environ.get("BATT_BINARY"):
        return os.environ["BATT_BINARY"]
    if os.environ.get("BATT_TEST_INSTALLED"):
        return None  # the wheel's own binary
    for relative in (".build/portable/batt", ".build/debug/batt"):
        path = os.path.join(REPOSITORY, relative)
        if os.access(path, os.X_OK):
            return path
    pytest.skip("no batt binary: run `swift build` (or Scripts/build-release.sh), or set BATT_BINARY")


@pytest.fixture
def batt_binary(monkeypatch):
    path = built_binary()
    if path:
        monkeypatch.setenv("BATT_BINARY", path)
    return path


@pytest.fixture
def example():
    tasks = os.path.join(REPOSITORY, "Examples", "tasks")
    candidates = os.path.join(REPOSITORY, "Examples", "candidates.py")
    with open(candidates, encoding="utf-8") as source:
        functions = sum(1 for line in source if line.startswith("def "))
    return tasks, candidates, functions
