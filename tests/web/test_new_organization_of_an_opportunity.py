"""An opportunity saved on its pages with an organization name that finds none adds the
organization and says so after saving, with the organizations very like its name (a typo?),
as a job's page does and POST /api/v1/opportunities answers organization_added."""

from __future__ import annotations

import html

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

import factories as f
from goodword.opportunities.models import Opportunity
from goodword.workspaces.models import Workspace

KINDLING = "Kindling Nonprofit Software"
TYPO = "Kindlng Nonprofit Software"


def form(organization_name: str, stage: str = "target") -> dict[str, str]:
    return {"organization_name": organization_name, "role_title": "Analyst", "stage": stage}


def test_the_opportunity_pages_say_when_its_organization_was_new(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    f.organization(session, workspace.id, KINDLING)
    session.commit()
    added = client.post("/opportunities", data=form(TYPO))
    assert added.status_code == 200
    assert (
        f"Opportunity saved. {TYPO} was new, so it was added as an organization. Did you mean "
        f"{KINDLING}? If so, choose Edit and give that name."
    ) in html.unescape(added.text)
    opportunity = session.scalars(select(Opportunity.id)).one()
    edited = client.post(f"/opportunities/{opportunity}", data=form("Initech"))
    assert "Changes saved. Initech was new, so it was added as an organization.</p>" in (
        html.unescape(edited.text)
    )
    moved = client.post(f"/opportunities/{opportunity}", data=form("Globex", stage="applied"))
    assert "Changes saved; moved to Applied." in html.unescape(moved.text)
    assert "Globex was new, so it was added as an organization." in html.unescape(moved.text)
    again = client.post(f"/opportunities/{opportunity}", data=form(KINDLING, stage="applied"))
    assert "Changes saved.</p>" in html.unescape(again.text)
