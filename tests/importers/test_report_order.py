"""An import's report lists files in the order they were read, so a row merged into someone
this import created comes after the row that created them."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from goodword.importers.report import Outcome
from goodword.importers.service import import_files

DATA = Path(__file__).resolve().parents[1] / "data" / "importers"


def test_rows_follow_the_order_the_files_were_read(session, workspace, tmp_path: Path):
    # Named so that sorting by name would put the second file read first.
    first = tmp_path / "z-linkedin-Connections.csv"
    second = tmp_path / "a-google.csv"
    shutil.copy(DATA / "Connections.csv", first)
    shutil.copy(DATA / "google_legacy.csv", second)
    report = import_files(
        session,
        workspace_id=workspace.id,
        paths_or_uploads=[first, second],
        today=date(2026, 11, 25),
    )
    assert [f.name for f in report.files] == [first.name, second.name]
    files = [row.file for row in report.rows]
    assert files == sorted(files, key=[first.name, second.name].index)
    (merged,) = [r for r in report.of(Outcome.MERGED) if r.name == "Ada Lovelace"]
    (created,) = [r for r in report.of(Outcome.CREATED) if r.name == "Ada Lovelace"]
    assert created.file == first.name and merged.file == second.name
    assert report.rows.index(created) < report.rows.index(merged)
