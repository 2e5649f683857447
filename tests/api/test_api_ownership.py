"""Every API endpoint that takes an id answers 404, in the one error shape, for another
workspace's record, and leaves that record alone."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

import factories
from goodword.connections.models import Connection
from goodword.interactions.models import Interaction
from goodword.opportunities.models import Opportunity
from goodword.organizations.models import Organization
from goodword.people import service as people
from goodword.people.models import Person, Position
from goodword.people.schemas import PositionCreate
from goodword.tasks.models import Task
from goodword.workspaces.models import Workspace

PERSON = {"display_name": "Someone New"}
ORGANIZATION = {"name": "Somewhere New"}
OPPORTUNITY = {"organization_name": "Somewhere New", "role_title": "Analyst"}
INTERACTION = {"occurred_at": "2026-11-02T10:00:00Z", "kind": "call", "summary": "Called"}
TASK = {"title": "Call back"}

ENDPOINTS: list[tuple[str, str, dict[str, Any] | None]] = [
    ("GET", "/api/v1/people/{person}", None),
    ("PUT", "/api/v1/people/{person}", PERSON),
    ("DELETE", "/api/v1/people/{person}", None),
    ("POST", "/api/v1/people/{person}/positions", {"organization_name": "Elsewhere"}),
    ("GET", "/api/v1/people/{person}/connections", None),
    ("PUT", "/api/v1/positions/{position}", {"organization_name": "Elsewhere", "is_current": True}),
    ("DELETE", "/api/v1/positions/{position}", None),
    ("GET", "/api/v1/organizations/{organization}", None),
    ("PUT", "/api/v1/organizations/{organization}", ORGANIZATION),
    ("POST", "/api/v1/organizations/{organization}/other-names", {"name": "Elsewhere"}),
    ("DELETE", "/api/v1/organizations/{organization}", None),
    ("GET", "/api/v1/opportunities/{opportunity}", None),
    ("PUT", "/api/v1/opportunities/{opportunity}", OPPORTUNITY),
    ("DELETE", "/api/v1/opportunities/{opportunity}", None),
    ("POST", "/api/v1/opportunities/{opportunity}/stage", {"stage": "applied"}),
    ("GET", "/api/v1/interactions/{interaction}", None),
    ("PUT", "/api/v1/interactions/{interaction}", INTERACTION),
    ("DELETE", "/api/v1/interactions/{interaction}", None),
    ("GET", "/api/v1/connections/{connection}", None),
    ("PUT", "/api/v1/connections/{connection}", {"kind": "friend"}),
    ("DELETE", "/api/v1/connections/{connection}", None),
    ("GET", "/api/v1/tasks/{task}", None),
    ("PUT", "/api/v1/tasks/{task}", TASK),
    ("DELETE", "/api/v1/tasks/{task}", None),
    ("POST", "/api/v1/tasks/{task}/status", {"status": "done"}),
]


@pytest.fixture
def charlies(session: Session, other_workspace: Workspace) -> dict[str, Any]:
    """One of every record, all in Charlie's workspace."""
    ws = other_workspace.id
    person = factories.person(session, ws, "Charlie Day")
    friend = factories.person(session, ws, "Dee Reynolds")
    position = people.add_position(
        session,
        workspace_id=ws,
        person_id=person.id,
        data=PositionCreate(organization_name="Paddy's"),
    )
    organization = factories.organization(session, ws, "Charlie Corp")
    opportunity = factories.opportunity(session, ws, organization_name="Charlie Corp")
    interaction = factories.interaction(session, ws, participants=[{"person_id": person.id}])
    connection = factories.connection(session, ws, person, friend)
    task = factories.task(session, ws, person_id=person.id)
    return {
        "person": person,
        "position": position,
        "organization": organization,
        "opportunity": opportunity,
        "interaction": interaction,
        "connection": connection,
        "task": task,
    }


@pytest.mark.parametrize(("method", "template", "body"), ENDPOINTS)
def test_it_answers_404_for_another_workspaces_record(
    client: TestClient,
    session: Session,
    workspace: Workspace,
    charlies: dict[str, Any],
    method: str,
    template: str,
    body: dict[str, Any] | None,
) -> None:
    path = template.format(**{kind: record.id for kind, record in charlies.items()})

    response = client.request(method, path, json=body)

    assert response.status_code == 404
    error = response.json()["error"]
    assert error["code"] == "not_found"
    assert error["fields"] == []
    assert "Charlie" not in response.text
    session.expire_all()
    models = {
        "person": Person,
        "position": Position,
        "organization": Organization,
        "opportunity": Opportunity,
        "interaction": Interaction,
        "connection": Connection,
        "task": Task,
    }
    for kind, record in charlies.items():
        assert session.get(models[kind], record.id) is not None, f"{kind} was touched"
    assert session.get(Person, charlies["person"].id).display_name == "Charlie Day"


@pytest.mark.parametrize(("method", "template", "body"), ENDPOINTS)
def test_it_answers_404_for_an_unknown_id(
    client: TestClient, workspace: Workspace, method: str, template: str, body: Any
) -> None:
    path = template.format(
        person=999_999,
        position=999_999,
        organization=999_999,
        opportunity=999_999,
        interaction=999_999,
        connection=999_999,
        task=999_999,
    )

    response = client.request(method, path, json=body)

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert "999999" in response.json()["error"]["message"]


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/people",
        "/api/v1/organizations",
        "/api/v1/opportunities",
        "/api/v1/interactions",
        "/api/v1/connections",
        "/api/v1/tasks",
        "/api/v1/search?q=charlie",
    ],
)
def test_lists_never_show_another_workspaces_records(
    client: TestClient, workspace: Workspace, charlies: dict[str, Any], path: str
) -> None:
    response = client.get(path)

    assert response.status_code == 200
    assert response.json()["items"] == []


def test_the_board_never_shows_another_workspaces_opportunities(
    client: TestClient, workspace: Workspace, charlies: dict[str, Any]
) -> None:
    columns = client.get("/api/v1/opportunities/board").json()["columns"]

    assert all(column["items"] == [] for column in columns)


def test_it_refuses_to_link_another_workspaces_person(
    client: TestClient, workspace: Workspace, charlies: dict[str, Any]
) -> None:
    mine = client.post("/api/v1/people", json={"display_name": "Alice"}).json()

    response = client.post(
        "/api/v1/connections",
        json={"person_a_id": mine["id"], "person_b_id": charlies["person"].id, "kind": "friend"},
    )

    assert response.status_code == 422
    assert response.json()["error"]["fields"][0]["field"] == "person_b_id"
