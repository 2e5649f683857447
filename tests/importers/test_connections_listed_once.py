"""LinkedIn lists each of your connections once in a Connections.csv: two of its rows with two
profiles are two members, however alike their names, never queued as a pair (SQLite and
PostgreSQL). Rows of two files, or of two imports, are still compared."""

from __future__ import annotations

import random
from datetime import date

from sqlalchemy import select

from goodword.duplicates.models import DuplicateCandidate
from goodword.importers.records import Upload
from goodword.importers.report import ImportReport, Outcome
from goodword.importers.service import import_files
from goodword.people.models import Person

TODAY = date(2026, 11, 28)
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
URL = "https://www.linkedin.com/in/"
NAMES = [("John", "Smith"), ("Jane", "Smith"), ("Maria", "Garcia"), ("Wei", "Wang"),
         ("Anna", "Lee"), ("David", "Lee")]  # fmt: skip
EMPLOYERS = ["Acme", "Globex", "Initech", "Hooli"]


def connections(rows: list[str], name: str = "Connections.csv") -> Upload:
    return Upload(name, (HEADER + "".join(f"{row}\n" for row in rows)).encode())


def crowd(count: int) -> list[str]:
    """`count` rows of a handful of names, each row a profile of its own, at four employers."""
    rng = random.Random(29)
    rows = []
    for number in range(count):
        given, family = NAMES[number % len(NAMES)]
        slug = f"{given}-{family}-{number}".lower()
        rows.append(f"{given},{family},{URL}{slug},,{rng.choice(EMPLOYERS)},Engineer,01 Jan 2025")
    return rows


def run(session, workspace_id: int, *uploads: Upload) -> ImportReport:
    return import_files(
        session, workspace_id=workspace_id, paths_or_uploads=list(uploads), today=TODAY
    )


def pairs(session) -> list[DuplicateCandidate]:
    return list(session.scalars(select(DuplicateCandidate)).all())


def test_a_file_of_a_few_names_each_with_profiles_of_their_own_queues_no_pairs(session, workspace):
    report = run(session, workspace.id, connections(crowd(300)))
    assert report.counts == {**report.counts, "created": 300, "suggested": 0, "merged": 0}
    assert pairs(session) == []
    # A newer export of the same connections: unchanged, nothing asked.
    again = run(session, workspace.id, connections(crowd(300)))
    assert {r.outcome for r in again.rows} == {Outcome.UNCHANGED}
    assert pairs(session) == []


def test_names_alike_in_one_file_are_two_members_not_asked_about(session, workspace):
    report = run(
        session,
        workspace.id,
        connections([
            f"Bob,Stone,{URL}bobstone,,Hooli,Designer,03 Jan 2025",
            f"Robert,Stone,{URL}robertstone,,Hooli,Designer,04 Jan 2025",
            f"Cher,,{URL}cher1,,Hooli,Singer,07 Jan 2025",
            f"Cher,,{URL}cher2,,Hooli,Singer,08 Jan 2025",
        ]),
    )  # fmt: skip
    assert {r.outcome for r in report.rows} == {Outcome.CREATED}
    assert pairs(session) == []


def test_two_rows_of_one_file_sharing_an_e_mail_address_are_asked_about_never_merged(
    session, workspace
):
    # A shared address (a team's inbox given by two members) is no reason to fold two
    # LinkedIn members into one; the user is asked, as before.
    report = run(
        session,
        workspace.id,
        connections([
            f"Sam,Reed,{URL}samreed,team@acme.example,Acme,Engineer,01 Jan 2025",
            f"Sam,Reed,{URL}sam-reed-2,team@acme.example,Acme,Engineer,02 Jan 2025",
        ]),
    )  # fmt: skip
    assert [r.outcome for r in report.rows] == [Outcome.CREATED, Outcome.SUGGESTED]
    assert "same e-mail address (team@acme.example)" in report.rows[1].detail
    (pair,) = pairs(session)
    assert {pair.person_a_id, pair.person_b_id} == {r.person_id for r in report.rows}


def test_the_same_profile_twice_in_one_file_is_still_one_person(session, workspace):
    row = f"Ana,Ruiz,{URL}ana-ruiz,,Acme,Engineer,01 Jan 2025"
    report = run(session, workspace.id, connections([row, row.replace("Engineer", "Lead")]))
    assert [r.outcome for r in report.rows] == [Outcome.CREATED, Outcome.MERGED]
    assert pairs(session) == []


def test_rows_of_two_files_in_one_import_are_still_asked_about(session, workspace):
    # An older and a newer export in one import, both named Connections.csv: the member
    # renamed their profile's address in between, so each file lists them once.
    old = connections([f"Jane,Smith,{URL}jsmith123,,Hooli,PM,01 Jan 2025"])
    new = connections([f"Jane,Smith,{URL}jane-smith,,Hooli,PM,01 Jan 2025"])
    report = run(session, workspace.id, old, new)
    assert [r.outcome for r in report.rows] == [Outcome.CREATED, Outcome.SUGGESTED]
    (pair,) = pairs(session)
    janes = session.scalars(select(Person.id).where(Person.workspace_id == workspace.id)).all()
    assert {pair.person_a_id, pair.person_b_id} == set(janes)


def test_a_crowd_in_one_file_is_still_compared_with_the_people_already_here(session, workspace):
    # A John Smith already here (from a phone card) is asked about with each John Smith
    # of the file that may be him; the file's rows are not asked about with each other.
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:John Smith\r\nN:Smith;John;;;\r\nEND:VCARD\r\n"
    run(session, workspace.id, Upload("phone.vcf", card.encode()))
    (known,) = session.scalars(select(Person.id)).all()
    report = run(session, workspace.id, connections(crowd(60)))
    johns = [r for r in report.rows if r.name == "John Smith"]
    assert len(johns) == 10 and {r.outcome for r in johns} == {Outcome.SUGGESTED}
    assert all(known in (p.person_a_id, p.person_b_id) for p in pairs(session))
    assert len(pairs(session)) == 10
