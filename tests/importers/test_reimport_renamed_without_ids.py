"""A record with no id of its own (a vCard without UID, an address book's CSV row) is keyed
by its name and first e-mail address or phone. Renamed at its source, it is still the card
imported before, found by that address: the new name follows it as a newer copy's does
(SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from goodword.importers.report import ImportReport, Outcome
from goodword.importers.service import import_files
from goodword.people.models import Person, PersonSource
from goodword.workspaces.models import Workspace

TODAY = date(2026, 11, 25)


def card(folder: Path, name: str, *, city: str = "London", contact: str = "") -> Path:
    folder.mkdir(exist_ok=True)
    given, family = name.split()
    path = folder / "ada.vcf"
    path.write_text(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{name}\r\nN:{family};{given};;;\r\n"
        f"{contact or 'EMAIL:ada@analytical.example'}\r\nADR;TYPE=home:;;;{city};;;\r\n"
        "END:VCARD\r\n",
        encoding="utf-8",
    )
    return path


def run(session: Session, workspace: Workspace, *paths: Path) -> ImportReport:
    return import_files(
        session, workspace_id=workspace.id, paths_or_uploads=list(paths), today=TODAY
    )


def people(session: Session, workspace: Workspace) -> list[tuple[str, str | None, str | None]]:
    session.expire_all()
    found = session.scalars(select(Person).where(Person.workspace_id == workspace.id))
    return [(p.display_name, p.location, p.notes) for p in found]


def keys(session: Session, workspace: Workspace) -> list[str | None]:
    return list(
        session.scalars(
            select(PersonSource.external_key).where(PersonSource.workspace_id == workspace.id)
        )
    )


def test_a_card_without_uid_renamed_at_its_source_takes_its_new_name(session, workspace, tmp_path):
    run(session, workspace, card(tmp_path / "a", "Ada Lovelace"))
    newer = card(tmp_path / "b", "Ada King", city="Leeds")
    again = run(session, workspace, newer)
    assert [(r.outcome, r.detail) for r in again.rows] == [
        (Outcome.UPDATED, "name now Ada King (was Ada Lovelace); location now Leeds")
    ]
    assert people(session, workspace) == [("Ada King", "Leeds", "Formerly Ada Lovelace")]
    # The card is kept under its new key, so the same file again is unchanged.
    assert keys(session, workspace) == ["name:ada king|ada@analytical.example"]
    third = run(session, workspace, newer)
    assert [r.outcome for r in third.rows] == [Outcome.UNCHANGED]


def test_a_card_found_by_its_phone_alone_takes_its_new_name(session, workspace, tmp_path):
    phone = "TEL;TYPE=cell:+44 20 7946 0018"
    run(session, workspace, card(tmp_path / "a", "Ada Lovelace", contact=phone))
    again = run(session, workspace, card(tmp_path / "b", "Ada King", contact=phone))
    assert [(r.outcome, r.detail) for r in again.rows] == [
        (Outcome.UPDATED, "name now Ada King (was Ada Lovelace)")
    ]
    assert people(session, workspace) == [("Ada King", "London", "Formerly Ada Lovelace")]


def test_a_name_set_by_hand_stays_when_the_card_is_renamed(session, workspace, tmp_path):
    run(session, workspace, card(tmp_path / "a", "Ada Lovelace"))
    session.execute(
        update(Person)
        .where(Person.workspace_id == workspace.id)
        .values(display_name="Augusta Ada Lovelace")
    )
    again = run(session, workspace, card(tmp_path / "b", "Ada King"))
    assert [(r.outcome, r.detail) for r in again.rows] == [
        (
            Outcome.UNCHANGED,
            "name left at Augusta Ada Lovelace (the file says Ada King; edit the person to "
            "change it)",
        )
    ]
    assert people(session, workspace) == [("Augusta Ada Lovelace", "London", None)]


def test_someone_else_on_the_address_is_not_a_rename(session, workspace, tmp_path):
    # A household's address, another person's card now: no rename, asked about as before.
    run(session, workspace, card(tmp_path / "a", "Ada Lovelace"))
    again = run(session, workspace, card(tmp_path / "b", "Bob Marley"))
    assert [r.outcome for r in again.rows] == [Outcome.SUGGESTED]
    names = sorted(name for name, _place, _notes in people(session, workspace))
    assert names == ["Ada Lovelace", "Bob Marley"]


def test_a_card_still_in_the_file_is_not_taken_for_renamed(session, workspace, tmp_path):
    # Two cards on one address, both still there: the new one is not the old one renamed.
    (tmp_path / "a").mkdir()
    first = tmp_path / "a" / "two.vcf"
    ada = card(tmp_path / "x", "Ada Lovelace").read_text("utf-8")
    first.write_text(ada, "utf-8")
    run(session, workspace, first)
    both = tmp_path / "both.vcf"
    both.write_text(ada + card(tmp_path / "y", "Ada King").read_text("utf-8"), "utf-8")
    again = run(session, workspace, both)
    assert [r.outcome for r in again.rows] == [Outcome.UNCHANGED, Outcome.SUGGESTED]
    assert ("Ada Lovelace", "London", None) in people(session, workspace)


def test_another_address_book_s_card_on_the_address_is_no_rename(session, workspace, tmp_path):
    # A card of another file (a work address book beside the phone's) is another record of
    # the person, kept beside the first: neither takes the other's key, import after import.
    (tmp_path / "phone.vcf").write_text(
        card(tmp_path / "x", "Bob Smith").read_text("utf-8"), "utf-8"
    )
    (tmp_path / "work.vcf").write_text(
        card(tmp_path / "y", "Robert Smith").read_text("utf-8"), "utf-8"
    )
    run(session, workspace, tmp_path / "phone.vcf")
    second = run(session, workspace, tmp_path / "work.vcf")
    assert [r.outcome for r in second.rows] == [Outcome.MERGED]
    again = run(session, workspace, tmp_path / "phone.vcf")
    assert [r.outcome for r in again.rows] == [Outcome.UNCHANGED]
    assert sorted(keys(session, workspace)) == [
        "name:bob smith|ada@analytical.example",
        "name:robert smith|ada@analytical.example",
    ]
    assert [name for name, _place, _notes in people(session, workspace)] == ["Bob Smith"]
