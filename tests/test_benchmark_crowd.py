"""The crowd benchmark at a tiny size: its files are what it says, and it runs."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from goodword.duplicates import index
from goodword.importers import registry
from goodword.importers.reading import Document

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
        path = tmp_path / f"{crowd}.vcf"
        bench.write_file(path, 60, crowd=crowd)
        parsed = registry.parse(Document(path.name, path.read_text(encoding="utf-8")))
        assert parsed is not None and parsed.format == "vcard"
        names = {(p.given_name, p.family_name) for p in parsed.people}
        assert len(parsed.people) == 60
        assert len({p.key for p in parsed.people}) == 60
        assert len({p.urls[0].value for p in parsed.people}) == 60
        assert names == {("John", "Smith"), ("John", "Smyth")} if crowd else len(names) == 60


def test_a_crowd_is_imported_as_people_asked_about(bench, tmp_path, monkeypatch):
    # Limits low enough for 30 rows to reach them: the crowded path, end to end.
    monkeypatch.setattr(index, "CROWDED", 5)
    monkeypatch.setattr(index, "JUDGED_PER_PROFILE", 3)
    monkeypatch.setattr(index, "BLOCK_REACH", 10)
    found = bench.measure(tmp_path, 30, crowd=True)
    # Every card is someone (distinct UIDs and LinkedIn profiles); all but the first of
    # each spelling are queued against someone before them.
    assert found["created"] + found["suggested"] == 30
    assert found["suggested"] >= 28 and found["merged"] == 0


def test_the_scan_file_is_one_connections_csv_of_a_few_names(bench, tmp_path):
    path = tmp_path / "Connections.csv"
    bench.write_connections(path, 60, names=6)
    parsed = registry.parse(Document(path.name, path.read_text(encoding="utf-8")))
    assert parsed is not None and parsed.format == "linkedin-connections"
    assert len(parsed.people) == 60 and len({p.urls[0].value for p in parsed.people}) == 60
    assert len({(p.given_name, p.family_name) for p in parsed.people}) == 6


def test_a_scan_after_the_file_compares_none_of_its_rows(bench, tmp_path):
    # Ten rows of each of three names, a profile each: two members each time, as the import
    # found them.
    found = bench.measure_scan(tmp_path, 30, names=3)
    assert (found["imported"], found["import_pairs"], found["scan_pairs"]) == (30, 0, 0)
