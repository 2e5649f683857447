"""A lead saved with an organization name that finds none adds the organization and says
so, with the organizations very like its name (a typo?): POST and PUT /api/v1/leads as
organization_added and did_you_mean, the lead pages in the message after saving."""

from __future__ import annotations

import html
from datetime import date

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

import factories as f
from goodword import clock
from goodword.workspaces.models import Workspace

KINDLING = "Kindling Nonprofit Software"
TYPO = "Kindlng Nonprofit Software"
API = "/api/v1/leads"


@pytest.fixture(autouse=True)
def _fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: date(2026, 11, 25))


def said(response) -> tuple[bool, list[dict[str, object]]]:
    body = response.json()
    return body["organization_added"], body["did_you_mean"]


def test_the_api_says_when_a_leads_organization_was_new(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    kindling = f.organization(session, workspace.id, KINDLING)
    session.commit()
    lead = {"kind": "opportunity", "title": "Grants lead"}
    known = client.post(API, json=lead | {"organization_name": "kindling nonprofit software"})
    mistyped = client.post(API, json=lead | {"organization_name": TYPO})
    none = client.post(API, json={"kind": "event", "title": "Meetup"})
    url = f"{API}/{known.json()['id']}"
    replaced = client.put(url, json=lead | {"organization_name": "Initech"})
    by_id = client.put(url, json=lead | {"organization_id": kindling.id})

    assert (known.status_code, mistyped.status_code, replaced.status_code) == (201, 201, 200)
    assert said(known) == (False, [])
    assert said(mistyped) == (True, [{"id": kindling.id, "name": KINDLING}])
    assert said(none) == (False, [])
    assert (replaced.json()["organization_name"], said(replaced)) == ("Initech", (True, []))
    assert said(by_id) == (False, [])
    # Said of the save alone: the lead read back is the lead saved.
    new = ("organization_added", "did_you_mean")
    assert client.get(url).json() == {k: v for k, v in by_id.json().items() if k not in new}


def test_the_lead_pages_say_when_its_organization_was_new(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    f.organization(session, workspace.id, KINDLING)
    session.commit()
    added = client.post("/leads", data={"kind": "opportunity", "title": "Grants lead",
                                        "organization_name": TYPO})  # fmt: skip
    assert added.status_code == 200
    assert (
        f"Lead saved. {TYPO} was new, so it was added as an organization. Did you mean "
        f"{KINDLING}? If so, choose Edit and give that name."
    ) in html.unescape(added.text)
    lead = int(str(added.url).rsplit("/", 1)[-1])
    edited = client.post(f"/leads/{lead}", data={"kind": "opportunity", "title": "Grants lead",
                                                 "organization_name": "Initech"})  # fmt: skip
    assert "Changes saved. Initech was new, so it was added as an organization.</p>" in (
        html.unescape(edited.text)
    )
    again = client.post(f"/leads/{lead}", data={"kind": "opportunity", "title": "Grants lead",
                                                "organization_name": KINDLING})  # fmt: skip
    assert "Changes saved.</p>" in html.unescape(again.text)
