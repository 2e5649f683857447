"""The "I reported back" button and the playbook's task to report back are one thing: either
one, on the pages or through the API, takes care of the other."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

import factories as f
from goodword.playbooks.engine import find_task
from goodword.referrals import service as referrals
from goodword.referrals.models import AskStatus, ReferralAsk
from goodword.referrals.schemas import ReferralAskCreate
from goodword.tasks.models import Task, TaskStatus
from goodword.workspaces.models import Workspace


def introduced(client: TestClient, session: Session, ws: int) -> ReferralAsk:
    person = f.person(session, ws, "Kim Lee")
    target = f.organization(session, ws, "Lumenfold")
    ask = referrals.create(
        session,
        workspace_id=ws,
        data=ReferralAskCreate(person_id=person.id, target_organization_id=target.id),
    )
    for status in ("asked", "introduced"):
        assert client.post(f"/referrals/{ask.id}/advance", data={"status": status}).is_success
    return ask


def report_back(session: Session, ws: int, ask: ReferralAsk) -> Task:
    session.expire_all()
    key = referrals.report_back_key(ask.id, AskStatus.INTRODUCED)
    task = find_task(session, workspace_id=ws, key=key)
    assert task is not None
    return task


def test_i_reported_back_marks_the_task_done(
    client: TestClient, session: Session, workspace: Workspace
):
    ask = introduced(client, session, workspace.id)
    task = report_back(session, workspace.id, ask)
    assert task.status is TaskStatus.OPEN
    assert "Report back to Kim Lee on Lumenfold" in client.get("/tasks").text
    client.post(f"/referrals/{ask.id}/reported-back", data={"list": "open"})
    assert report_back(session, workspace.id, ask).status is TaskStatus.DONE
    assert "Report back to Kim Lee on Lumenfold" not in client.get("/tasks").text


def test_the_task_done_on_the_tasks_page_records_the_report_back(
    client: TestClient, session: Session, workspace: Workspace
):
    ask = introduced(client, session, workspace.id)
    task = report_back(session, workspace.id, ask)
    done = client.post(f"/tasks/{task.id}/status", data={"status": "done"})
    assert done.is_success
    page = client.get("/referrals")
    assert f'id="ask-{ask.id}"' not in page.text and "Nothing here needs you now" in page.text
    read = client.get(f"/api/v1/referrals/{ask.id}").json()
    assert read["reported_back_on"] == "2026-11-25"


def test_the_task_done_through_the_api_records_the_report_back(
    client: TestClient, session: Session, workspace: Workspace
):
    ask = introduced(client, session, workspace.id)
    task = report_back(session, workspace.id, ask)
    done = client.post(f"/api/v1/tasks/{task.id}/status", json={"status": "done"})
    assert done.json()["status"] == "done"
    read = client.get(f"/api/v1/referrals/{ask.id}").json()
    assert read["reported_back_on"] == "2026-11-25"
    assert client.get("/api/v1/referrals", params={"open": True}).json()["items"] == []
