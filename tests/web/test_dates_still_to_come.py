"""The forms refuse a contact, a tie or a birthday dated after today, beside the field.

A mistyped year (2062 for 2026) would otherwise count as recent contact for decades: it raises
the tie's strength and takes the person off keep-in-touch. The clock is pinned.
"""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

import factories
from goodword import clock
from goodword.connections.models import Connection
from goodword.interactions.models import Interaction
from goodword.workspaces.models import Workspace

NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: NOW.date())
    monkeypatch.setattr(clock, "now", lambda: NOW)


def _beside(page: str, name: str) -> str:
    found = re.search(rf'<p class="error" id="e-{name}">([^<]*)</p>', page)
    assert found, f"no message beside {name}"
    return html.unescape(found.group(1))


def _count(session: Session, model: type) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def test_a_call_dated_in_a_later_year_is_refused_beside_when(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    carol = factories.person(session, workspace.id, "Carol Díaz")
    form = {"kind": "call", "participant_person_id": [str(carol.id)]}

    refused = client.post("/interactions", data=form | {"occurred_at": "2031-01-01T10:00"})
    logged = client.post(
        "/interactions", data=form | {"occurred_at": "2026-11-25T10:00"}, follow_redirects=False
    )

    assert refused.status_code == 422
    assert _beside(refused.text, "occurred_at") == (
        "That day is still to come: give the day it happened."
    )
    assert 'value="2031-01-01T10:00"' in refused.text
    assert logged.status_code == 303
    assert _count(session, Interaction) == 1


def test_editing_a_call_into_the_future_is_refused(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    call = factories.interaction(session, workspace.id, kind="call", summary="Caught up")

    response = client.post(
        f"/interactions/{call.id}",
        data={"occurred_at": "2062-11-02T15:00", "kind": "call", "summary": "Caught up"},
    )

    assert response.status_code == 422
    assert "still to come" in _beside(response.text, "occurred_at")
    session.refresh(call)
    assert call.occurred_at.year == 2026


def test_a_connection_since_a_later_year_is_refused_beside_since(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    alice = factories.person(session, workspace.id, "Alice Chen")
    bob = factories.person(session, workspace.id, "Bob Stone")

    response = client.post(
        f"/people/{alice.id}/connections",
        data={"person_b_id": str(bob.id), "kind": "friend", "since": "2099-01-01"},
    )

    assert response.status_code == 422
    assert _beside(response.text, "since") == "That day is still to come: give the day it began."
    assert _count(session, Connection) == 0


def test_a_birthday_still_to_come_is_refused_beside_birthday(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    response = client.post("/people", data={"display_name": "Dan", "birthday": "2030-01-01"})

    assert response.status_code == 422
    assert _beside(response.text, "birthday") == (
        "That day is still to come: give the day they were born."
    )
