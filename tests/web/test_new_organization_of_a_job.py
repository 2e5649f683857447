"""A job saved with an organization name that finds none adds the organization and says so;
a name very close to one there is (a typo) asks whether that one was meant, without
refusing the job (SQLite and PostgreSQL)."""

from __future__ import annotations

import html

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

import factories as f
from goodword.organizations.models import Organization
from goodword.people import service as people
from goodword.people.schemas import PositionCreate
from goodword.workspaces.models import Workspace

KINDLING = "Kindling Nonprofit Software"
TYPO = "Kindlng Nonprofit Software"


def names(session: Session, workspace: Workspace) -> list[str]:
    session.expire_all()
    query = select(Organization.name).where(Organization.workspace_id == workspace.id)
    return sorted(session.scalars(query))


def test_a_mistyped_organization_is_added_and_the_close_one_offered(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    f.organization(session, workspace.id, KINDLING)
    jo = f.person(session, workspace.id, "Jo Park")
    session.commit()
    added = client.post(
        f"/people/{jo.id}/positions",
        data={"organization_name": TYPO, "title": "Engineer", "is_current": "1"},
    )
    assert added.status_code == 200
    assert (
        f"Added the position at {TYPO}. {TYPO} was new, so it was added as an organization. "
        f"Did you mean {KINDLING}? If so, choose Edit beside the job and give that name."
    ) in html.unescape(added.text)
    assert names(session, workspace) == [KINDLING, TYPO]
    # The name as it is finds the organization: nothing new, nothing asked.
    again = client.post(
        f"/people/{jo.id}/positions", data={"organization_name": "kindling nonprofit software"}
    )
    assert "Added the position at Kindling Nonprofit Software.</p>" in html.unescape(again.text)
    assert names(session, workspace) == [KINDLING, TYPO]


def test_a_new_organization_far_from_any_is_said_to_be_added(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    f.organization(session, workspace.id, KINDLING)
    jo = f.person(session, workspace.id, "Jo Park")
    job = people.add_position(
        session, workspace_id=workspace.id, person_id=jo.id,
        data=PositionCreate(organization_name=KINDLING, title="Engineer"),
    )  # fmt: skip
    session.commit()
    edited = client.post(
        f"/people/{jo.id}/positions/{job.id}/edit",
        data={"organization_name": "Globex", "title": "Engineer", "is_current": "1"},
    )
    text = html.unescape(edited.text)
    assert "Saved Engineer at Globex. Globex was new, so it was added as an organization.</p>" in (
        text
    )
    assert "Did you mean" not in text


def test_the_api_says_an_organization_was_added_and_which_is_close(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    kindling = f.organization(session, workspace.id, KINDLING)
    jo = f.person(session, workspace.id, "Jo Park")
    session.commit()
    added = client.post(f"/api/v1/people/{jo.id}/positions", json={"organization_name": TYPO})
    assert added.status_code == 201
    body = added.json()
    assert body["organization_added"] is True
    assert body["did_you_mean"] == [{"id": kindling.id, "name": KINDLING}]
    fixed = client.put(
        f"/api/v1/positions/{body['id']}",
        json={"organization_id": kindling.id, "is_current": True},
    ).json()
    assert (fixed["organization_name"], fixed["organization_added"], fixed["did_you_mean"]) == (
        KINDLING, False, [],
    )  # fmt: skip
