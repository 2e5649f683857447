"""A scan with auto-merge follows the import's rules: two different records of one source
(two LinkedIn profiles, two vCard UIDs) are queued, never merged, and a pair whose merge
the user undid is asked about again, not merged again (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

import factories as f
from goodword.duplicates import merging
from goodword.duplicates import service as duplicates
from goodword.duplicates.models import CandidateStatus, DuplicateCandidate
from goodword.importers.records import Upload
from goodword.importers.report import ImportReport
from goodword.importers.service import import_files
from goodword.people import service as people
from goodword.people.models import Person
from goodword.workspaces.models import Workspace

TODAY = date(2026, 11, 25)
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def run(session: Session, workspace: Workspace, name: str, text: str) -> ImportReport:
    return import_files(
        session,
        workspace_id=workspace.id,
        paths_or_uploads=[Upload(name, text.encode())],
        today=TODAY,
    )


def open_pairs(session: Session, workspace: Workspace) -> list[set[int]]:
    return [
        {c.person_a_id, c.person_b_id}
        for c in session.scalars(
            select(DuplicateCandidate).where(
                DuplicateCandidate.workspace_id == workspace.id,
                DuplicateCandidate.status == CandidateStatus.OPEN,
            )
        )
    ]


@pytest.mark.parametrize("email", ["", "john@acme.example"])
def test_a_scan_queues_two_linkedin_profiles_instead_of_merging_them(session, workspace, email):
    rows = [
        f"John,Smith,https://www.linkedin.com/in/jsmith1,{email},Acme,Sales,01 Mar 2020\n",
        f"John,Smith,https://www.linkedin.com/in/jsmith2,{email},Acme,Engineer,01 Mar 2021\n",
    ]
    # (The import compares no two rows of one Connections.csv, nor does a scan: one file
    # holds both only when they share an e-mail address; else an older export holds one.)
    files = [("Connections.csv", rows)] if email else [
        ("Connections.csv", rows[1:]), ("older/Connections.csv", rows[:1])
    ]  # fmt: skip
    import_files(session, workspace_id=workspace.id, today=TODAY, paths_or_uploads=[
        Upload(name, (HEADER + "".join(lines)).encode()) for name, lines in files
    ])  # fmt: skip
    assert people.count(session, workspace_id=workspace.id) == 2
    session.execute(delete(DuplicateCandidate))

    result = duplicates.find_duplicates(session, workspace_id=workspace.id, auto_merge=True)

    assert result.merged == []
    assert people.count(session, workspace_id=workspace.id) == 2
    ids = set(session.scalars(select(Person.id).where(Person.workspace_id == workspace.id)))
    assert open_pairs(session, workspace) == [ids]


def test_a_scan_queues_two_vcard_uids_sharing_an_e_mail_address(session, workspace):
    cards = "".join(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Maria Garcia\r\nN:Garcia;Maria;;;\r\n"
        f"UID:{uid}\r\nEMAIL:maria@example.org\r\nEND:VCARD\r\n"
        for uid in ("card-one", "card-two")
    )
    run(session, workspace, "contacts.vcf", cards)
    assert people.count(session, workspace_id=workspace.id) == 2
    # The queue is emptied, as if the pair had never been asked about: the scan still asks.
    for candidate in session.scalars(select(DuplicateCandidate)):
        session.delete(candidate)
    session.flush()

    result = duplicates.find_duplicates(session, workspace_id=workspace.id, auto_merge=True)

    assert result.merged == [] and result.candidates_created == 1
    assert people.count(session, workspace_id=workspace.id) == 2


def test_a_scan_still_merges_records_of_different_sources(session, workspace):
    run(session, workspace, "Connections.csv", HEADER + (
        "Maria,Garcia,https://www.linkedin.com/in/mgarcia,maria@example.org,Acme,CTO,01 Mar 2020\n"
    ))  # fmt: skip
    f.person(session, workspace.id, "Maria Garcia", emails=["maria@example.org"])

    result = duplicates.find_duplicates(session, workspace_id=workspace.id, auto_merge=True)

    assert len(result.merged) == 1
    assert people.count(session, workspace_id=workspace.id) == 1


def test_a_scan_does_not_merge_again_a_pair_whose_merge_was_undone(session, workspace):
    ada = f.person(session, workspace.id, "Ada Lovelace", emails=["ada@x.example"])
    other = f.person(session, workspace.id, "Ada L.", emails=["ada@x.example"])
    record = merging.merge(
        session, workspace_id=workspace.id, survivor_id=ada.id, absorbed_id=other.id
    )
    restored = merging.undo_merge(session, workspace_id=workspace.id, merge_id=record.id)

    result = duplicates.find_duplicates(session, workspace_id=workspace.id, auto_merge=True)

    assert result.merged == []
    assert people.count(session, workspace_id=workspace.id) == 2
    assert open_pairs(session, workspace) == [{ada.id, restored.id}]
    # A second scan leaves the queued pair as it is.
    again = duplicates.find_duplicates(session, workspace_id=workspace.id, auto_merge=True)
    assert again.merged == [] and again.candidates_created == 0


def test_a_scan_does_not_queue_two_profiles_under_two_names(session, workspace):
    """As an import does not: Jade and Jude Fink have a LinkedIn profile each (in two
    exports: two rows of one are not even compared)."""
    older = (
        "Jade,Fink,https://www.linkedin.com/in/jadefink,,Hooli,Engineer,01 Jan 2025\n"
        "Bob,Stone,https://www.linkedin.com/in/bobstone,,Hooli,Designer,03 Jan 2025\n"
        "Ana,Lopez Garcia,https://www.linkedin.com/in/analg,,Hooli,PM,05 Jan 2025\n"
    )
    newer = (
        "Jude,Fink,https://www.linkedin.com/in/judefink,,Hooli,Engineer,02 Jan 2025\n"
        "Robert,Stone,https://www.linkedin.com/in/robertstone,,Hooli,Designer,04 Jan 2025\n"
        "Ana,Lopez,https://www.linkedin.com/in/analopez,,Hooli,PM,06 Jan 2025\n"
    )
    import_files(session, workspace_id=workspace.id, today=date(2026, 11, 25), paths_or_uploads=[
        Upload("older/Connections.csv", (HEADER + older).encode()),
        Upload("Connections.csv", (HEADER + newer).encode()),
    ])  # fmt: skip
    session.execute(delete(DuplicateCandidate))
    found = duplicates.find_duplicates(session, workspace_id=workspace.id, auto_merge=True)
    assert (found.candidates_created, found.merged) == (2, [])
    pairs = [
        {session.get(Person, i).display_name for i in (pair.person_a_id, pair.person_b_id)}
        for pair in session.scalars(select(DuplicateCandidate))
    ]
    assert sorted(pairs, key=sorted) == [{"Ana Lopez", "Ana Lopez Garcia"},
                                         {"Bob Stone", "Robert Stone"}]  # fmt: skip
