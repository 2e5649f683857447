"""Two cards of one name with no UID, e-mail address or phone ("Mike" of a phone book) are
known by their name and their place among the cards of that name. A newer file that lists
them in another order keeps each card's job with its person (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from goodword.importers.report import ImportReport, Outcome
from goodword.importers.service import import_files
from goodword.people.models import Person
from goodword.workspaces.models import Workspace

TODAY = date(2026, 11, 25)


def run(session: Session, workspace: Workspace, *paths: Path) -> ImportReport:
    return import_files(
        session, workspace_id=workspace.id, paths_or_uploads=list(paths), today=TODAY
    )


def mikes(folder: Path, *jobs: str) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / "phone.vcf"
    path.write_text(
        "".join(
            f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Mike\r\nN:;Mike;;;\r\nORG:{job}\r\nEND:VCARD\r\n"
            for job in jobs
        ),
        encoding="utf-8",
    )
    return path


def jobs_of_mikes(session: Session, workspace: Workspace) -> list[list[tuple[str, bool]]]:
    session.expire_all()
    found = session.scalars(
        select(Person).where(Person.workspace_id == workspace.id).order_by(Person.id)
    )
    return [sorted((p.organization.name, p.is_current) for p in m.positions) for m in found]


def test_two_cards_of_one_name_reordered_at_their_source_keep_their_jobs(
    session, workspace, tmp_path
):
    # Two "Mike"s with no UID, address or phone: known by name and their place in the file.
    run(session, workspace, mikes(tmp_path / "a", "Acme", "Globex"))
    assert jobs_of_mikes(session, workspace) == [[("Acme", True)], [("Globex", True)]]
    again = run(session, workspace, mikes(tmp_path / "b", "Globex", "Acme"))
    assert [r.outcome for r in again.rows] == [Outcome.UNCHANGED, Outcome.UNCHANGED]
    assert jobs_of_mikes(session, workspace) == [[("Acme", True)], [("Globex", True)]]


def test_a_third_card_of_the_name_added_first_is_the_new_one(session, workspace, tmp_path):
    run(session, workspace, mikes(tmp_path / "a", "Acme", "Globex"))
    again = run(session, workspace, mikes(tmp_path / "b", "Initech", "Acme", "Globex"))
    assert [r.outcome for r in again.rows] == [
        Outcome.CREATED,
        Outcome.UNCHANGED,
        Outcome.UNCHANGED,
    ]
    assert jobs_of_mikes(session, workspace) == [
        [("Acme", True)],
        [("Globex", True)],
        [("Initech", True)],
    ]
