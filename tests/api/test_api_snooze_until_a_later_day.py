"""A snooze ends after today: the API refuses a date already here or gone, as the page does,
since both check a status change with the same schema."""

from __future__ import annotations

from datetime import date

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError
from sqlalchemy.orm import Session

import factories
from goodword import clock
from goodword.forms import field_errors
from goodword.tasks.models import TaskStatus
from goodword.tasks.schemas import TaskStatusChange
from goodword.workspaces.models import Workspace

TODAY = date(2026, 11, 27)


@pytest.fixture(autouse=True)
def _fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: TODAY)


@pytest.mark.parametrize("until", ["2020-01-01", "2026-11-27"])
def test_the_api_refuses_a_snooze_that_would_be_over_already(
    client: TestClient, session: Session, workspace: Workspace, until: str
) -> None:
    task = factories.task(session, workspace.id)

    response = client.post(
        f"/api/v1/tasks/{task.id}/status", json={"status": "snoozed", "snoozed_until": until}
    )

    assert response.status_code == 422
    assert response.json()["error"]["fields"] == [
        {"field": "snoozed_until", "message": "Pick a day after today."}
    ]
    session.expire_all()
    assert task.status is TaskStatus.OPEN and task.snoozed_until is None


def test_tomorrow_is_a_snooze(client: TestClient, session: Session, workspace: Workspace) -> None:
    task = factories.task(session, workspace.id)
    response = client.post(
        f"/api/v1/tasks/{task.id}/status",
        json={"status": "snoozed", "snoozed_until": "2026-11-28"},
    )
    assert response.status_code == 200
    assert response.json()["snoozed_until"] == "2026-11-28"


def test_the_schema_the_page_and_the_api_share_says_it_of_the_date() -> None:
    with pytest.raises(ValidationError) as caught:
        TaskStatusChange.model_validate({"status": "snoozed", "snoozed_until": "2026-11-01"})
    assert [(e.field, e.message) for e in field_errors(caught.value.errors())] == [
        ("snoozed_until", "Pick a day after today.")
    ]
    # Only a snooze has a day to end on.
    assert TaskStatusChange.model_validate({"status": "done"}).snoozed_until is None
