"""What else an update changed about someone already here that undoing its import puts
back, where still as the import left it (SQLite and PostgreSQL): being marked as you, a
note line a renamed card's RELATED rewrote, the date of your LinkedIn tie; and what a
second copy of a record in the same import changed, which comes off with the match the
first copy made."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

import factories as f
from goodword.connections.models import Connection
from goodword.importers import undoing
from goodword.importers.report import ImportReport, Outcome
from goodword.importers.service import import_files
from goodword.people.models import Person

TODAY = date(2026, 11, 28)
FIRST = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
ADA = "Ada,Lovelace,https://www.linkedin.com/in/ada-lovelace,,Analytical Engines,Mathematician,"
PROFILE = (
    "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Geo Location\n"
    "Ada,Lovelace,,,,Analyst,,London\n"
)


def _import(session: Session, workspace_id: int, folder: Path, hours: int, *files: tuple[str, str]):
    """Import the files (name, text) together, `hours` after the first import."""
    paths = []
    for index, (name, text) in enumerate(files):
        (folder / str(index)).mkdir(parents=True)
        path = folder / str(index) / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    report = import_files(
        session, workspace_id=workspace_id, paths_or_uploads=paths, today=TODAY,
        now=FIRST + timedelta(hours=hours),
    )  # fmt: skip
    session.commit()
    return report


def _said(report: ImportReport) -> list[tuple[Outcome, str]]:
    return [(row.outcome, row.detail) for row in report.rows]


def _undo(session: Session, workspace_id: int, report: ImportReport) -> undoing.Undo:
    done = undoing.undo(session, workspace_id=workspace_id, run_id=report.id)
    session.commit()
    session.expire_all()
    return done


def test_someone_an_update_marked_as_you_is_no_longer_you(session, workspace, tmp_path):
    _import(session, workspace.id, tmp_path / "a", 0, ("Profile.csv", PROFILE))
    ada = session.scalars(select(Person)).one()
    ada.is_me = False
    session.commit()
    marked = _import(session, workspace.id, tmp_path / "b", 1, ("Profile.csv", PROFILE))
    assert _said(marked) == [(Outcome.UPDATED, "marked as you")]

    plan = undoing.preview(session, workspace_id=workspace.id, run_id=marked.id)
    (back,) = plan.put_back
    assert (back.taken, back.left) == (["no longer marked as you"], [])
    _undo(session, workspace.id, marked)
    assert session.scalars(select(Person.is_me)).all() == [False]
    again = _import(session, workspace.id, tmp_path / "c", 2, ("Profile.csv", PROFILE))
    assert _said(again) == _said(marked)


def _card(spouse: str, note: str = "Met at the salon") -> str:
    return (
        "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:ada-1\r\nFN:Ada Byron\r\nN:Byron;Ada;;;\r\n"
        f"RELATED;TYPE=spouse;VALUE=text:{spouse}\r\nNOTE:{note}\r\nEND:VCARD\r\n"
    )


def _notes(session: Session) -> str | None:
    return session.scalars(select(Person.notes)).one()


def test_a_note_line_an_update_rewrote_is_put_back(session, workspace, tmp_path):
    _import(session, workspace.id, tmp_path / "a", 0, ("ada.vcf", _card("Jane Doe")))
    newer = _card("Jane Smith")
    renamed = _import(session, workspace.id, tmp_path / "b", 1, ("ada.vcf", newer))
    assert _said(renamed) == [(Outcome.UPDATED, "note 'Spouse: Jane Doe' now 'Spouse: Jane Smith'")]
    assert _notes(session) == "Spouse: Jane Smith\n\nMet at the salon"

    plan = undoing.preview(session, workspace_id=workspace.id, run_id=renamed.id)
    (back,) = plan.put_back
    assert (back.taken, back.left) == (
        ["note 'Spouse: Jane Smith' (back to 'Spouse: Jane Doe')"],
        [],
    )
    _undo(session, workspace.id, renamed)
    assert _notes(session) == "Spouse: Jane Doe\n\nMet at the salon"
    again = _import(session, workspace.id, tmp_path / "c", 2, ("ada.vcf", newer))
    assert _said(again) == _said(renamed)


def test_a_note_line_an_update_rewrote_stays_once_edited(session, workspace, tmp_path):
    _import(session, workspace.id, tmp_path / "a", 0, ("ada.vcf", _card("Jane Doe")))
    renamed = _import(session, workspace.id, tmp_path / "b", 1, ("ada.vcf", _card("Jane Smith")))
    ada = session.scalars(select(Person)).one()
    ada.notes = "Spouse: Jane Smith-Byron\n\nMet at the salon"
    session.commit()

    plan = undoing.preview(session, workspace_id=workspace.id, run_id=renamed.id)
    (back,) = plan.put_back
    assert (back.taken, back.left) == ([], ["note 'Spouse: Jane Smith' (changed since)"])
    _undo(session, workspace.id, renamed)
    assert _notes(session) == "Spouse: Jane Smith-Byron\n\nMet at the salon"


def _tie_moved(session: Session, workspace_id: int, tmp_path: Path) -> ImportReport:
    f.person(session, workspace_id, "Me Myself", is_me=True)
    session.commit()
    _import(
        session,
        workspace_id,
        tmp_path / "a",
        0,
        ("Connections.csv", HEADER + ADA + "26 Dec 2025\n"),
    )
    moved = _import(
        session,
        workspace_id,
        tmp_path / "b",
        1,
        ("Connections.csv", HEADER + ADA + "27 Dec 2025\n"),
    )
    assert _said(moved) == [
        (Outcome.UPDATED, "LinkedIn connection date now 2025-12-27 (was 2025-12-26)")
    ]
    return moved


def test_the_date_an_update_moved_your_linkedin_tie_to_is_put_back(session, workspace, tmp_path):
    moved = _tie_moved(session, workspace.id, tmp_path)

    plan = undoing.preview(session, workspace_id=workspace.id, run_id=moved.id)
    assert plan.kept == []
    (back,) = plan.put_back
    assert (back.taken, back.left) == (
        ["your LinkedIn tie's date 27 Dec 2025 (back to 26 Dec 2025)"],
        [],
    )
    _undo(session, workspace.id, moved)
    assert session.scalars(select(Connection.since)).all() == [date(2025, 12, 26)]
    again = _import(
        session,
        workspace.id,
        tmp_path / "c",
        2,
        ("Connections.csv", HEADER + ADA + "27 Dec 2025\n"),
    )
    assert _said(again) == _said(moved)


def test_a_tie_s_date_changed_since_stays(session, workspace, tmp_path):
    moved = _tie_moved(session, workspace.id, tmp_path)
    tie = session.scalars(select(Connection)).one()
    tie.since = date(2025, 12, 28)
    session.commit()

    plan = undoing.preview(session, workspace_id=workspace.id, run_id=moved.id)
    (back,) = plan.put_back
    assert (back.taken, back.left) == ([], ["your LinkedIn tie (its date changed since)"])
    _undo(session, workspace.id, moved)
    assert session.scalars(select(Connection.since)).all() == [date(2025, 12, 28)]


def test_a_second_copy_of_a_record_matched_in_the_same_import_comes_off_with_the_match(
    session, workspace, tmp_path
):
    ada = f.person(session, workspace.id, "Ada Byron", emails=["ada@example.org"])
    session.commit()
    card = _card("Jane Doe").replace("NOTE:", "EMAIL:ada@example.org\r\nNOTE:")
    in_paris = card.replace("NOTE:", "ADR;TYPE=HOME:;;;Paris;;;FR\r\nNOTE:")
    both = _import(session, workspace.id, tmp_path / "a", 0, ("a.vcf", card), ("b.vcf", in_paris))
    assert [row.outcome for row in both.rows] == [Outcome.MERGED, Outcome.UPDATED]

    plan = undoing.preview(session, workspace_id=workspace.id, run_id=both.id)
    assert (plan.kept, plan.put_back) == ([], [])
    (back,) = plan.taken_back
    assert back.person_id == ada.id
    assert "location Paris, FR" in back.taken
    assert plan.summary() == "Takes back what it added to 1 person already here."
    _undo(session, workspace.id, both)
    assert session.execute(select(Person.location, Person.notes)).all() == [(None, None)]
