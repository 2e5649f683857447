"""An id once given is never given again, on SQLite (AUTOINCREMENT, migration 0033) as on
PostgreSQL: a link to a record deleted never opens one added after it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import Session

import factories as f
from goodword.duplicates import merging
from goodword.importers.service import import_files
from goodword.opportunities import service as opportunities
from goodword.organizations import service as organizations
from goodword.people import service as people
from goodword.tasks import service as tasks
from goodword.workspaces.models import Workspace

# (how to add one, how to delete it), each the newest of its kind when deleted
KINDS: dict[str, tuple[Callable[[Session, int, str], Any], Callable[[Session, int, int], None]]] = {
    "person": (
        lambda s, ws, name: f.person(s, ws, name),
        lambda s, ws, i: people.delete(s, workspace_id=ws, person_id=i),
    ),
    "organization": (
        lambda s, ws, name: f.organization(s, ws, name),
        lambda s, ws, i: organizations.delete(s, workspace_id=ws, organization_id=i),
    ),
    "opportunity": (
        lambda s, ws, name: f.opportunity(s, ws, organization_name="Initech", role_title=name),
        lambda s, ws, i: opportunities.delete(s, workspace_id=ws, opportunity_id=i),
    ),
    "task": (
        lambda s, ws, name: f.task(s, ws, name),
        lambda s, ws, i: tasks.delete(s, workspace_id=ws, task_id=i),
    ),
}


@pytest.mark.parametrize("kind", list(KINDS))
def test_the_newest_deleted_gives_its_id_to_no_one(
    session: Session, workspace: Workspace, kind: str
) -> None:
    add, delete = KINDS[kind]
    add(session, workspace.id, "Hooli")
    newest = add(session, workspace.id, "Contoso")
    old_id = newest.id
    delete(session, workspace.id, old_id)
    session.flush()

    added = add(session, workspace.id, "Fabrikam")

    assert added.id > old_id


def test_undoing_a_merge_after_someone_is_added_gives_the_old_id_back(
    session: Session, workspace: Workspace
) -> None:
    """The tester's path: Jumah Abebe (the newest person) merged into another, someone
    imported since, the merge undone: Jumah is their own number again, not a new one."""
    kept = f.person(session, workspace.id, "Jumah Abebe", emails=["jumah@example.org"])
    jumah = f.person(session, workspace.id, "Jumah Abebe", emails=["jumah@home.example"])
    old_id = jumah.id
    record = merging.merge(
        session, workspace_id=workspace.id, survivor_id=kept.id, absorbed_id=old_id
    )
    ingrid = f.person(session, workspace.id, "Ingrid Solberg")

    restored = merging.undo_merge(session, workspace_id=workspace.id, merge_id=record.id)

    assert ingrid.id != old_id
    assert restored.id == old_id
    session.expire_all()
    back = people.get(session, workspace_id=workspace.id, person_id=old_id)
    assert [e.address for e in back.emails] == ["jumah@home.example"]
    assert people.get(session, workspace_id=workspace.id, person_id=ingrid.id).display_name == (
        "Ingrid Solberg"
    )


def test_an_import_gives_no_deleted_id_again(
    session: Session, workspace: Workspace, tmp_path: Path
) -> None:
    """An import reserves its ids itself (many rows in one insert): above the largest ever
    given, not the largest left."""
    kept = f.person(session, workspace.id, "Ann Keep")
    bob = f.person(session, workspace.id, "Bob Absorbed")
    old_id = bob.id
    record = merging.merge(
        session, workspace_id=workspace.id, survivor_id=kept.id, absorbed_id=old_id
    )
    path = tmp_path / "Connections.csv"
    path.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Cara,New,https://www.linkedin.com/in/cara-new,,Acme,Engineer,03 Nov 2025\n"
    )
    report = import_files(
        session, workspace_id=workspace.id, paths_or_uploads=[path], today=date(2026, 11, 28)
    )
    (cara,) = [row.person_id for row in report.rows]

    restored = merging.undo_merge(session, workspace_id=workspace.id, merge_id=record.id)

    assert cara is not None and cara > old_id
    assert restored.id == old_id
