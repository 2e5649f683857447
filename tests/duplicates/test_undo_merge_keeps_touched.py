"""A merge counts as touching both people it joins (`Person.made_by_import`): undoing it
does not make the person it gives back look untouched, so undoing their import keeps them."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from goodword.duplicates import merging
from goodword.importers import undoing
from goodword.importers.service import import_files
from goodword.people.models import Person
from goodword.workspaces.models import Workspace

CONNECTIONS = (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Ada,Lovelace,https://www.linkedin.com/in/ada-lovelace,,Analytical Engines,"
    "Mathematician,26 Dec 2025\n"
    "Grace,Hopper,https://www.linkedin.com/in/grace-hopper,,US Navy,Rear Admiral,03 Nov 2025\n"
)


def test_a_person_a_merge_gave_back_stays_when_their_import_is_undone(
    session: Session, workspace: Workspace, tmp_path: Path
) -> None:
    path = tmp_path / "Connections.csv"
    path.write_text(CONNECTIONS)
    report = import_files(
        session,
        workspace_id=workspace.id,
        paths_or_uploads=[path],
        today=date(2026, 11, 28),
        now=datetime(2026, 11, 28, 9, 0, tzinfo=UTC),
    )
    session.commit()
    ids = {row.name: row.person_id for row in report.rows}
    merge = merging.merge(
        session,
        workspace_id=workspace.id,
        survivor_id=ids["Ada Lovelace"],
        absorbed_id=ids["Grace Hopper"],
    )
    session.commit()
    while_merged = undoing.preview(session, workspace_id=workspace.id, run_id=report.id)
    assert [(kept.name, kept.reason) for kept in while_merged.kept] == [
        ("Ada Lovelace", undoing.TOUCHED),
        (
            "Grace Hopper",
            f"merged into person {ids['Ada Lovelace']} since, which counts as a change "
            "(undoing the merge gives them back, as changed)",
        ),
    ]

    merging.undo_merge(session, workspace_id=workspace.id, merge_id=merge.id)
    session.commit()

    marks = dict(session.execute(select(Person.display_name, Person.made_by_import)).all())
    assert marks == {"Ada Lovelace": None, "Grace Hopper": None}
    plan = undoing.preview(session, workspace_id=workspace.id, run_id=report.id)
    assert plan.removed == []
    assert {kept.name for kept in plan.kept} == {"Ada Lovelace", "Grace Hopper"}
