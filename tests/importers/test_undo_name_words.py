"""What an undo says it puts back of a name a newer copy of a record gave someone who had
none reads as its other items do: taken off."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy.orm import Session

from goodword.importers import undoing
from goodword.importers.report import Outcome
from goodword.importers.service import import_files

TODAY = date(2026, 11, 28)
NOW = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
CARD = "BEGIN:VCARD\nVERSION:3.0\nUID:ada-1\nFN:Ada Lovelace\nEND:VCARD\n"
CARD_NAMED = CARD.replace("FN:Ada Lovelace\n", "FN:Ada Lovelace\nN:Lovelace;Ada;;;\n")


def _import(session: Session, workspace_id: int, tmp_path: Path, text: str):
    path = tmp_path / "ada.vcf"
    path.write_text(text, encoding="utf-8")
    report = import_files(
        session, workspace_id=workspace_id, paths_or_uploads=[path], today=TODAY, now=NOW
    )
    session.commit()
    return report


def test_a_name_filled_in_is_said_taken_off(session, workspace, tmp_path):
    _import(session, workspace.id, tmp_path, CARD)
    newer = _import(session, workspace.id, tmp_path, CARD_NAMED)
    (row,) = newer.rows
    assert row.outcome is Outcome.UPDATED, row.detail

    plan = undoing.preview(session, workspace_id=workspace.id, run_id=newer.id)
    (back,) = plan.put_back
    assert back.taken == ["given and family name Ada Lovelace taken off"]
