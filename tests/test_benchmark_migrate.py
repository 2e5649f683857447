"""The migration benchmark at a tiny size: it builds a database at 0032 and runs."""

from __future__ import annotations

import importlib.util
import sqlite3
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_migrate.py"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_migrate", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_migrate"] = module
    spec.loader.exec_module(module)
    return module


def test_it_builds_a_database_at_0032_and_times_each_way(bench, tmp_path, capsys):
    sizes = ["--people", "60", "--connections", "100", "--interactions", "40"]
    sizes += ["--rows", "30", "--cards", "10"]

    assert bench.main(["--keep", str(tmp_path), "--rounds", "1", *sizes]) == 0

    built = sqlite3.connect(tmp_path / "at_0032.sqlite3")
    assert built.execute("SELECT version_num FROM alembic_version").fetchall() == [("0032",)]
    counted = {
        table: built.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in ("interactions", "import_runs", "person_emails", "positions")
    }
    built.close()
    assert counted["interactions"] == 40 and counted["import_runs"] == 1
    assert counted["person_emails"] > 60 and counted["positions"] > 60
    rows = [line for line in capsys.readouterr().out.splitlines() if line.startswith("| ")]
    assert [row.split(" | ")[0] for row in rows[1:]] == [
        "| `goodword db upgrade` (this checkout)",
        "| upgrade by `person list --json` (data folder)",
        "| `person list --json` alone (at the latest)",
        "| `VACUUM INTO` a new file (SQLite)",
    ]
