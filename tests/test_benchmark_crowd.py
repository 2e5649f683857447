"""The crowd benchmark at a tiny size: its files are what it says, and it runs."""

from __future__ import annotations

import csv
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from goodword.duplicates import index

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_crowd.py"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_crowd", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_crowd"] = module
    spec.loader.exec_module(module)
    return module


def test_the_crowd_is_one_name_and_the_yardstick_all_different(bench, tmp_path):
    for crowd in (True, False):
        path = tmp_path / f"{crowd}.csv"
        bench.write_file(path, 60, crowd=crowd)
        with path.open(encoding="utf-8", newline="") as source:
            rows = list(csv.DictReader(source))
        names = {(row["First Name"], row["Last Name"]) for row in rows}
        assert len(rows) == 60
        assert len({row["URL"] for row in rows}) == 60
        assert names == {("John", "Smith"), ("John", "Smyth")} if crowd else len(names) == 60


def test_a_crowd_is_imported_as_people_asked_about(bench, tmp_path, monkeypatch):
    # Limits low enough for 30 rows to reach them: the crowded path, end to end.
    monkeypatch.setattr(index, "CROWDED", 5)
    monkeypatch.setattr(index, "JUDGED_PER_PROFILE", 3)
    monkeypatch.setattr(index, "BLOCK_REACH", 10)
    found = bench.measure(tmp_path, 30, crowd=True)
    # Every row is someone (distinct LinkedIn profiles); all but the first of each
    # spelling are queued against someone before them.
    assert found["created"] + found["suggested"] == 30
    assert found["suggested"] >= 28 and found["merged"] == 0
