"""Undoing an import whose record found someone by the key an older file kept them by (a
LinkedIn connection kept by its name and date, before its rows had profile links) gives
their source record its old key back with its fingerprint, so importing the newer file
again updates them again exactly as the first time (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from goodword.importers import history, undoing
from goodword.importers.models import ImportRun
from goodword.importers.report import ImportReport, Outcome
from goodword.importers.service import import_files
from goodword.people.models import Person, PersonSource

TODAY = date(2026, 11, 28)
FIRST = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
OLDER = HEADER + "Ada,Lovelace,,,Analytical Engines,Mathematician,26 Dec 2025\n"
NEWER = (
    HEADER + "Ada,Lovelace,https://www.linkedin.com/in/ada-lovelace,,Royal Society,Fellow,"
    "26 Dec 2025\n"
)
NAME_KEY = "name:ada lovelace|2025-12-26"
URL_KEY = "https://www.linkedin.com/in/ada-lovelace"


def _import(session: Session, workspace_id: int, folder: Path, text: str, hours: int):
    folder.mkdir()
    path = folder / "Connections.csv"
    path.write_text(text, encoding="utf-8")
    report = import_files(
        session, workspace_id=workspace_id, paths_or_uploads=[path], today=TODAY,
        now=FIRST + timedelta(hours=hours),
    )  # fmt: skip
    session.commit()
    return report


def _sources(session: Session) -> list[tuple[str | None, int | None]]:
    session.expire_all()
    return [(s.external_key, s.fingerprint) for s in session.scalars(select(PersonSource))]


def _said(report: ImportReport) -> list[tuple[Outcome, str]]:
    return [(row.outcome, row.detail) for row in report.rows]


def _rekeyed(session: Session, workspace_id: int, tmp_path: Path):
    _import(session, workspace_id, tmp_path / "older", OLDER, 0)
    before = _sources(session)
    assert [key for key, _print in before] == [NAME_KEY]
    newer = _import(session, workspace_id, tmp_path / "newer", NEWER, 1)
    assert [row.outcome for row in newer.rows] == [Outcome.UPDATED]
    assert [key for key, _print in _sources(session)] == [URL_KEY]
    return before, newer


def test_undo_gives_a_rekeyed_record_its_old_key_and_fingerprint(session, workspace, tmp_path):
    before, newer = _rekeyed(session, workspace.id, tmp_path)
    undoing.undo(session, workspace_id=workspace.id, run_id=newer.id)
    session.commit()
    assert _sources(session) == before

    # As if it never happened: the newer file updates her again, and re-keys her again.
    again = _import(session, workspace.id, tmp_path / "again", NEWER, 2)
    assert _said(again) == _said(newer)
    assert [key for key, _print in _sources(session)] == [URL_KEY]
    jobs = session.scalars(select(Person)).one().positions
    assert sorted((p.title, p.is_current) for p in jobs) == [
        ("Fellow", True),
        ("Mathematician", False),
    ]


def test_the_newer_file_imported_again_at_the_undone_import_s_time_updates_her_again(
    session, workspace, tmp_path
):
    _before, newer = _rekeyed(session, workspace.id, tmp_path)
    undoing.undo(session, workspace_id=workspace.id, run_id=newer.id)
    session.commit()

    again = _import(session, workspace.id, tmp_path / "again", NEWER, 1)
    assert _said(again) == _said(newer)
    assert session.scalars(select(Person.id)).all() == [newer.rows[0].person_id]


def test_a_report_kept_before_re_keys_were_kept_still_undoes(session, workspace, tmp_path):
    _before, newer = _rekeyed(session, workspace.id, tmp_path)
    # As a report kept before this version reads: the re-keyed record noted as one added.
    kept = history.get(session, workspace_id=workspace.id, run_id=newer.id)
    (row,) = kept.rows
    assert row.put_back is not None
    source, _key, key, _print, _after = row.put_back.pop("rekey")
    row.put_back["new"] = [source, key]
    session.execute(
        update(ImportRun).where(ImportRun.id == newer.id).values(report=history.encode(kept))
    )
    session.commit()

    done = undoing.undo(session, workspace_id=workspace.id, run_id=newer.id)
    session.commit()
    assert done.put_back[0].taken[:1] == [f"web address {URL_KEY} taken off"]
    assert [key for key, _print in _sources(session)] == [URL_KEY]
