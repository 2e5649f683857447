"""A birthday a file gives without its year (Google's "--04-12", vCard 4's "--0412",
Apple's X-APPLE-OMIT-YEAR, Thunderbird's empty year) is kept as the day and month
(`Person.birthday_no_year`), not as a line of the notes."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select, update
from sqlalchemy.orm import Session

import factories as f
from goodword.importers.records import Upload
from goodword.importers.service import import_files
from goodword.people.models import Person, PersonSource
from goodword.workspaces.models import Workspace

TODAY = date(2026, 11, 25)


def card(bday: str, name: str = "Ada Lovelace", note: str = "", file: str = "ada.vcf") -> Upload:
    email = name.split()[0].lower() + "@example.org"
    text = (
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{name}\r\nEMAIL:{email}\r\n{bday}\r\n"
        + (f"NOTE:{note}\r\n" if note else "")
        + "END:VCARD\r\n"
    )
    return Upload(file, text.encode())


def run(session: Session, workspace: Workspace, *uploads: Upload):
    return import_files(
        session, workspace_id=workspace.id, paths_or_uploads=list(uploads), today=TODAY
    )


def ada(session: Session) -> Person:
    return session.scalars(select(Person).where(Person.display_name == "Ada Lovelace")).one()


def test_a_new_person_is_made_with_the_day_and_month(
    session: Session, workspace: Workspace
) -> None:
    report = run(session, workspace, card("BDAY;X-APPLE-OMIT-YEAR=1604:1604-12-10"))

    person = ada(session)
    assert (person.birthday, person.birthday_no_year, person.notes) == (None, "--12-10", None)
    assert report.notes == []


def test_a_known_person_without_a_birthday_is_given_it_and_one_with_a_birthday_keeps_it(
    session: Session, workspace: Workspace
) -> None:
    f.person(session, workspace.id, "Ada Lovelace", emails=["ada@example.org"])
    f.person(session, workspace.id, "Bo Lin", emails=["bo@example.org"], birthday=date(1990, 4, 12))
    bo = card("BDAY:--0413", name="Bo Lin", file="bo.vcf")

    report = run(session, workspace, card("BDAY:--1210"), bo)

    assert ada(session).birthday_no_year == "--12-10"
    kept = session.scalars(select(Person).where(Person.display_name == "Bo Lin")).one()
    assert (kept.birthday, kept.birthday_no_year) == (date(1990, 4, 12), None)
    said = {row.name: row.detail for row in report.rows}
    assert "birthday set to 10 December" in said["Ada Lovelace"]
    assert "birthday left at 1990-04-12 (the file says 13 April" in said["Bo Lin"]


def test_a_whole_birthday_later_takes_the_place_of_the_day_alone(
    session: Session, workspace: Workspace
) -> None:
    run(session, workspace, card("BDAY:--12-10"))
    run(session, workspace, card("BDAY:1815-12-10", file="later.vcf"))

    person = ada(session)
    assert (person.birthday, person.birthday_no_year) == (date(1815, 12, 10), None)


def test_a_whole_birthday_on_another_day_leaves_the_day_typed_by_hand(
    session: Session, workspace: Workspace
) -> None:
    f.person(session, workspace.id, "Ada Lovelace", emails=["ada@example.org"])
    ada(session).birthday_no_year = "--04-12"
    f.person(session, workspace.id, "Bo Lin", emails=["bo@example.org"])
    session.scalars(
        select(Person).where(Person.display_name == "Bo Lin")
    ).one().birthday_no_year = "--05-01"
    session.flush()
    bo = card("BDAY:1990-05-01", name="Bo Lin", file="bo.vcf")

    report = run(session, workspace, card("BDAY:1990-05-01"), bo)

    person = ada(session)
    assert (person.birthday, person.birthday_no_year) == (None, "--04-12")
    kept = session.scalars(select(Person).where(Person.display_name == "Bo Lin")).one()
    assert (kept.birthday, kept.birthday_no_year) == (date(1990, 5, 1), None)
    said = {row.name: row.detail for row in report.rows}
    assert "birthday left at 12 April (the file says 1990-05-01" in said["Ada Lovelace"]
    assert "birthday now 1990-05-01" in said["Bo Lin"]


def test_a_re_import_after_the_day_was_kept_in_the_notes_fills_it_in_without_another_note(
    session: Session, workspace: Workspace
) -> None:
    """An import before birthdays without a year were kept wrote the day in the notes; the
    same file again keeps the day and adds no second note."""
    run(session, workspace, card("BDAY:--12-10", note="Met at the engine show"))
    person = ada(session)
    # As such an import left them: no day kept, the notes say it, and the card's
    # fingerprint was another (its notes had the day).
    person.birthday_no_year = None
    person.notes = "Met at the engine show\n\nBirthday: --12-10"
    session.execute(update(PersonSource).values(fingerprint=1))
    session.flush()

    run(session, workspace, card("BDAY:--12-10", note="Met at the engine show"))

    session.expire_all()
    person = ada(session)
    assert person.birthday_no_year == "--12-10"
    assert person.notes == "Met at the engine show\n\nBirthday: --12-10"
