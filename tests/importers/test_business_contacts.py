"""A company's contact (a row or card without a person's name, named after its
organization: "Acme Corp" and its switchboard) is no person: sharing its phone number or
e-mail address with a named person is asked about, never merged, whatever the order of the
files and whether they come in one import or two; the duplicates scan says the same. Two
contacts of one organization still merge, and so does a record known only by its e-mail
address. On SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

import factories as f
from goodword.duplicates import service as duplicates
from goodword.duplicates.models import DuplicateCandidate
from goodword.importers.records import Upload
from goodword.importers.report import ImportReport, Outcome
from goodword.importers.service import import_files
from goodword.people import service as people
from goodword.people.models import Person
from goodword.people.schemas import PositionCreate

TODAY = date(2026, 11, 26)

# The company row of a Google Contacts export (the review's google_contacts.csv, line 7).
GOOGLE = Upload(
    "google_contacts.csv",
    b"First Name,Middle Name,Last Name,Organization Name,Organization Title,Labels,"
    b"E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value\n"
    b"Tom,,Nguyen,,,* myContacts,* Other,tom@example.org,Mobile,(415) 555-0100\n"
    b",,,Acme Corp,,* myContacts,,,Work,+1 212 555 0199\n",
)
# Two colleagues on that switchboard (the review's shared_switchboard.vcf).
SWITCHBOARD = Upload(
    "shared_switchboard.vcf",
    b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Karen Ito\r\nN:Ito;Karen;;;\r\nORG:Initrode\r\n"
    b"TEL;TYPE=WORK:+1 212 555 0199\r\nEND:VCARD\r\n"
    b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Luis Vega\r\nN:Vega;Luis;;;\r\nORG:Initrode\r\n"
    b"TEL;TYPE=WORK:+1 212 555 0199\r\nEND:VCARD\r\n",
)
COMPANY = "same phone number (+1 212-555-0199), but one is a company's contact"
NAMES = "same phone number (+1 212-555-0199), but the names differ"


def run(session: Session, workspace_id: int, *found: Upload) -> ImportReport:
    return import_files(
        session, workspace_id=workspace_id, paths_or_uploads=list(found), today=TODAY
    )


def card(*lines: str) -> bytes:
    return "".join(
        f"{line}\r\n" for line in ["BEGIN:VCARD", "VERSION:3.0", *lines, "END:VCARD"]
    ).encode()


def everyone(session: Session, workspace_id: int) -> dict[str, Person]:
    session.expire_all()
    found = session.scalars(
        select(Person).where(Person.workspace_id == workspace_id).options(*people.with_details())
    )
    return {p.display_name: p for p in found}


def jobs(person: Person) -> list[tuple[str, bool]]:
    return sorted((p.organization.name, p.is_current) for p in person.positions)


def queued(session: Session, workspace_id: int) -> list[tuple[frozenset[str], tuple[str, ...]]]:
    names = {p.id: p.display_name for p in everyone(session, workspace_id).values()}
    found = session.scalars(
        select(DuplicateCandidate).where(DuplicateCandidate.workspace_id == workspace_id)
    )
    pairs = [
        (frozenset({names[c.person_a_id], names[c.person_b_id]}), tuple(c.reasons)) for c in found
    ]
    return sorted(pairs, key=lambda pair: (sorted(pair[0]), pair[1]))


@pytest.mark.parametrize("together", [True, False], ids=["one import", "two imports"])
@pytest.mark.parametrize("google_first", [True, False], ids=["google first", "vcard first"])
def test_a_company_contact_and_the_people_on_its_switchboard_are_only_suggested(
    session, workspace, google_first, together
):
    files = [GOOGLE, SWITCHBOARD] if google_first else [SWITCHBOARD, GOOGLE]
    if together:
        reports = [run(session, workspace.id, *files)]
    else:
        reports = [run(session, workspace.id, found) for found in files]
    rows = {row.name: row for report in reports for row in report.rows}
    assert sum(report.counts["merged"] for report in reports) == 0
    # Nobody renamed, nobody's job changed: three people, each as their file says.
    found = everyone(session, workspace.id)
    assert sorted(found) == ["Acme Corp", "Karen Ito", "Luis Vega", "Tom Nguyen"]
    assert (found["Acme Corp"].given_name, found["Acme Corp"].family_name) == (None, None)
    assert jobs(found["Acme Corp"]) == [("Acme Corp", True)]
    assert jobs(found["Karen Ito"]) == [("Initrode", True)]
    assert jobs(found["Luis Vega"]) == [("Initrode", True)]
    for name in ("Acme Corp", "Karen Ito", "Luis Vega"):
        assert [p.number for p in found[name].phones] == ["+12125550199"]
    # Whoever came second is asked about, with the company named as the reason.
    # (The row names whom: a record of this import by its line, anyone else by their id.)
    if google_first:
        karen = rows["Karen Ito"]
        assert (karen.outcome, karen.detail.split(": ", 1)[1]) == (Outcome.SUGGESTED, COMPANY)
        assert karen.detail.startswith("may be Acme Corp (")
        assert rows["Luis Vega"].outcome is Outcome.SUGGESTED
    else:
        acme = rows["Acme Corp"]
        assert (acme.outcome, acme.detail.split(": ", 1)[1]) == (Outcome.SUGGESTED, COMPANY)
        assert acme.detail.startswith("may be Karen Ito (")
        assert " or Luis Vega (" in acme.detail
    # Each record is queued with everyone who had the number before it, whatever the order.
    assert queued(session, workspace.id) == [
        (frozenset({"Acme Corp", "Karen Ito"}), (COMPANY,)),
        (frozenset({"Acme Corp", "Luis Vega"}), (COMPANY,)),
        (frozenset({"Karen Ito", "Luis Vega"}), (NAMES,)),
    ]


@pytest.mark.parametrize("company_first", [True, False], ids=["company first", "person first"])
def test_a_company_contact_with_a_persons_e_mail_address_is_only_suggested(
    session, workspace, company_first
):
    hana = card("FN:Hana Novak", "N:Novak;Hana;;;", "ORG:Amber Bank", "EMAIL:hana@amber.example")
    bank = card("ORG:Amber Bank", "EMAIL:hana@amber.example")
    report = run(
        session, workspace.id, Upload("cards.vcf", bank + hana if company_first else hana + bank)
    )
    assert report.counts["merged"] == 0 and report.counts["suggested"] == 1
    found = everyone(session, workspace.id)
    assert sorted(found) == ["Amber Bank", "Hana Novak"]
    assert (found["Hana Novak"].given_name, found["Hana Novak"].family_name) == ("Hana", "Novak")
    reason = "same e-mail address (hana@amber.example), but one is a company's contact"
    assert queued(session, workspace.id) == [(frozenset(found), (reason,))]


def test_two_contacts_of_one_company_still_merge_but_not_with_a_colleague(session, workspace):
    # The vCard's company card (no name: named after its organization) is the Google row's
    # company; Karen, on the same number, is asked about.
    company = Upload("company.vcf", card("ORG:Acme Corporation", "TEL;TYPE=WORK:+1 212 555 0199"))
    karen = Upload(
        "karen.vcf",
        card("FN:Karen Ito", "N:Ito;Karen;;;", "ORG:Initrode", "TEL:+1 212 555 0199"),
    )
    report = run(session, workspace.id, GOOGLE, company, karen)
    merged = report.of(Outcome.MERGED)
    assert [(row.file, row.detail.split(" — ")[0]) for row in merged] == [
        ("company.vcf", "same phone number (+1 212-555-0199)")
    ]
    found = everyone(session, workspace.id)
    assert sorted(found) == ["Acme Corp", "Karen Ito", "Tom Nguyen"]
    assert jobs(found["Karen Ito"]) == [("Initrode", True)]
    assert queued(session, workspace.id) == [(frozenset({"Acme Corp", "Karen Ito"}), (COMPANY,))]


def test_a_record_known_only_by_its_e_mail_address_still_merges_with_its_person(session, workspace):
    # The nameless card shares Karen's address (so it is hers) and the company's number
    # (which it brings her: she can be reached there).
    found = Upload(
        "cards.vcf",
        card("FN:Karen Ito", "N:Ito;Karen;;;", "ORG:Initrode", "EMAIL:karen@initrode.example")
        + card("ORG:Initrode", "TEL:+1 212 555 0199")
        + card("EMAIL:karen@initrode.example", "TEL:+1 212 555 0199"),
    )
    report = run(session, workspace.id, found)
    (merged,) = report.of(Outcome.MERGED)
    assert merged.detail.startswith("same e-mail address (karen@initrode.example)")
    people_now = everyone(session, workspace.id)
    assert sorted(people_now) == ["Initrode", "Karen Ito"]
    assert sorted(p.number for p in people_now["Karen Ito"].phones) == ["+12125550199"]
    assert queued(session, workspace.id) == []


def test_a_person_is_not_merged_into_a_company_through_a_nameless_card(session, workspace):
    # The nameless card goes to the company (its number), bringing Karen's address; Karen's
    # own card, with that address, is still only a suggestion.
    found = Upload(
        "cards.vcf",
        card("ORG:Acme Corp", "TEL:+1 212 555 0199")
        + card("EMAIL:karen@acme.example", "TEL:+1 212 555 0199")
        + card("FN:Karen Ito", "N:Ito;Karen;;;", "EMAIL:karen@acme.example"),
    )
    report = run(session, workspace.id, found)
    assert [row.outcome for row in report.rows] == [
        Outcome.CREATED, Outcome.MERGED, Outcome.SUGGESTED,
    ]  # fmt: skip
    assert report.rows[2].detail == (
        "may be Acme Corp (cards.vcf, line 1): "
        "same e-mail address (karen@acme.example), but one is a company's contact"
    )
    people_now = everyone(session, workspace.id)
    assert sorted(people_now) == ["Acme Corp", "Karen Ito"]
    acme = people_now["Acme Corp"]
    assert (acme.given_name, acme.family_name) == (None, None)


def test_the_duplicates_scan_asks_about_a_company_contact_and_merges_one_company(
    session, workspace
):
    def contact(name: str, organization: str, **fields: object) -> Person:
        found = f.person(session, workspace.id, name, phones=["+1 212 555 0199"], **fields)
        people.add_position(
            session, workspace_id=workspace.id, person_id=found.id,
            data=PositionCreate(organization_name=organization),
        )  # fmt: skip
        return found

    acme = contact("Acme Corp", "Acme Corp")
    again = contact("Acme Corporation", "Acme Corp")
    karen = contact("Karen Ito", "Initrode", given_name="Karen", family_name="Ito")
    result = duplicates.find_duplicates(session, workspace_id=workspace.id, auto_merge=True)
    assert [(m.survivor_id, m.absorbed_name) for m in result.merged] == [
        (acme.id, "Acme Corporation")
    ]
    assert again.id not in {p.id for p in everyone(session, workspace.id).values()}
    (candidate,) = session.scalars(
        select(DuplicateCandidate).where(DuplicateCandidate.workspace_id == workspace.id)
    ).all()
    assert {candidate.person_a_id, candidate.person_b_id} == {acme.id, karen.id}
    assert candidate.reasons == [COMPANY]
    assert jobs(everyone(session, workspace.id)["Karen Ito"]) == [("Initrode", True)]


def test_a_record_like_two_people_for_two_reasons_says_each_one_s(session, workspace):
    connections = Upload(
        "Connections.csv",
        b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        b"Karen,Ito,https://www.linkedin.com/in/karenito,,Initrode,Buyer,12 Mar 2024\n",
    )
    run(session, workspace.id, GOOGLE, connections)
    report = run(session, workspace.id, Upload("phone.vcf", card(
        "FN:Karen Ito", "N:Ito;Karen;;;", "TEL;TYPE=WORK:+1 212 555 0199"
    )))  # fmt: skip
    (row,) = report.rows
    assert row.outcome is Outcome.SUGGESTED
    assert row.detail.startswith("may be ")
    whom = row.detail.removeprefix("may be ").split(" or ")
    ids = dict(
        session.execute(
            select(Person.display_name, func.min(Person.id))
            .where(Person.workspace_id == workspace.id)
            .group_by(Person.display_name)
        ).all()
    )
    acme, karen = ids["Acme Corp"], ids["Karen Ito"]  # (Karen: the connection, made first)
    assert sorted(whom) == sorted(
        [f"Acme Corp (person {acme}) ({COMPANY})", f"Karen Ito (person {karen}) (names 100% alike)"]
    )


def test_two_cards_with_ids_of_their_own_on_one_number_are_two_people_asked_about(
    session, workspace
):
    # (A couple's landline, a switchboard: each card has its UID, as phones write them.)
    report = run(session, workspace.id, Upload("phone.vcf", card(
        "UID:a-1", "FN:Raj Nowak", "N:Nowak;Raj;;;", "TEL:+1 415 555 1999",
    ) + card("UID:a-2", "FN:Noah Tanaka", "N:Tanaka;Noah;;;", "TEL:+1 415 555 1999")))  # fmt: skip
    reason = "same phone number (+1 415-555-1999), but the names differ"
    assert [row.outcome for row in report.rows] == [Outcome.CREATED, Outcome.SUGGESTED]
    assert report.rows[1].detail == f"may be Raj Nowak (phone.vcf, line 1): {reason}"
    assert queued(session, workspace.id) == [(frozenset({"Raj Nowak", "Noah Tanaka"}), (reason,))]
    (pair,) = session.scalars(select(DuplicateCandidate)).all()
    assert pair.score < 0.5  # (not "100% alike" at the top of the queue)


def test_a_crm_row_with_only_its_organization_s_own_address_is_the_company_s_contact(
    session, workspace
):
    crm = Upload(
        "crm.csv",
        b"Email,Phone,Company\nfrontdesk@acme.example,+1 212 555 0199,Acme Robotics\n",
    )
    first = import_files(
        session,
        workspace_id=workspace.id,
        paths_or_uploads=[crm],
        today=TODAY,
        mapping="email=Email,phone=Phone,org=Company",
    )
    first_row = first.rows[0]
    assert first_row.name == "Acme Robotics"
    assert first_row.outcome is Outcome.CREATED
    report = run(session, workspace.id, Upload("karen.vcf", card(
        "FN:Karen Ito", "N:Ito;Karen;;;", "ORG:Acme Robotics", "TEL;TYPE=WORK:+1 212 555 0199"
    )))  # fmt: skip
    (row,) = report.rows
    assert row.outcome is Outcome.SUGGESTED
    assert row.detail.endswith(COMPANY)
    found = everyone(session, workspace.id)
    assert sorted(found) == ["Acme Robotics", "Karen Ito"]
    assert [e.address for e in found["Karen Ito"].emails] == []
