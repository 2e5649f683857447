"""A scan keeps apart what an import kept apart: two people who are each only a row of one
Connections.csv of one import, with a profile each, are two members and not compared; a key
they share, another record of theirs, another file or another import still counts, as in
the import (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

import factories as f
from goodword.duplicates import service as duplicates
from goodword.duplicates.models import DuplicateCandidate
from goodword.importers.models import ImportRun
from goodword.importers.records import Upload
from goodword.importers.report import ImportReport
from goodword.importers.service import import_files
from goodword.people.models import Person
from goodword.workspaces.models import Workspace

TODAY = date(2026, 11, 25)
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
URL = "https://www.linkedin.com/in/"
SMITHS = [
    f"John,Smith,{URL}jsmith1,,Acme,Sales,01 Mar 2020",
    f"John,Smith,{URL}jsmith2,,Globex,Engineer,01 Mar 2021",
]


def run(session: Session, workspace: Workspace, *files: tuple[str, str]) -> ImportReport:
    return import_files(
        session,
        workspace_id=workspace.id,
        paths_or_uploads=[Upload(name, text.encode()) for name, text in files],
        today=TODAY,
    )


def connections(*rows: str) -> str:
    return HEADER + "".join(f"{row}\n" for row in rows)


def scanned_pairs(session: Session, workspace: Workspace) -> list[set[str]]:
    """Empty the queue, scan, and give the pairs queued, by the names and profiles."""
    session.execute(delete(DuplicateCandidate))
    duplicates.find_duplicates(session, workspace_id=workspace.id)

    def shown(person_id: int) -> str:
        person = session.get(Person, person_id)
        assert person is not None
        slug = next((u.url.rpartition("/")[2] for u in person.urls), "no profile")
        return f"{person.display_name} ({slug})"

    return [
        {shown(pair.person_a_id), shown(pair.person_b_id)}
        for pair in session.scalars(select(DuplicateCandidate).order_by(DuplicateCandidate.id))
    ]


def test_two_rows_of_one_file_with_a_profile_each_are_not_compared_by_a_scan(session, workspace):
    report = run(session, workspace, ("Connections.csv", connections(*SMITHS)))
    assert report.counts["created"] == 2 and report.candidates_created == 0

    assert scanned_pairs(session, workspace) == []


def test_a_row_without_a_profile_is_still_compared_by_a_scan(session, workspace):
    # As by the import: a row without a profile may be anyone's.
    run(session, workspace, ("Connections.csv", connections(
        *SMITHS, "John,Smith,,,Initech,Engineer,01 Mar 2022"
    )))  # fmt: skip

    assert scanned_pairs(session, workspace) == [
        {"John Smith (jsmith1)", "John Smith (no profile)"},
        {"John Smith (jsmith2)", "John Smith (no profile)"},
    ]


def test_a_shared_e_mail_address_is_still_asked_about_by_a_scan(session, workspace):
    run(session, workspace, ("Connections.csv", connections(
        f"Sam,Reed,{URL}samreed,team@acme.example,Acme,Engineer,01 Jan 2025",
        f"Sam,Reed,{URL}sam-reed-2,team@acme.example,Acme,Engineer,02 Jan 2025",
    )))  # fmt: skip

    assert scanned_pairs(session, workspace) == [{"Sam Reed (samreed)", "Sam Reed (sam-reed-2)"}]


def test_rows_of_two_files_or_two_imports_are_still_compared_by_a_scan(session, workspace):
    run(
        session,
        workspace,
        ("Connections.csv", connections(SMITHS[0])),
        ("older/Connections.csv", connections(SMITHS[1])),
    )
    assert scanned_pairs(session, workspace) == [{"John Smith (jsmith1)", "John Smith (jsmith2)"}]

    run(session, workspace, ("Connections.csv", connections(
        f"John,Smith,{URL}jsmith3,,Hooli,Engineer,01 Mar 2023"
    )))  # fmt: skip
    assert len(scanned_pairs(session, workspace)) == 3


def test_someone_with_a_record_of_another_source_is_compared_by_a_scan(session, workspace):
    run(session, workspace, ("Connections.csv", connections(*SMITHS)))
    # His card from a phone, found by his profile: he is no longer only a row of the list.
    card = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:John Smith\r\nN:Smith;John;;;\r\n"
        f"URL:{URL}jsmith1\r\nBDAY:1980-04-02\r\nEND:VCARD\r\n"
    )
    report = run(session, workspace, ("phone.vcf", card))
    assert report.counts["merged"] == 1

    assert scanned_pairs(session, workspace) == [{"John Smith (jsmith1)", "John Smith (jsmith2)"}]


def test_someone_added_by_hand_is_compared_with_the_rows_of_a_list(session, workspace):
    run(session, workspace, ("Connections.csv", connections(*SMITHS)))
    f.person(session, workspace.id, "John Smith")

    pairs = scanned_pairs(session, workspace)

    assert sorted(pairs, key=sorted) == [
        {"John Smith (jsmith1)", "John Smith (no profile)"},
        {"John Smith (jsmith2)", "John Smith (no profile)"},
    ]


def test_a_file_named_otherwise_is_known_by_its_kept_import(session, workspace):
    run(session, workspace, ("my network.csv", connections(*SMITHS)))
    assert scanned_pairs(session, workspace) == []

    # (Only a kept import says which of its files was read as LinkedIn connections.)
    session.execute(delete(ImportRun))
    assert scanned_pairs(session, workspace) == [{"John Smith (jsmith1)", "John Smith (jsmith2)"}]


def test_a_connections_csv_is_known_by_its_name_once_its_import_is_not_kept(session, workspace):
    run(session, workspace, ("Archive/Connections.csv", connections(*SMITHS)))
    session.execute(delete(ImportRun))

    assert scanned_pairs(session, workspace) == []
