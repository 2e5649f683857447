"""Records an import cannot place for sure are queued, not merged (SQLite and PostgreSQL):
one as like two known people as each other, one like two people you told apart, and one
most like you (your own phone card)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

import factories as f
from goodword.duplicates import service as duplicates
from goodword.duplicates.models import DuplicateCandidate
from goodword.importers.records import Upload
from goodword.importers.report import ImportReport
from goodword.importers.service import import_files
from goodword.people import service as people
from goodword.people.models import Person
from goodword.people.schemas import PositionCreate

TODAY = date(2026, 11, 25)
TWO_JOHNS = (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "John,Smith,https://www.linkedin.com/in/jsmith1,,Acme,Sales Director,01 Mar 2020\n"
    "John,Smith,https://www.linkedin.com/in/jsmith2,,Acme,Software Engineer,01 Mar 2021\n"
)
GOOGLE_HEADER = (
    "First Name,Last Name,E-mail 1 - Value,Phone 1 - Value,Organization Name,Organization Title\n"
)


def run(session: Session, workspace_id: int, upload: Upload) -> ImportReport:
    return import_files(session, workspace_id=workspace_id, paths_or_uploads=[upload], today=TODAY)


def by_id(session: Session, workspace_id: int) -> dict[int, Person]:
    session.expire_all()
    found = session.scalars(
        select(Person).where(Person.workspace_id == workspace_id).options(*people.with_details())
    )
    return {p.id: p for p in found}


def queued(session: Session, workspace_id: int) -> set[tuple[int, int]]:
    return {
        (c.person_a_id, c.person_b_id)
        for c in session.scalars(
            select(DuplicateCandidate).where(DuplicateCandidate.workspace_id == workspace_id)
        )
    }


def pair(a: int, b: int) -> tuple[int, int]:
    return (min(a, b), max(a, b))


def test_a_contact_as_like_two_people_of_one_name_is_queued_with_both(session, workspace):
    run(session, workspace.id, Upload("Connections.csv", TWO_JOHNS.encode()))
    first, second = sorted(by_id(session, workspace.id))
    google = GOOGLE_HEADER + "John,Smith,john.smith@acme.example,+1 415 555 0177,Acme,\n"

    report = run(session, workspace.id, Upload("contacts.csv", google.encode()))

    ((row),) = report.rows
    assert (row.outcome.value, row.detail) == (
        "suggested",
        f"may be John Smith (person {first}) or John Smith (person {second}): "
        "names 100% alike; same organization",
    )
    found = by_id(session, workspace.id)
    new = (set(found) - {first, second}).pop()
    assert [e.address for e in found[new].emails] == ["john.smith@acme.example"]
    assert found[first].emails == found[second].emails == []
    assert found[first].phones == found[second].phones == []
    assert {pair(new, first), pair(new, second)} <= queued(session, workspace.id)


def dev_patel(session: Session, workspace_id: int, **fields: object) -> Person:
    person = f.person(session, workspace_id, "Dev Patel", given_name="Dev",
                      family_name="Patel", **fields)  # fmt: skip
    people.add_position(session, workspace_id=workspace_id, person_id=person.id,
                        data=PositionCreate(organization_name="Hooli"))  # fmt: skip
    return person


DEV_CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:dev-card\r\nFN:Dev Patel\r\nN:Patel;Dev;;;\r\n"
    "ORG:Hooli\r\nBDAY:1991-02-03\r\nEMAIL:dev@hooli.example\r\nEND:VCARD\r\n"
)


def test_a_contact_like_two_people_you_told_apart_is_queued_with_both(
    session, workspace, other_workspace
):
    # Both would be merged (the one with the same birthday clearly more like the card);
    # told apart by the user, they are two people and the card could be either.
    dated = dev_patel(session, workspace.id, birthday=date(1991, 2, 3))
    other = dev_patel(session, workspace.id)
    duplicates.find_duplicates(session, workspace_id=workspace.id)
    (candidate,) = session.scalars(
        select(DuplicateCandidate).where(DuplicateCandidate.workspace_id == workspace.id)
    )
    duplicates.mark_not_same(session, workspace_id=workspace.id, candidate_id=candidate.id)

    report = run(session, workspace.id, Upload("dev.vcf", DEV_CARD.encode()))

    assert [row.outcome.value for row in report.rows] == ["suggested"]
    found = by_id(session, workspace.id)
    assert found[dated.id].emails == found[other.id].emails == []
    new = (set(found) - {dated.id, other.id}).pop()
    assert {pair(new, dated.id), pair(new, other.id)} <= queued(session, workspace.id)

    # Nobody told apart: the same birthday settles it.
    dated = dev_patel(session, other_workspace.id, birthday=date(1991, 2, 3))
    dev_patel(session, other_workspace.id)
    report = run(session, other_workspace.id, Upload("dev.vcf", DEV_CARD.encode()))
    assert [row.outcome.value for row in report.rows] == ["merged"]
    assert [e.address for e in by_id(session, other_workspace.id)[dated.id].emails] == [
        "dev@hooli.example"
    ]


MY_CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:phone-1\r\nFN:Sam R.\r\nN:R.;Sam;;;\r\n"
    "EMAIL;TYPE=HOME:sam.rivera@gmail.example\r\nTEL;TYPE=CELL:+1 512 555 0100\r\n"
    "BDAY:1990-04-03\r\nNOTE:My own card\r\nEND:VCARD\r\n"
)


def test_your_own_phone_card_is_queued_with_you_not_merged_or_added_silently(session, workspace):
    me = f.person(session, workspace.id, "Sam Rivera", given_name="Sam", family_name="Rivera",
                  birthday=date(1990, 4, 3), is_me=True)  # fmt: skip

    report = run(session, workspace.id, Upload("phone.vcf", MY_CARD.encode()))

    ((row),) = report.rows
    assert (row.outcome.value, row.detail) == (
        "suggested", "may be you: names 75% alike; same birthday",
    )  # fmt: skip
    found = by_id(session, workspace.id)
    assert found[me.id].emails == [] and found[me.id].is_me
    (card,) = set(found) - {me.id}
    assert not found[card].is_me
    assert queued(session, workspace.id) == {pair(me.id, card)}
