"""The interaction form refuses an interaction with nobody in it and nothing said, beside the
people it asks for, and keeps what was typed."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

import factories
from goodword.interactions.models import Interaction
from goodword.workspaces.models import Workspace

SAID = "Choose at least one person who took part, or write a summary above."


def _count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Interaction)) or 0


def test_logging_nothing_is_refused_beside_the_people(client: TestClient, session: Session) -> None:
    page = client.get("/interactions/new")
    when = re.search(r'name="occurred_at" type="datetime-local" value="([^"]+)"', page.text)
    assert when, "the form offers the time now"
    # Only what the blank form sends when "Log it" is clicked at once.
    response = client.post(
        "/interactions",
        data={"occurred_at": when.group(1), "kind": "meeting", "participant_person_id": ""},
        follow_redirects=False,
    )
    assert response.status_code == 422
    assert f'<p class="error" id="e-participants">{SAID}</p>' in response.text
    # The summary leads to the first person's menu; each menu is marked and described by it.
    assert '<a href="#p-person-1">People involved</a>' in response.text
    menus = re.findall(
        r'<select id="p-person-\d+" name="participant_person_id"[^>]*>', response.text
    )
    assert menus
    assert all('aria-invalid="true" aria-describedby="e-participants"' in menu for menu in menus)
    assert '<fieldset id="f-participants" class="has-error" aria-describedby="e-participants">' in (
        response.text
    )
    assert "Interaction logged." not in response.text
    assert _count(session) == 0


def test_a_summary_alone_or_a_person_alone_is_logged(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    noted = client.post(
        "/interactions",
        data={"occurred_at": "2026-11-02T15:30", "kind": "note", "summary": "Read their post."},
        follow_redirects=False,
    )
    assert noted.status_code == 303
    ada = factories.person(session, workspace.id, "Ada Lovelace")
    met = client.post(
        "/interactions",
        data={
            "occurred_at": "2026-11-02T15:30",
            "kind": "meeting",
            "participant_person_id": ada.id,
        },
        follow_redirects=False,
    )
    assert met.status_code == 303
    assert _count(session) == 2


def test_an_edit_that_removes_everyone_and_the_summary_is_refused(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    ada = factories.person(session, workspace.id, "Ada Lovelace")
    logged = factories.interaction(session, workspace.id, participants=[{"person_id": ada.id}])
    response = client.post(
        f"/interactions/{logged.id}",
        data={"occurred_at": "2026-11-02T15:30", "kind": "meeting", "summary": "  "},
    )
    assert response.status_code == 422
    assert SAID in response.text
    session.expire_all()
    assert [p.person_id for p in session.get(Interaction, logged.id).participants] == [ada.id]


def test_a_person_number_no_record_can_have_is_refused_not_a_crash(
    client: TestClient, session: Session
) -> None:
    for odd in ("²", "1" * 5000):
        response = client.post(
            "/interactions",
            data={"occurred_at": "2026-11-25T10:00", "kind": "call", "participant_person_id": odd},
        )
        assert response.status_code == 422
    assert _count(session) == 0
