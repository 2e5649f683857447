"""A file whose own name ends as Goodword tells two files of one name apart ("people.csv
(the second file of that name)") keeps that name: only the words Goodword added come off
what its people keep, in the import and in its kept report."""

from __future__ import annotations

import copy
import pickle
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import select

import factories as f
from goodword.importers import history, older_files, undoing
from goodword.importers.export import export_people
from goodword.importers.report import Outcome
from goodword.importers.service import import_files
from goodword.people.models import PersonSource

TODAY = date(2026, 11, 28)
NAME = "people (the second file of that name)"


def _import(session, workspace_id, paths):
    report = import_files(
        session, workspace_id=workspace_id, paths_or_uploads=paths, today=TODAY,
        now=datetime(2026, 11, 28, 9, 0, tzinfo=UTC),
    )  # fmt: skip
    session.commit()
    return report


def _files(session):
    session.expire_all()
    return sorted(session.scalars(select(PersonSource.file_name)).all())


def test_a_file_named_like_one_told_apart_keeps_its_name(session, workspace, tmp_path: Path):
    f.person(
        session, workspace.id, "Ada Lovelace", given_name="Ada", family_name="Lovelace",
        emails=["ada@analytical.example"],
    )  # fmt: skip
    session.commit()
    path = tmp_path / NAME
    path.write_text(export_people(session, workspace_id=workspace.id, format="csv"))
    report = _import(session, workspace.id, [path])
    assert [(r.file, r.outcome) for r in report.rows] == [(NAME, Outcome.UNCHANGED)]
    assert _files(session) == [NAME]

    # Its undo finds its record under that name, and takes it away.
    undoing.undo(session, workspace_id=workspace.id, run_id=report.id)
    session.commit()
    assert _files(session) == []


def test_two_files_of_such_a_name_lose_only_the_words_goodword_added(
    session, workspace, tmp_path: Path
):
    f.person(
        session, workspace.id, "Ada Lovelace", given_name="Ada", family_name="Lovelace",
        emails=["ada@analytical.example"],
    )  # fmt: skip
    session.commit()
    text = export_people(session, workspace_id=workspace.id, format="csv")
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / NAME).write_text(text)
    (tmp_path / "b" / NAME).write_text(text)
    report = _import(session, workspace.id, [tmp_path / "a" / NAME, tmp_path / "b" / NAME])
    assert [r.file for r in report.rows] == [
        f"{NAME} (the first file of that name)",
        f"{NAME} (the second file of that name)",
    ]
    assert _files(session) == [NAME]  # (one record of one name: kept once)
    kept = history.get(session, workspace_id=workspace.id, run_id=report.id)
    assert [older_files.as_named(r.file) for r in kept.rows] == [NAME, NAME]

    undoing.undo(session, workspace_id=workspace.id, run_id=report.id)
    session.commit()
    assert _files(session) == []


def test_a_kept_name_is_read_as_goodword_told_it_apart_only_beside_another():
    assert [
        older_files.as_named(name)
        for name in older_files.kept_apart([NAME, "a.csv (the first file of that name)",
                                            "a.csv (the second file of that name)"])
    ] == [NAME, "a.csv", "a.csv"]  # fmt: skip


def test_a_name_told_apart_stays_so_copied():
    (name,) = older_files.kept_apart([f"{NAME} (the first file of that name)"] * 2)[:1]
    for again in (copy.deepcopy(name), pickle.loads(pickle.dumps(name))):
        assert (again, older_files.as_named(again)) == (name, NAME)
