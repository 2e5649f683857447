"""Nothing a contact file says is dropped: a job title without an organization (Google, LinkedIn
Connections, a mapped CSV), a one-line address and the legacy Google columns, several
addresses or numbers in one mapped cell, two columns of one name, and what a LinkedIn
recommendation says (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from goodword.importers.records import REFERENCE_TAG, Upload
from goodword.importers.report import ImportReport, Outcome
from goodword.importers.service import import_files
from goodword.people import service as people
from goodword.people.models import Person
from goodword.workspaces.models import Workspace

TODAY = date(2026, 11, 25)
CONNECTIONS = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
RECOMMENDATIONS = "First Name,Last Name,Company,Job Title,Text,Creation Date,Status\r\n"


def run(
    session: Session, workspace: Workspace, *uploads: Upload, mapping: str | None = None
) -> ImportReport:
    return import_files(
        session,
        workspace_id=workspace.id,
        paths_or_uploads=list(uploads),
        mapping=mapping,
        today=TODAY,
    )


def everyone(session: Session, workspace: Workspace) -> dict[str, Person]:
    session.expire_all()
    found = session.scalars(
        select(Person).where(Person.workspace_id == workspace.id).options(*people.with_details())
    )
    return {p.display_name: p for p in found}


def connection(first: str, last: str, company: str, position: str) -> str:
    profile = f"https://www.linkedin.com/in/{first}{last}".lower()
    return f"{first},{last},{profile},,{company},{position},01 Jan 2024\r\n"


@pytest.mark.parametrize(
    ("upload", "mapping"),
    [
        (
            Upload(
                "contacts.csv",
                b"First Name,Last Name,E-mail 1 - Value,Organization Name,Organization Title\n"
                b"Ola,Nordmann,ola@example.no,,Head of Talent\n",
            ),
            None,
        ),
        (
            Upload(
                "Connections.csv",
                (CONNECTIONS + connection("Ola", "Nordmann", "", "Head of Talent")).encode(),
            ),
            None,
        ),
        (
            Upload("crm.csv", b"Name,Title,Company\nOla Nordmann,Head of Talent,\n"),
            "name=Name,title=Title,org=Company",
        ),
    ],
    ids=["google", "linkedin", "mapped"],
)
def test_a_job_title_without_an_organization_is_kept_in_the_notes(
    session, workspace, upload, mapping
):
    run(session, workspace, upload, mapping=mapping)
    ola = everyone(session, workspace)["Ola Nordmann"]
    assert ola.notes == "Job title: Head of Talent"
    assert ola.positions == []


def test_a_connection_s_title_alone_is_not_added_again_and_a_newer_one_is_added(session, workspace):
    first = CONNECTIONS + connection("Per", "Holm", "", "Freelance UX designer")
    run(session, workspace, Upload("Connections.csv", first.encode()))
    again = run(session, workspace, Upload("Connections.csv", first.encode()))
    assert again.counts["unchanged"] == 1
    assert everyone(session, workspace)["Per Holm"].notes == "Job title: Freelance UX designer"

    newer = CONNECTIONS + connection("Per", "Holm", "", "UX lead (freelance)")
    report = run(session, workspace, Upload("Connections.csv", newer.encode()))
    (row,) = report.rows
    assert (row.outcome, row.detail) == (Outcome.UPDATED, "notes added")
    # An import never rewrites notes: the newer title is added after the one it replaces.
    per = everyone(session, workspace)["Per Holm"]
    assert per.notes == "Job title: Freelance UX designer\n\nJob title: UX lead (freelance)"

    hired = CONNECTIONS + connection("Per", "Holm", "Acme", "Designer")
    run(session, workspace, Upload("Connections.csv", hired.encode()))
    per = everyone(session, workspace)["Per Holm"]
    assert [(p.organization.name, p.title, p.is_current) for p in per.positions] == [
        ("Acme", "Designer", True)
    ]


def test_linkedin_member_is_no_connection(session, workspace):
    rows = CONNECTIONS + "LinkedIn,Member,,,,,01 Jan 2024\r\n" + connection("Ola", "Lie", "", "")
    report = run(session, workspace, Upload("Connections.csv", rows.encode()))
    assert set(everyone(session, workspace)) == {"Ola Lie"}
    (skipped,) = report.of(Outcome.SKIPPED)
    assert (skipped.line, skipped.detail) == (
        2,
        "a hidden account (LinkedIn shows it as 'LinkedIn Member'), not a name",
    )


def test_a_recommendation_s_text_and_date_are_kept_and_its_job_is_not_made_current(
    session, workspace
):
    received = Upload(
        "Recommendations_Received.csv",
        (
            RECOMMENDATIONS + 'Hugo,Lambert,Amber Bank,Team Lead,"Great teammate.\n\nRecommended.",'
            '"12/20/21, 09:00 AM",VISIBLE\r\n'
        ).encode(),
    )
    given = Upload(
        "Recommendations_Given.csv",
        (RECOMMENDATIONS + 'Jo,Park,,,"Jo is great","10/15/23, 09:00 AM",VISIBLE\r\n').encode(),
    )
    run(session, workspace, received, given)
    found = everyone(session, workspace)
    hugo, jo = found["Hugo Lambert"], found["Jo Park"]
    assert hugo.notes == (
        "Recommendation received on 20 Dec 2021 (then Team Lead at Amber Bank):\n"
        "Great teammate.\n\nRecommended."
    )
    assert hugo.positions == []
    assert REFERENCE_TAG in hugo.tags
    assert jo.notes == "Recommendation given on 15 Oct 2023:\nJo is great"

    again = run(session, workspace, received, given)
    assert again.counts["created"] == 0
    assert everyone(session, workspace)["Hugo Lambert"].notes == hugo.notes


def test_a_recommendation_adds_to_the_notes_of_a_connection_once(session, workspace):
    connections = Upload(
        "Connections.csv", (CONNECTIONS + connection("Anita", "Nayak", "Kestrel", "CTO")).encode()
    )
    received = Upload(
        "Recommendations_Received.csv",
        (
            RECOMMENDATIONS + 'Anita,Nayak,Kestrel,Analyst,"Rigorous.","03/14/24, 10:00 AM",\r\n'
        ).encode(),
    )
    run(session, workspace, connections)
    report = run(session, workspace, received)
    assert [(r.outcome, r.detail) for r in report.rows] == [
        (Outcome.UPDATED, "notes added; tags added: reference candidate")
    ]
    anita = everyone(session, workspace)["Anita Nayak"]
    assert (
        anita.notes
        == "Recommendation received on 14 Mar 2024 (then Analyst at Kestrel):\nRigorous."
    )
    # Her job now (the connection's) stays her only one, and current.
    assert [(p.title, p.is_current) for p in anita.positions] == [("CTO", True)]
    run(session, workspace, received)
    assert everyone(session, workspace)["Anita Nayak"].notes == anita.notes


def test_a_recommendation_read_before_the_connection_in_one_import_is_that_connection(
    session, workspace
):
    received = Upload(
        "Recommendations_Received.csv",
        (
            RECOMMENDATIONS + 'Anita,Nayak,Kestrel,Analyst,"Rigorous.","03/14/24, 10:00 AM",\r\n'
        ).encode(),
    )
    connections = Upload(
        "Connections.csv", (CONNECTIONS + connection("Anita", "Nayak", "Kestrel", "CTO")).encode()
    )
    report = run(session, workspace, received, connections)
    assert sorted((r.file, r.outcome) for r in report.rows) == [
        ("Connections.csv", Outcome.CREATED),
        ("Recommendations_Received.csv", Outcome.MERGED),
    ]
    (anita,) = everyone(session, workspace).values()
    assert anita.notes is not None and anita.notes.endswith("Rigorous.")
    assert [(p.title, p.is_current) for p in anita.positions] == [("CTO", True)]


GOOGLE_ADDRESS = (
    "First Name,Last Name,E-mail 1 - Value,Address 1 - Label,Address 1 - Formatted,"
    "Address 1 - Street,Address 1 - City,Address 1 - Region,Address 1 - Country\n"
    'Helen,Okoro,helen@example.org,Home,"221B Baker Street\nLondon NW1 6XE\nUK",'
    '"221B Baker Street\nLondon NW1 6XE\nUK",,,\n'
    "Sam,Reed,sam@example.org,Home,,12 High St,Leeds,,UK\n"
)


def test_a_google_address_typed_as_one_line_is_kept_in_the_notes(session, workspace):
    run(session, workspace, Upload("contacts.csv", GOOGLE_ADDRESS.encode()))
    found = everyone(session, workspace)
    helen, sam = found["Helen Okoro"], found["Sam Reed"]
    assert (helen.location, helen.notes) == (
        None,
        "Home address: 221B Baker Street, London NW1 6XE, UK",
    )
    # A street beside a place is kept too (the place is where they are).
    assert (sam.location, sam.notes) == ("Leeds, UK", "Home address: 12 High St, Leeds, UK")


LEGACY = (
    "Name,Given Name,Family Name,Maiden Name,Location,Occupation,Group Membership,"
    "E-mail 1 - Type,E-mail 1 - Value,Address 1 - Type,Address 1 - City,Address 1 - Country,"
    "Organization 1 - Type,Organization 1 - Name,Organization 1 - Title\n"
    "Mary Ann Lee,Mary Ann,Lee,Chen,NYC,Engineer,* myContacts,Home,mary@example.org,,,,,,\n"
    "Kofi Mensah,Kofi,Mensah,,Accra,Surgeon,* myContacts,Work,kofi@example.org,Work,Kumasi,"
    "Ghana,Work,Korle Bu,\n"
    "Ama Boateng,Ama,Boateng,,,Nurse,* myContacts,Work,ama@example.org,,,,Work,Ridge,Matron\n"
)


def test_google_legacy_location_maiden_name_and_occupation_are_kept(session, workspace):
    # Google writes its legacy form in UTF-16.
    run(session, workspace, Upload("contacts.csv", LEGACY.encode("utf-16")))
    found = everyone(session, workspace)
    mary, kofi, ama = found["Mary Ann Lee"], found["Kofi Mensah"], found["Ama Boateng"]
    assert (mary.location, mary.notes) == ("NYC", "Job title: Engineer\nMaiden name: Chen")
    assert (kofi.location, kofi.notes) == ("Kumasi, Ghana", "Location: Accra")
    assert [(p.organization.name, p.title) for p in kofi.positions] == [("Korle Bu", "Surgeon")]
    assert ama.notes == "Occupation: Nurse"
    assert [(p.organization.name, p.title) for p in ama.positions] == [("Ridge", "Matron")]


def test_a_mapped_cell_of_several_addresses_or_numbers_keeps_each(session, workspace):
    text = (
        "ID;Full Name;Email;Phone\r\n"
        '101;Jane Berg;"jane@berg.nl; jane.vdberg@gmail.com";+31 6 12345678 / +31 20 1234567\r\n'
        '102;Ahmed Khan;ahmed@example.com, ahmed.k@work.example;"+44 20 7946 0000;ext=12"\r\n'
        "103;Lu Wei;lu@example.cn lu.wei@example.org;030/1234567\r\n"
        "104;Ola Lie;Ola <ola@example.no>;+47 22 12 34 56, +47 915 12 345\r\n"
        "105;Dan Four;dan@four.example (work);\r\n"
        "106;Fay Six;MAILTO:fay@six.example;\r\n"
        "107;Gus Seven;gus at seven dot example;\r\n"
        "108;Hal Eight;Hal <hal@eight.example> old;\r\n"
    )
    report = run(
        session,
        workspace,
        Upload("crm.csv", text.encode("utf-8-sig")),
        mapping="key=ID,name=Full Name,email=Email,phone=Phone",
    )
    found = everyone(session, workspace)

    def kept(name: str) -> tuple[list[str], list[str]]:
        person = found[name]
        return [e.address for e in person.emails], [p.number for p in person.phones]

    assert kept("Jane Berg") == (
        ["jane@berg.nl", "jane.vdberg@gmail.com"],
        ["+31612345678", "+31201234567"],
    )
    assert kept("Ahmed Khan")[0] == ["ahmed@example.com", "ahmed.k@work.example"]
    assert len(kept("Ahmed Khan")[1]) == 1  # the extension stays with its number
    assert kept("Lu Wei") == (["lu@example.cn", "lu.wei@example.org"], ["030/1234567"])
    # An address written with a name, a label or "mailto:" is kept; the cell too, when
    # it says more than the person's name; a label in brackets is the address's label.
    assert kept("Ola Lie") == (["ola@example.no"], ["+4722123456", "+4791512345"])
    assert found["Ola Lie"].notes is None
    assert kept("Dan Four")[0] == ["dan@four.example"]
    assert [e.label for e in found["Dan Four"].emails] == ["work"]  # (one form: "work")
    assert found["Dan Four"].notes is None
    assert found["Hal Eight"].notes == "E-mail written as: Hal <hal@eight.example> old"
    assert kept("Fay Six")[0] == ["fay@six.example"] and found["Fay Six"].notes is None
    assert kept("Gus Seven")[0] == []
    assert any("'gus at seven dot example' is not an e-mail address; not kept" in n
               for n in report.notes)  # fmt: skip


def test_two_mapped_columns_of_one_name_keep_both_values_or_say_so(session, workspace):
    text = "E-mail,Name,E-mail,Name\na@x.example,Al Lee,b@y.example,Alan Lee\n"
    report = run(
        session,
        workspace,
        Upload("dupcols.csv", text.encode()),
        mapping="email=E-mail,name=Name",
    )
    al = everyone(session, workspace)["Al Lee"]
    assert [e.address for e in al.emails] == ["a@x.example", "b@y.example"]
    assert any(
        "'Alan Lee' is a second name (another column of the same name); not kept" in note
        for note in report.notes
    )


def test_a_mapped_row_without_a_name_is_shown_by_its_address_organization_or_number(
    session, workspace
):
    text = (
        "ID,Name,Email,Company,Phone\r\n"
        "1,,,Acme Plumbing,+44 20 7946 0001\r\n"
        "2,,desk@acme.example,Acme Plumbing,\r\n"
        "3,,,,+44 20 7946 0003\r\n"
        "4,,,,\r\n"
    )
    report = run(
        session,
        workspace,
        Upload("crm.csv", text.encode()),
        mapping="key=ID,name=Name,email=Email,org=Company,phone=Phone",
    )
    found = everyone(session, workspace)
    assert sorted(found) == ["+44 20 7946 0003", "Acme Plumbing", "desk@acme.example"]
    assert [p.number for p in found["Acme Plumbing"].phones] == ["+442079460001"]
    assert [r.line for r in report.rows if r.outcome is Outcome.SKIPPED] == [5]
    skipped = next(r for r in report.rows if r.outcome is Outcome.SKIPPED)
    assert skipped.detail == "a row with no name, e-mail address, organization or phone number"
