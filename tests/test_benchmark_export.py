"""The export benchmark at a tiny size: its address book is what it says, and it runs."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
import vobject

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_export.py"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_export", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_export"] = module
    spec.loader.exec_module(module)
    return module


def test_the_address_book_is_cards_vobject_reads_with_labels_jobs_and_long_notes(bench):
    cards = list(vobject.readComponents(bench.address_book(40)))
    assert len(cards) == 40 and len({card.uid.value for card in cards}) == 40
    assert all(card.org.value and card.title.value for card in cards)
    notes = [card.note.value for card in cards if "note" in card.contents]
    assert len(notes) == 10 and any(len(note.encode()) > 75 for note in notes)
    assert any("x-ablabel" in card.contents for card in cards)


def test_it_prints_each_writer_for_each_version(bench, tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'export.sqlite3'}"
    assert bench.main(["--people", "30", "--rounds", "1", "--database-url", url]) == 0
    rows = [line for line in capsys.readouterr().out.splitlines() if line.startswith("| ")]
    writers = [row.split(" | ")[0:2] for row in rows[1:]]
    assert writers == [
        [f"| {what}", fmt] for fmt in ("vcard", "vcard4") for what in bench.SIDES.values()
    ]
