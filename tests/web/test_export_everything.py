"""The whole job search as one download, from the web app and the API: the file
`goodword export` writes, of the signed-in workspace only."""

from __future__ import annotations

import json
from datetime import date

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

import factories
from goodword import clock
from goodword.exchange import service as exchange
from goodword.workspaces.models import Workspace

DOWNLOADS = ("/export/everything", "/api/v1/export")


@pytest.fixture
def alices(session: Session, workspace: Workspace) -> None:
    """A job search under way: someone, where they work, an opportunity, a talk, a task."""
    ada = factories.person(session, workspace.id, "Ada Lovelace", emails=["ada@example.org"])
    factories.opportunity(session, workspace.id, organization_name="Analytical Engines")
    factories.interaction(session, workspace.id, participants=[{"person_id": ada.id}])
    factories.task(session, workspace.id, "Thank Ada for the introduction", person_id=ada.id)


@pytest.mark.parametrize("url", DOWNLOADS)
def test_it_downloads_the_file_goodword_export_writes(
    client: TestClient,
    session: Session,
    workspace: Workspace,
    alices: None,
    url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(clock, "today", lambda: date(2026, 3, 4))

    response = client.get(url)

    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json; charset=utf-8"
    assert response.headers["content-disposition"] == (
        'attachment; filename="goodword-export-2026-03-04.json"'
    )
    document = response.json()
    assert document == exchange.export_workspace(session, workspace_id=workspace.id)
    assert response.text == exchange.export_text(session, workspace_id=workspace.id)
    assert [p["display_name"] for p in document["people"]] == ["Ada Lovelace"]
    assert [o["role_title"] for o in document["opportunities"]] == ["Product Manager"]
    assert len(document["interactions"]) == 1
    assert [t["title"] for t in document["tasks"]] == ["Thank Ada for the introduction"]
    # What `goodword import-json` reads back.
    assert exchange.read_document(json.loads(response.text)).people[0].emails[0].address == (
        "ada@example.org"
    )


@pytest.mark.parametrize("url", DOWNLOADS)
def test_another_workspace_s_records_are_never_in_it(
    client: TestClient,
    session: Session,
    workspace: Workspace,
    other_workspace: Workspace,
    alices: None,
    url: str,
) -> None:
    charlie = factories.person(session, other_workspace.id, "Charlie Secret")
    factories.opportunity(
        session, other_workspace.id, organization_name="Paddy's Pub", role_title="Bartender"
    )
    factories.task(session, other_workspace.id, "Call Charlie's uncle", person_id=charlie.id)

    text = client.get(url).text

    assert "Ada Lovelace" in text
    for secret in ("Charlie", "Paddy", "Bartender"):
        assert secret not in text
    assert (
        json.loads(text)["workspace"]
        == exchange.export_workspace(session, workspace_id=workspace.id)["workspace"]
    )


def test_the_import_page_offers_it_and_says_what_it_holds(
    client: TestClient, workspace: Workspace
) -> None:
    page = client.get("/import").text

    assert '<a class="button secondary" href="/export/everything" download>' in page
    assert "people, organizations, opportunities and their stages," in page
    assert "<code>goodword import-json FILE</code>" in page
    # Every page's footer leads there.
    assert '<a href="/import#export-everything">Export everything</a>' in client.get("/").text
