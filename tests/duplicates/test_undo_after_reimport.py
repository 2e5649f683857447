"""Undoing a merge after a re-import: the restored person's records are applied to them
again at the next import, so they get what their record says (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from goodword.duplicates import merging
from goodword.importers.records import Upload
from goodword.importers.report import ImportReport, Outcome
from goodword.importers.service import import_files
from goodword.organizations.models import Organization
from goodword.people.models import PersonSource, PersonUrl, Position
from goodword.workspaces.models import Workspace

TODAY = date(2026, 11, 25)
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def connections(profile: str, title: str) -> Upload:
    text = HEADER + (
        "Alice,Chen,https://www.linkedin.com/in/alicechen,,Acme Robotics,Engineer,12 Mar 2022\n"
        f"Dev,Patel,https://www.linkedin.com/in/{profile},,Hooli,{title},01 Feb 2024\n"
    )
    return Upload("Connections.csv", text.encode())


def run(session: Session, workspace: Workspace, upload: Upload) -> ImportReport:
    return import_files(session, workspace_id=workspace.id, paths_or_uploads=[upload], today=TODAY)


def holder(session: Session, profile: str) -> int:
    return session.scalars(
        select(PersonUrl.person_id).where(PersonUrl.url.endswith(f"/in/{profile}"))
    ).one()


def current_jobs(session: Session, person_id: int) -> set[str]:
    session.expire_all()
    rows = session.execute(
        select(Position.title, Organization.name)
        .join(Organization, Organization.id == Position.organization_id)
        .where(Position.person_id == person_id, Position.is_current.is_(True))
    )
    return {f"{title} at {name}" for title, name in rows}


def test_the_restored_person_gets_what_their_record_says_at_the_next_import(session, workspace):
    run(session, workspace, connections("devpatel", "Data Scientist"))
    # A new profile address: a second Dev Patel, queued with the first.
    run(session, workspace, connections("dev-patel-ml", "Data Scientist"))
    first, second = holder(session, "devpatel"), holder(session, "dev-patel-ml")
    record = merging.merge(
        session, workspace_id=workspace.id, survivor_id=first, absorbed_id=second
    )
    promoted = connections("dev-patel-ml", "Senior Data Scientist")
    run(session, workspace, promoted)  # while merged: the survivor gets the new title
    assert "Senior Data Scientist at Hooli" in current_jobs(session, first)

    restored = merging.undo_merge(session, workspace_id=workspace.id, merge_id=record.id)

    assert restored.id == second
    # The record's provenance went back with its fingerprint forgotten.
    fingerprints = session.scalars(
        select(PersonSource.fingerprint).where(PersonSource.person_id == second)
    ).all()
    assert fingerprints == [None]
    report = run(session, workspace, promoted)
    (row,) = [r for r in report.rows if r.name == "Dev Patel"]
    assert (row.outcome, row.person_id) == (Outcome.UPDATED, second)
    assert current_jobs(session, second) == {"Senior Data Scientist at Hooli"}
    # Imported once more, the record is unchanged since: nothing to do.
    again = run(session, workspace, promoted)
    (row,) = [r for r in again.rows if r.name == "Dev Patel"]
    assert (row.outcome, row.person_id) == (Outcome.UNCHANGED, second)
