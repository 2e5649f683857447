"""A LinkedIn Connections.csv older than one imported before (January's export imported
after March's) moves no one's job back: the title it gives otherwise is a past job, and the
report says the file is older."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from goodword.importers import undoing
from goodword.importers.records import Upload
from goodword.importers.report import ImportReport
from goodword.importers.service import import_files
from goodword.people.models import Person
from goodword.workspaces.models import Workspace

HEAD = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
ADA = "Ada,Byron,https://www.linkedin.com/in/ada-b,,Acme,{title},10 Jan 2022\r\n"
MARCH = (
    HEAD
    + ADA.format(title="Engineering Manager")
    + ("Bo,Lin,https://www.linkedin.com/in/bo-lin,,Kestrel,Analyst,02 Mar 2026\r\n")
)
JANUARY = HEAD + ADA.format(title="Software Engineer")


def _import(session: Session, workspace: Workspace, text: str) -> ImportReport:
    report = import_files(
        session, workspace_id=workspace.id, today=date(2026, 3, 25),
        paths_or_uploads=[Upload("Connections.csv", text.encode())],
    )  # fmt: skip
    session.expire_all()
    return report


def _jobs(session: Session) -> list[tuple[str | None, bool]]:
    ada = session.scalar(select(Person).where(Person.display_name == "Ada Byron"))
    assert ada is not None
    return [(job.title, job.is_current) for job in ada.positions]


def test_an_older_export_moves_no_job_back_and_says_the_file_is_older(
    session: Session, workspace: Workspace
) -> None:
    _import(session, workspace, MARCH)

    older = _import(session, workspace, JANUARY)

    assert _jobs(session) == [("Engineering Manager", True), ("Software Engineer", False)]
    assert any(
        note.startswith(
            "Connections.csv is older than Connections.csv imported before: its latest "
            "connection is from 2022-01-10, that file's from 2026-03-02."
        )
        for note in older.notes
    )
    (row,) = older.rows
    assert "not made current: the file is older than one imported before" in row.detail


def test_a_newer_export_still_moves_the_job(session: Session, workspace: Workspace) -> None:
    _import(session, workspace, JANUARY)

    newer = _import(session, workspace, MARCH)

    assert _jobs(session) == [("Engineering Manager", True), ("Software Engineer", False)]
    assert not any("older" in note for note in newer.notes)


def test_an_undone_import_is_no_newer_file(session: Session, workspace: Workspace) -> None:
    march = _import(session, workspace, MARCH)
    undoing.undo(session, workspace_id=workspace.id, run_id=march.id)

    january = _import(session, workspace, JANUARY)

    assert not any("older than" in note for note in january.notes)
    assert _jobs(session) == [("Software Engineer", True)]
