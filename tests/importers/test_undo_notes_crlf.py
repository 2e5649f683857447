"""Undoing an import takes away the note its update appended to notes kept with "\\r\\n"
line breaks (kept before Goodword unified them, or by another program), as to any others:
appending leaves the notes before it as they were, so it is found after them (SQLite and
PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from goodword.importers import undoing
from goodword.importers.report import Outcome
from goodword.importers.service import import_files
from goodword.people.models import Person

TODAY = date(2026, 11, 28)
FIRST = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)


def _card(note: str) -> str:
    return (
        "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:ada-1\r\nFN:Ada Byron\r\nN:Byron;Ada;;;\r\n"
        f"NOTE:{note}\r\nEND:VCARD\r\n"
    )


def _import(session: Session, workspace_id: int, folder: Path, text: str, hours: int):
    folder.mkdir()
    path = folder / "ada.vcf"
    path.write_text(text, encoding="utf-8")
    report = import_files(
        session, workspace_id=workspace_id, paths_or_uploads=[path], today=TODAY,
        now=FIRST + timedelta(hours=hours),
    )  # fmt: skip
    session.commit()
    return report


def _notes(session: Session) -> str | None:
    session.expire_all()
    return session.scalars(select(Person.notes)).one()


def test_a_note_appended_to_notes_kept_with_crlf_is_taken_away(session, workspace, tmp_path):
    _import(session, workspace.id, tmp_path / "a", _card("Met at the salon"), 0)
    ada = session.scalars(select(Person)).one()
    ada.notes = "Met at the salon\r\nLoves maths"
    session.commit()
    newer = _import(session, workspace.id, tmp_path / "b", _card("Writes on engines"), 1)
    assert [row.outcome for row in newer.rows] == [Outcome.UPDATED]
    assert _notes(session) == "Met at the salon\r\nLoves maths\n\nWrites on engines"

    plan = undoing.preview(session, workspace_id=workspace.id, run_id=newer.id)
    (back,) = plan.put_back
    assert (back.taken, back.left) == (["notes it added taken off"], [])
    undoing.undo(session, workspace_id=workspace.id, run_id=newer.id)
    session.commit()
    # (Kept as Goodword keeps notes now, with "\n".)
    assert _notes(session) == "Met at the salon\nLoves maths"
