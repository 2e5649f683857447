"""Text too long and dates out of any plan are refused where they come in (web, API),
naming the field, and change nothing; they were 500s."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

import factories as f
from goodword.interactions.models import Interaction
from goodword.references.models import ReferenceUse
from goodword.referrals import service as referrals
from goodword.referrals.models import AskStatus
from goodword.referrals.schemas import ReferralAskCreate
from goodword.tasks.models import Task, TaskStatus
from goodword.workspaces.models import Workspace

HTMX = {"HX-Request": "true"}


def test_a_too_long_introduction_name_shows_in_the_asks_row(
    client: TestClient, session: Session, workspace: Workspace
):
    kim = f.person(session, workspace.id, "Kim Lee")
    ask = referrals.create(
        session, workspace_id=workspace.id, data=ReferralAskCreate(person_id=kim.id)
    )
    client.post(f"/referrals/{ask.id}/advance", data={"status": "asked"})
    long = {"status": "introduced", "introduced_to": "x" * 201}
    row = client.post(f"/referrals/{ask.id}/advance", data=long, headers=HTMX)
    assert row.status_code == 422 and 'role="alert"' in row.text
    assert "Keep this to 200 characters or fewer." in row.text
    session.expire_all()
    assert referrals.get(session, workspace_id=workspace.id, ask_id=ask.id).status is (
        AskStatus.ASKED
    )


def test_a_launch_or_a_call_with_too_much_text_is_refused(
    client: TestClient, session: Session, workspace: Workspace, make_reference: Any
):
    reference = make_reference(f.person(session, workspace.id, "Ada Lovelace"))
    manager = f.person(session, workspace.id, "Morgan Reyes")
    job = f.opportunity(session, workspace.id, hiring_manager_id=manager.id)
    session.commit()
    launch = f"/opportunities/{job.id}/references/launch"
    page = client.post(launch, data={"reference_id": reference.id, "stress_points": "x" * 5001})
    assert page.status_code == 422 and "Keep what to stress to 5,000 characters" in page.text
    assert session.scalar(select(func.count()).select_from(ReferenceUse)) == 0

    ok = client.post(launch, data={"reference_id": reference.id, "stress_points": "care"})
    assert ok.status_code == 200
    use = session.scalars(select(ReferenceUse)).one()
    called = client.post(
        f"/references/uses/{use.id}", data={"status": "called", "outcome": "x" * 5001}
    )
    assert called.status_code == 422
    assert "Outcome: Keep this to 5,000 characters or fewer." in called.text
    session.expire_all()
    assert session.get(ReferenceUse, use.id).called_on is None


def test_a_meeting_in_year_one_or_a_snooze_to_9999_is_refused(
    client: TestClient, session: Session, workspace: Workspace
):
    ada = f.person(session, workspace.id, "Ada Lovelace")
    task = f.task(session, workspace.id, person_id=ada.id)
    session.commit()
    for when in ("0001-01-01T00:00", "9999-12-31T23:59"):
        page = client.post(
            "/interactions",
            data={"kind": "call", "occurred_at": when, "participant_person_id": ada.id},
        )
        assert page.status_code == 422 and "is the year right" in page.text
    api = client.post(
        "/api/v1/interactions",
        json={"kind": "call", "occurred_at": "9999-12-31T23:59:00-05:00",
              "participants": [{"person_id": ada.id}]},
    )  # fmt: skip
    assert api.status_code == 422
    assert [e["field"] for e in api.json()["error"]["fields"]] == ["occurred_at"]
    assert session.scalar(select(func.count()).select_from(Interaction)) == 0

    snooze = client.post(
        f"/api/v1/tasks/{task.id}/status", json={"status": "snoozed", "snoozed_until": "9999-12-31"}
    )
    assert snooze.status_code == 422
    session.expire_all()
    assert session.get(Task, task.id).status is TaskStatus.OPEN
    assert client.get("/api/v1/calendar.ics").status_code == 200
