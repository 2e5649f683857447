"""A card's RELATED (a spouse, an assistant) renamed at its source replaces the line it added
to the person's notes when the card is imported again, instead of adding the new name beside
the old; a line of the notes the card never said stays."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from goodword.importers.records import Upload
from goodword.importers.service import import_files
from goodword.people.models import Person
from goodword.workspaces.models import Workspace


def card(spouse: str, assistant: str = "Bo Lin") -> str:
    return (
        "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:ada-1\r\nFN:Ada Byron\r\nN:Byron;Ada;;;\r\n"
        f"RELATED;TYPE=spouse;VALUE=text:{spouse}\r\n"
        f"RELATED;TYPE=assistant;VALUE=text:{assistant}\r\nNOTE:Met at the salon\r\n"
        "END:VCARD\r\n"
    )


def _import(session: Session, workspace: Workspace, text: str) -> str:
    report = import_files(
        session, workspace_id=workspace.id, today=date(2026, 11, 25),
        paths_or_uploads=[Upload("phone.vcf", text.encode())],
    )  # fmt: skip
    session.expire_all()
    (row,) = report.rows
    return row.detail


def _notes(session: Session) -> str | None:
    return session.scalar(select(Person.notes))


def test_a_renamed_related_replaces_the_line_it_added(session: Session, workspace: Workspace):
    _import(session, workspace, card("Jane Doe"))

    detail = _import(session, workspace, card("Jane Smith"))

    assert _notes(session) == "Spouse: Jane Smith\n\nAssistant: Bo Lin\n\nMet at the salon"
    assert "note 'Spouse: Jane Doe' now 'Spouse: Jane Smith'" in detail


def test_a_line_written_by_hand_is_not_taken_for_the_card_s(session: Session, workspace: Workspace):
    _import(session, workspace, card("Jane Doe"))
    person = session.scalar(select(Person))
    assert person is not None
    person.notes = f"{person.notes}\n\nSpouse: Jane (by hand)"
    session.flush()

    _import(session, workspace, card("Jane Doe", assistant="Cy Do"))

    assert _notes(session) == (
        "Spouse: Jane Doe\n\nAssistant: Cy Do\n\nMet at the salon\n\nSpouse: Jane (by hand)"
    )
