"""The rejection playbook run again once a person's ask task is closed: a company added since
gets a task of its own, and every surface says so."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

import factories as f
from goodword.opportunities import service as opportunities
from goodword.opportunities.models import Stage
from goodword.organizations.models import Organization
from goodword.playbooks import follow_up, rejection
from goodword.tasks import service as tasks
from goodword.tasks.models import Task, TaskStatus
from goodword.tasks.schemas import TaskStatusChange
from goodword.workspaces.models import Workspace

TODAY = date(2026, 11, 25)
ADDED = "Added to the asks: Morgan Reyes at Oxbow Civic Tech; Priya Natarajan at Oxbow Civic Tech."
NEW_TASK = "Added a new task to ask Morgan Reyes about Oxbow Civic Tech, as the one before is done."


def _run(session: Session, ws: int, search: Any) -> rejection.RejectionResult:
    opportunity_id = search.opportunity.id
    return rejection.run(session, workspace_id=ws, opportunity_id=opportunity_id, today=TODAY)


def _asked_morgan_then_oxbow(session: Session, ws: int, search: Any) -> Task:
    """Run it, mark Morgan's asks sent (their ask task done), then add Oxbow to the targets;
    Morgan's ask task, done."""
    opportunities.move(
        session, workspace_id=ws, opportunity_id=search.opportunity.id, stage=Stage.REJECTED
    )
    _run(session, ws, search)
    follow_up.mark_asked(session, workspace_id=ws, person_id=search.manager.id,
                         source_opportunity_id=search.opportunity.id, on=TODAY)  # fmt: skip
    f.opportunity(session, ws, organization_name="Oxbow Civic Tech", stage="target")
    return _ask_tasks(session, ws, search)[0]


def _ask_tasks(session: Session, ws: int, search: Any) -> list[Task]:
    """Morgan's tasks to ask for a recommendation, oldest first."""
    session.expire_all()
    return list(
        session.scalars(
            select(Task)
            .where(
                Task.workspace_id == ws,
                Task.origin == "rejection:ask",
                Task.person_id == search.manager.id,
            )
            .order_by(Task.id)
        )
    )


def _organization(session: Session, ws: int, name: str) -> int:
    found = session.scalar(
        select(Organization.id).where(Organization.workspace_id == ws, Organization.name == name)
    )
    return found if found is not None else f.organization(session, ws, name).id


def _words(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).replace("&#34;", '"').split())


def test_a_company_added_after_the_ask_was_sent_gets_a_new_task(
    session: Session, workspace: Workspace, search: Any
):
    done = _asked_morgan_then_oxbow(session, workspace.id, search)
    assert done.status is TaskStatus.DONE

    again = _run(session, workspace.id, search)

    assert again.created == 1
    assert again.notes == [ADDED, NEW_TASK]
    old, new = _ask_tasks(session, workspace.id, search)
    assert old.id == done.id and old.status is TaskStatus.DONE
    assert new.status is TaskStatus.OPEN and new in again.tasks
    assert new.title == "Ask Morgan Reyes to recommend you at Oxbow Civic Tech"
    assert new.opportunity_id == search.opportunity.id
    assert "Jadeway" not in (new.notes or "") and "Oxbow Civic Tech:" in (new.notes or "")
    # Sending it closes the new task; the next run adds nothing.
    follow_up.mark_asked(session, workspace_id=workspace.id, person_id=search.manager.id,
                         source_opportunity_id=search.opportunity.id, on=TODAY)  # fmt: skip
    assert _ask_tasks(session, workspace.id, search)[1].status is TaskStatus.DONE
    third = _run(session, workspace.id, search)
    assert third.created == 0 and third.notes == []
    assert len(_ask_tasks(session, workspace.id, search)) == 2


def test_a_company_added_after_the_ask_task_was_dismissed_gets_a_new_task(
    session: Session, workspace: Workspace, search: Any
):
    opportunities.move(
        session, workspace_id=workspace.id, opportunity_id=search.opportunity.id,
        stage=Stage.REJECTED,
    )  # fmt: skip
    _run(session, workspace.id, search)
    (first,) = _ask_tasks(session, workspace.id, search)
    tasks.set_status(session, workspace_id=workspace.id, task_id=first.id,
                     change=TaskStatusChange(status=TaskStatus.DISMISSED))  # fmt: skip
    f.opportunity(session, workspace.id, organization_name="Oxbow Civic Tech", stage="target")

    again = _run(session, workspace.id, search)

    assert again.notes[-1] == (
        "Added a new task to ask Morgan Reyes about Oxbow Civic Tech, as the one before was "
        "dismissed."
    )
    old, new = _ask_tasks(session, workspace.id, search)
    assert old.status is TaskStatus.DISMISSED and new.status is TaskStatus.OPEN
    assert new.title == "Ask Morgan Reyes to recommend you at Oxbow Civic Tech"


def test_a_company_added_while_the_new_task_is_open_joins_it(
    session: Session, workspace: Workspace, search: Any
):
    """The new task covers the asks made since the one before was closed: a company named
    later joins it, and one asked before stays out of it."""
    _asked_morgan_then_oxbow(session, workspace.id, search)
    _run(session, workspace.id, search)
    named = ("Jadeway Semiconductors", "Oxbow Civic Tech", "Quillmark Press")
    chosen = [_organization(session, workspace.id, name) for name in named]

    again = rejection.run(session, workspace_id=workspace.id, opportunity_id=search.opportunity.id,
                          today=TODAY, target_organization_ids=chosen)  # fmt: skip

    assert again.created == 0
    old, new = _ask_tasks(session, workspace.id, search)
    assert old.status is TaskStatus.DONE and new.status is TaskStatus.OPEN
    assert new.title == "Ask Morgan Reyes to recommend you at Oxbow Civic Tech or Quillmark Press"
    assert again.notes[0].startswith("Added to the asks: Morgan Reyes at Quillmark Press;")
    assert not any("new task" in note for note in again.notes)


def test_the_page_says_a_new_task_was_added(
    client: TestClient, session: Session, workspace: Workspace, search: Any
):
    _asked_morgan_then_oxbow(session, workspace.id, search)
    url = f"/opportunities/{search.opportunity.id}/playbooks/rejection"

    ran = client.post(url, data={"confirm_late": "1"}, follow_redirects=True)

    said = _words(ran.text)
    assert "1 follow-up task added from the rejection playbook." in said
    assert ADDED in said
    assert NEW_TASK in said


def test_the_api_says_a_new_task_was_added(
    client: TestClient, session: Session, workspace: Workspace, search: Any
):
    _asked_morgan_then_oxbow(session, workspace.id, search)

    body = client.post(
        f"/api/v1/opportunities/{search.opportunity.id}/playbooks/rejection", json={}
    ).json()

    assert body["created"] == 1
    assert body["notes"] == [ADDED, NEW_TASK]
