"""Undoing an import whose record brought nothing new about someone already here, but moved
their source record (a newer file's key for an older file's, a new fingerprint) or only
linked them to you, puts that source record back as it was, so importing either file again
reads as if the import never happened (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

import factories as f
from goodword.duplicates import merging
from goodword.importers import undoing
from goodword.importers.report import ImportReport, Outcome
from goodword.importers.service import import_files
from goodword.people import service as people
from goodword.people.models import Person, PersonSource
from goodword.people.schemas import PersonUpdate

TODAY = date(2026, 11, 28)
FIRST = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
URL = "https://www.linkedin.com/in/ada-lovelace"
OLDER = HEADER + "Ada,Lovelace,,,Analytical Engines,Mathematician,26 Dec 2025\n"
NEWER = HEADER + f"Ada,Lovelace,{URL},,Analytical Engines,Mathematician,26 Dec 2025\n"
# (The older file's row with an e-mail address: a new fingerprint, the same key.)
EMAIL = "ada@example.com"
MAILED = HEADER + f"Ada,Lovelace,,{EMAIL},Analytical Engines,Mathematician,26 Dec 2025\n"
NAME_KEY = "name:ada lovelace|2025-12-26"


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
    return [
        (s.external_key, s.fingerprint)
        for s in session.scalars(select(PersonSource).order_by(PersonSource.id))
    ]


def _said(report: ImportReport) -> list[tuple[Outcome, str]]:
    return [(row.outcome, row.detail) for row in report.rows]


def _typed_in(session: Session, workspace_id: int, **fields: list[str]) -> None:
    """What the newer file brings, typed in by hand first."""
    ada = session.scalars(select(Person)).one()
    data = PersonUpdate(given_name="Ada", family_name="Lovelace", **fields)  # type: ignore[arg-type]
    people.update(session, workspace_id=workspace_id, person_id=ada.id, data=data)
    session.commit()


def _undo(session: Session, workspace_id: int, report: ImportReport) -> undoing.Undo:
    done = undoing.undo(session, workspace_id=workspace_id, run_id=report.id)
    session.commit()
    return done


def test_a_record_that_only_linked_you_puts_its_fingerprint_back(session, workspace, tmp_path):
    _import(session, workspace.id, tmp_path / "older", OLDER, 0)
    _typed_in(session, workspace.id, emails=[EMAIL])
    f.person(session, workspace.id, "Me Myself", is_me=True)
    session.commit()
    before = _sources(session)
    mailed = _import(session, workspace.id, tmp_path / "mailed", MAILED, 1)
    assert _said(mailed) == [(Outcome.UPDATED, "linked to you on LinkedIn (connected 2025-12-26)")]
    assert _sources(session) != before

    _undo(session, workspace.id, mailed)
    assert _sources(session) == before
    # As if it never happened: the file links you again, as the first time.
    again = _import(session, workspace.id, tmp_path / "again", MAILED, 2)
    assert _said(again) == _said(mailed)


def test_a_record_re_keyed_with_nothing_new_gets_its_old_key_back(session, workspace, tmp_path):
    _import(session, workspace.id, tmp_path / "older", OLDER, 0)
    _typed_in(session, workspace.id, urls=[URL])
    before = _sources(session)
    assert [key for key, _print in before] == [NAME_KEY]
    newer = _import(session, workspace.id, tmp_path / "newer", NEWER, 1)
    assert _said(newer) == [(Outcome.UNCHANGED, "nothing new in the file")]
    assert [key for key, _print in _sources(session)] == [URL]

    done = _undo(session, workspace.id, newer)
    assert (done.removed, done.put_back, done.kept) == ([], [], [])
    assert _sources(session) == before
    # As if it never happened: the older file is unchanged, the newer re-keys her again.
    older = _import(session, workspace.id, tmp_path / "older again", OLDER, 2)
    assert _said(older) == [(Outcome.UNCHANGED, "unchanged since the last import")]
    assert _sources(session) == before
    again = _import(session, workspace.id, tmp_path / "again", NEWER, 3)
    assert _said(again) == _said(newer)
    assert [key for key, _print in _sources(session)] == [URL]
    assert session.scalars(select(Person.id)).all() == [newer.rows[0].person_id]


def test_a_new_fingerprint_with_nothing_new_is_put_back(session, workspace, tmp_path):
    first = _import(session, workspace.id, tmp_path / "older", OLDER, 0)
    _typed_in(session, workspace.id, emails=[EMAIL])
    before = _sources(session)
    mailed = _import(session, workspace.id, tmp_path / "mailed", MAILED, 1)
    assert [row.outcome for row in mailed.rows] == [Outcome.UNCHANGED]
    assert _sources(session) != before

    _undo(session, workspace.id, mailed)
    assert _sources(session) == before
    # As if it never happened: the older file is unchanged since, as it was the first time.
    older = _import(session, workspace.id, tmp_path / "older again", OLDER, 2)
    assert _said(older) == [(Outcome.UNCHANGED, "unchanged since the last import")]
    again = _import(session, workspace.id, tmp_path / "again", MAILED, 3)
    assert _said(again) == _said(mailed)
    assert first.rows[0].person_id == again.rows[0].person_id


def test_a_re_keyed_record_of_someone_merged_since_is_said_to_stay(session, workspace, tmp_path):
    _import(session, workspace.id, tmp_path / "older", OLDER, 0)
    _typed_in(session, workspace.id, urls=[URL])
    newer = _import(session, workspace.id, tmp_path / "newer", NEWER, 1)
    assert _said(newer) == [(Outcome.UNCHANGED, "nothing new in the file")]
    ada = newer.rows[0].person_id
    countess = f.person(session, workspace.id, "Countess of Lovelace")
    session.commit()
    merging.merge(session, workspace_id=workspace.id, survivor_id=countess.id, absorbed_id=ada)
    session.commit()

    # Her source record is the countess's now: the undo leaves it, and says so.
    why = (
        f"merged into person {countess.id} since; undo that merge first to put back their "
        "LinkedIn record as it was before the import"
    )
    plan = undoing.preview(session, workspace_id=workspace.id, run_id=newer.id)
    assert [(k.person_id, k.name, k.reason) for k in plan.kept] == [(ada, "Ada Lovelace", why)]
    assert plan.summary() == "Takes nothing away; 1 person stays, listed with why."
    done = _undo(session, workspace.id, newer)
    assert [(k.person_id, k.reason) for k in done.kept] == [(ada, why)]
    assert [key for key, _print in _sources(session)] == [URL]


PROFILE = (
    "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Geo Location\n"
    "Me,Myself,,,,Analyst,,London\n"
)


def _with_profile(session: Session, workspace_id: int, folder: Path, hours: int):
    """The older file again, with your Profile.csv: you are known now."""
    folder.mkdir()
    (folder / "Connections.csv").write_text(OLDER, encoding="utf-8")
    (folder / "Profile.csv").write_text(PROFILE, encoding="utf-8")
    report = import_files(
        session, workspace_id=workspace_id, today=TODAY, now=FIRST + timedelta(hours=hours),
        paths_or_uploads=[folder / "Connections.csv", folder / "Profile.csv"],
    )  # fmt: skip
    session.commit()
    return report


def test_an_import_that_made_you_and_linked_someone_unchanged_since_is_undone(
    session, workspace, tmp_path
):
    _import(session, workspace.id, tmp_path / "older", OLDER, 0)
    before = _sources(session)
    # (Unchanged since, so passed over: it only links her to you, made by the same import.)
    both = _with_profile(session, workspace.id, tmp_path / "both", 1)
    ada = [row for row in both.rows if row.name == "Ada Lovelace"]
    linked = [(Outcome.UPDATED, "linked to you on LinkedIn (connected 2025-12-26)")]
    assert [(row.outcome, row.detail) for row in ada] == linked

    plan = undoing.preview(session, workspace_id=workspace.id, run_id=both.id)
    assert [(back.name, back.taken, back.left) for back in plan.put_back] == [
        ("Ada Lovelace", ["your LinkedIn tie taken off"], [])
    ]
    # Taking back her tie to you does not count as touching you: you go too.
    done = _undo(session, workspace.id, both)
    assert [name for _id, name in done.removed] == ["Me Myself"] and done.kept == []
    assert session.scalars(select(Person.display_name)).all() == ["Ada Lovelace"]
    assert _sources(session) == before
    # As if it never happened: imported again, she is linked to you again.
    again = _with_profile(session, workspace.id, tmp_path / "again", 2)
    assert [(row.outcome, row.detail) for row in again.rows if row.name == "Ada Lovelace"] == linked


def test_an_import_that_made_you_and_matched_someone_to_you_is_undone(session, workspace, tmp_path):
    card = f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nEMAIL:{EMAIL}\r\nEND:VCARD\r\n"
    (tmp_path / "card").mkdir()
    (tmp_path / "card" / "ada.vcf").write_text(card, encoding="utf-8")
    import_files(
        session, workspace_id=workspace.id, paths_or_uploads=[tmp_path / "card" / "ada.vcf"],
        today=TODAY, now=FIRST,
    )  # fmt: skip
    session.commit()
    (tmp_path / "both").mkdir()
    (tmp_path / "both" / "Connections.csv").write_text(MAILED, encoding="utf-8")
    (tmp_path / "both" / "Profile.csv").write_text(PROFILE, encoding="utf-8")
    both = import_files(
        session, workspace_id=workspace.id, today=TODAY, now=FIRST + timedelta(hours=1),
        paths_or_uploads=[tmp_path / "both" / "Connections.csv", tmp_path / "both" / "Profile.csv"],
    )  # fmt: skip
    session.commit()
    assert [row.outcome for row in both.rows if row.name == "Ada Lovelace"] == [Outcome.MERGED]

    done = _undo(session, workspace.id, both)
    assert [name for _id, name in done.removed] == ["Me Myself"] and done.kept == []
    assert "your LinkedIn tie" in done.taken_back[0].taken
    assert session.scalars(select(Person.display_name)).all() == ["Ada Lovelace"]
