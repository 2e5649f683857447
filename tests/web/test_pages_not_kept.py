"""Pages are not kept by the browser: Back opens a form's page afresh, never a copy with the
problems of a form since fixed and saved. A page with a form's problems takes the address of
the page the form was sent from."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

import factories as f
from factories import LOCAL
from goodword.workspaces.models import Workspace


def _form_page(text: str) -> str | None:
    found = re.search(r'<body data-form-page="([^"]*)">', text)
    return found.group(1) if found else None


def test_a_form_s_page_is_not_kept(client: TestClient, session: Session, workspace) -> None:
    ada = f.person(session, workspace.id, "Ada Lovelace")
    session.commit()
    for address in ("/people/new", f"/people/{ada.id}/edit", "/tasks/new", f"/people/{ada.id}"):
        page = client.get(address)
        assert page.status_code == 200
        assert page.headers["cache-control"] == "no-store", address
        assert _form_page(page.text) is None  # (it is the form's page itself)


def test_a_refused_form_is_not_kept_and_takes_its_page_s_address(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    ada = f.person(session, workspace.id, "Ada Lovelace")
    session.commit()
    new = client.post("/people", data={"phones": "abc"}, headers={"Referer": f"{LOCAL}/people/new"})
    edit = client.post(
        f"/people/{ada.id}",
        data={"display_name": "Ada", "phones": "abc"},
        headers={"Referer": f"{LOCAL}/people/{ada.id}/edit"},
    )
    task = client.post(
        "/tasks", data={"title": ""}, headers={"Referer": f"{LOCAL}/tasks/new?person_id=3"}
    )
    for refused, address in (
        (new, "/people/new"),
        (edit, f"/people/{ada.id}/edit"),
        (task, "/tasks/new?person_id=3"),
    ):
        assert refused.status_code == 422
        assert refused.headers["cache-control"] == "no-store"
        assert _form_page(refused.text) == address
        assert "/static/form-page.js" in refused.text


def test_a_refused_form_takes_no_address_from_another_site(client: TestClient) -> None:
    elsewhere = client.post(
        "/people", data={"phones": "abc"}, headers={"Referer": "http://evil.example/people/new"}
    )
    unsaid = client.post("/people", data={"phones": "abc"})
    for refused in (elsewhere, unsaid):
        assert refused.status_code == 422
        assert refused.headers["cache-control"] == "no-store"
        assert _form_page(refused.text) is None


def test_a_page_answering_a_form_that_was_taken_may_be_kept(client: TestClient) -> None:
    """Back to a check's findings shows them again, rather than asking to send the form."""
    checked = client.post("/check", data={"text": "We are hiring a data analyst in Leeds."})
    assert checked.status_code == 200
    assert "cache-control" not in checked.headers
    assert _form_page(checked.text) is None
