"""Nothing of Alice's workspace is visible to, or changeable from, Charlie's."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

import factories as f
from goodword.connections import service as connections
from goodword.errors import NotFound
from goodword.interactions import service as interactions
from goodword.opportunities import service as opportunities
from goodword.opportunities.models import Stage
from goodword.organizations import service as organizations
from goodword.people import service as people
from goodword.people.schemas import PersonUpdate
from goodword.search import service as search
from goodword.tasks import service as tasks
from goodword.tasks.schemas import TaskStatusChange


@pytest.fixture
def alices(session, workspace) -> dict[str, Any]:
    ws = workspace.id
    me = f.person(session, ws, "Alice Example", is_me=True, emails=["alice@example.com"])
    friend = f.person(session, ws, "Bob Example")
    opportunity = f.opportunity(session, ws, hiring_manager_id=friend.id)
    return {
        "person": me,
        "organization": opportunity.organization,
        "opportunity": opportunity,
        "interaction": f.interaction(session, ws, participants=[{"person_id": friend.id}]),
        "connection": f.connection(session, ws, me, friend),
        "task": f.task(session, ws, person_id=friend.id),
    }


GETTERS: dict[str, Callable[..., Any]] = {
    "person": lambda s, ws, r: people.get(s, workspace_id=ws, person_id=r.id),
    "organization": lambda s, ws, r: organizations.get(s, workspace_id=ws, organization_id=r.id),
    "opportunity": lambda s, ws, r: opportunities.get(s, workspace_id=ws, opportunity_id=r.id),
    "interaction": lambda s, ws, r: interactions.get(s, workspace_id=ws, interaction_id=r.id),
    "connection": lambda s, ws, r: connections.get(s, workspace_id=ws, connection_id=r.id),
    "task": lambda s, ws, r: tasks.get(s, workspace_id=ws, task_id=r.id),
}


@pytest.mark.parametrize("kind", sorted(GETTERS))
def test_another_workspace_gets_not_found(session, workspace, other_workspace, alices, kind):
    record = alices[kind]
    assert GETTERS[kind](session, workspace.id, record) is record
    with pytest.raises(NotFound) as caught:
        GETTERS[kind](session, other_workspace.id, record)
    assert caught.value.status_code == 404


def test_another_workspace_lists_and_searches_nothing(session, other_workspace, alices):
    ws = other_workspace.id
    assert people.list_(session, workspace_id=ws).items == []
    assert organizations.list_(session, workspace_id=ws).items == []
    assert opportunities.list_(session, workspace_id=ws).items == []
    assert interactions.list_(session, workspace_id=ws).items == []
    assert tasks.list_(session, workspace_id=ws, today=date(2026, 11, 25)).items == []
    assert all(not column for column in opportunities.board(session, workspace_id=ws).values())
    assert search.search(session, workspace_id=ws, query="alice") == []
    assert people.get_me(session, workspace_id=ws) is None


def test_another_workspace_cannot_change_or_delete(session, workspace, other_workspace, alices):
    ws = other_workspace.id
    person, task = alices["person"], alices["task"]
    with pytest.raises(NotFound):
        people.update(
            session, workspace_id=ws, person_id=person.id, data=PersonUpdate(display_name="Hacked")
        )
    with pytest.raises(NotFound):
        people.delete(session, workspace_id=ws, person_id=person.id)
    with pytest.raises(NotFound):
        opportunities.move(
            session, workspace_id=ws, opportunity_id=alices["opportunity"].id, stage=Stage.OFFER
        )
    with pytest.raises(NotFound):
        tasks.set_status(
            session, workspace_id=ws, task_id=task.id, change=TaskStatusChange(status="done")
        )
    session.expire_all()
    assert people.get(session, workspace_id=workspace.id, person_id=person.id).display_name == (
        "Alice Example"
    )
    assert alices["opportunity"].stage is Stage.TARGET
