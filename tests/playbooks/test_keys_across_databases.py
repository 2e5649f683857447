"""A playbook finds the tasks it made after the workspace moves to another database."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

import factories as f
from goodword.exchange import service as exchange
from goodword.people.models import Person
from goodword.playbooks import cadence
from goodword.tasks.models import Task
from goodword.workspaces.models import Workspace

TODAY = date(2026, 11, 25)


def keep_in_touch_keys(session: Session, workspace_id: int) -> list[str | None]:
    return list(
        session.scalars(
            select(Task.origin_key)
            .where(Task.workspace_id == workspace_id, Task.origin == "keep-in-touch:due")
            .order_by(Task.id)
        )
    )


def test_an_imported_reminder_is_not_made_twice(
    session: Session, workspace: Workspace, other_workspace: Workspace
):
    me = f.person(session, workspace.id, "Sam Carter", is_me=True)
    # Someone first, so that ids differ between the two workspaces.
    f.person(session, other_workspace.id, "Already Here")
    ada = f.person(session, workspace.id, "Ada Lovelace", given_name="Ada")
    f.connection(session, workspace.id, me, ada, kind="friend", closeness=5)
    f.interaction(
        session,
        workspace.id,
        kind="call",
        occurred_at=datetime.combine(TODAY - timedelta(days=40), datetime.min.time(), UTC),
        participants=[{"person_id": ada.id}],
    )
    assert cadence.remind(session, workspace_id=workspace.id, today=TODAY).created == 1
    document = exchange.export_workspace(session, workspace_id=workspace.id)
    [task] = [t for t in document["tasks"] if t["origin"] == "keep-in-touch:due"]
    ada_key = next(p["key"] for p in document["people"] if p["display_name"] == "Ada Lovelace")
    assert task["origin_key"].startswith(f"keep-in-touch:person:{ada_key}:since:")

    exchange.import_workspace(
        session, workspace_id=other_workspace.id, data=document, into_nonempty=True
    )
    moved = session.scalar(
        select(Person).where(
            Person.workspace_id == other_workspace.id, Person.display_name == "Ada Lovelace"
        )
    )
    assert moved is not None and moved.id != ada.id
    [key] = keep_in_touch_keys(session, other_workspace.id)
    assert key is not None and key.startswith(f"keep-in-touch:person:{moved.id}:since:")

    again = cadence.remind(session, workspace_id=other_workspace.id, today=TODAY)
    assert again.created == 0
    assert keep_in_touch_keys(session, other_workspace.id) == [key]
    # And the export of the copy names Ada by the file's key again.
    copied = exchange.export_workspace(session, workspace_id=other_workspace.id)
    assert [t["origin_key"] for t in copied["tasks"] if t["origin"] == "keep-in-touch:due"] == [
        task["origin_key"].replace(ada_key, next(
            p["key"] for p in copied["people"] if p["display_name"] == "Ada Lovelace"
        ))
    ]  # fmt: skip
